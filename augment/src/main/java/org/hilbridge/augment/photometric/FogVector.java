package org.hilbridge.augment.photometric;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * The scene pass's arithmetic after the decode, for one row, in one Vector API kernel: the wet-terrain darkening (the
 * class bytes widened to int lanes and the terrain test a lane mask, as {@link WetVector}), Koschmieder's
 * transmittance t = exp(-beta d) ({@link NegExp}'s
 * polynomial and squarings, lane by lane) and the blend L t + A (1 - t), all in registers: one load and one store a
 * plane. The scalar path ({@link SceneRow}) runs the same float operations in the same order as separate loops (Java
 * never contracts a multiply and an add into one FMA, each lanewise operation is the scalar operator's IEEE result,
 * and Math.max and Math.min are comparisons and blends with their rules for NaN and -0), so both give the same bits
 * ({@code FogVectorTest}). Pixels whose transmittance is exactly 0 are neither decoded nor computed ({@link
 * #decodeSeen}); on relit rows, neither relit ({@link SceneRow}'s fogVector runs {@link RelightVector#ratios} between the
 * two passes, on the vectors not fogged, and the kernel multiplies the ratios in). Separate loops
 * on JDK 17: the wet darkening (WetVector), the transmittance (C2's superword) and the blend each loaded and stored
 * the planes; the transmittance computed inside the blend's loop made C2 stop vectorising it (augment/PERFORMANCE.md).
 * Loaded only where the JVM runs with {@code --add-modules jdk.incubator.vector} ({@link SceneRow#vectorApiUsable}).
 * Stateless.
 */
final class FogVector {
    /** The module's one float and int shape ({@link VectorShapes}) and the byte species with as many lanes, as {@link WetVector}. */
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final VectorSpecies<Integer> I = VectorShapes.INT;
    private static final VectorSpecies<Byte> B = VectorShapes.BYTE;

    private FogVector() {
    }

    /**
     * The first of two passes over a row with fog: marks each whole vector of pixels whose every lane has t = 0 exactly
     * (beta d &gt;= 20: {@link NegExp}) in {@code fogged} (one entry a vector, from index 0) and stores 0 into its
     * pixels; decodes every other pixel of row [base, base + w) of the rgb8 frame into the planes; returns whether the
     * row's classes hold asphalt (ids 2, 3), whose pixels take the sky's reflection on wet ground.
     *
     * <p>A fogged pixel is the airlight whatever its code: L0 k 0 + A 1 = A for a finite L0 k &gt;= 0, so its code need
     * not be decoded. Where the sky's reflection on asphalt comes in (from the normals) the caller runs every step on the
     * 0 stored instead: 0 in place of a finite code's radiance gives the same product with t = 0, so the same
     * floats again, whatever the normals. Two passes, so that the kernel's vector loads do not wait for the decode's
     * scalar stores of the same lanes (a load is not forwarded from 16 pending stores). Each vector is decoded right
     * after its test: decoding runs of unfogged vectors in one call, or the span from the row's first to its last
     * unfogged pixel, measured about 10 % slower (scene rows, thread CPU p50, one JVM, rotating).
     */
    static boolean decodeSeen(SrgbCurve srgb, byte[] rgb, byte[] cls, float[] range, int base, int w, float beta, boolean[] fogged,
                              float[] r, float[] g, float[] b) {
        FloatVector zero = FloatVector.zero(F);
        VectorMask<Integer> asphalt = I.maskAll(false);
        int n = F.length(), u = 0;
        for (int i = 0; u <= w - n; u += n, i++) {
            // Ids 2 and 3, on int lanes as WetVector tests them: with a byte mask's or and anyTrue here, 2 of 3 JVMs
            // running FogVectorTest then FogPhysicsTest allocated 44928 bytes a 96x72 relit frame (where WetVector
            // runs), 0 of 3 with int lanes. Not under a condition: a mask merged from two branches stays an object.
            IntVector c = classes(cls, base + u);
            asphalt = asphalt.or(c.compare(VectorOperators.GE, 2).and(c.compare(VectorOperators.LE, 3)));
            boolean all = FloatVector.fromArray(F, range, base + u).mul(beta).compare(VectorOperators.GE, NegExp.MAX_X).allTrue();
            fogged[i] = all;
            if (all) {
                zero.intoArray(r, u);
                zero.intoArray(g, u);
                zero.intoArray(b, u);
            } else {
                srgb.decodeSpan(rgb, 3 * base, u, u + n, r, g, b);
            }
        }
        srgb.decodeSpan(rgb, 3 * base, u, w, r, g, b);
        boolean found = asphalt.anyTrue();
        for (; u < w; u++) {
            found |= (cls[base + u] & 0xFE) == 2;
        }
        return found;
    }

    /**
     * The second pass after {@link #decodeSeen}, for a row without asphalt: r, g, b[u] = x ratio k t + a (1 - t) with x
     * the plane's value, ratio = ratios[u] (the relighting's, {@link RelightVector#ratios}; 1 on a row not relit: x 1
     * is exact), k = dry where cls[base + u] is terrain (ids 2 to 10) and 1 elsewhere, t = exp(-beta range[base + u])
     * as {@link NegExp#expNeg}, on every whole vector not marked fogged: the same operations in the same order as the
     * scalar path's separate loops (relit, darkened, blended), so the same floats; the airlight a stored into the
     * fogged ones (the same floats: see decodeSeen). The pixels past the whole vectors come relit already ({@link
     * SceneRow}'s scalar relighting) and are darkened and blended here. With the ratio multiplied in here, the
     * relighting stores one ratio a pixel instead of loading and storing the three planes.
     */
    static void wetFogSeen(byte[] cls, float dry, float[] range, int base, int w, float beta, boolean[] fogged, float[] ratios,
                           float ar, float ag, float ab, float[] r, float[] g, float[] b) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector airR = FloatVector.broadcast(F, ar), airG = FloatVector.broadcast(F, ag), airB = FloatVector.broadcast(F, ab);
        int n = F.length(), u = 0;
        for (int i = 0; u <= w - n; u += n, i++) {
            if (fogged[i]) {
                airR.intoArray(r, u);
                airG.intoArray(g, u);
                airB.intoArray(b, u);
                continue;
            }
            FloatVector ratio = FloatVector.fromArray(F, ratios, u);
            FloatVector k = one.blend(dry, terrain(cls, base + u));
            FloatVector t = transmittance(FloatVector.fromArray(F, range, base + u).mul(beta));
            FloatVector q = one.sub(t);
            FloatVector.fromArray(F, r, u).mul(ratio).mul(k).mul(t).add(q.mul(ar)).intoArray(r, u);
            FloatVector.fromArray(F, g, u).mul(ratio).mul(k).mul(t).add(q.mul(ag)).intoArray(g, u);
            FloatVector.fromArray(F, b, u).mul(ratio).mul(k).mul(t).add(q.mul(ab)).intoArray(b, u);
        }
        for (; u < w; u++) {   // as SceneRow's scalar loops: darkened, then blended
            int c = cls[base + u] & 0xFF;
            float k = c >= 2 && c <= 10 ? dry : 1f;
            float t = NegExp.expNeg(beta * range[base + u]), q = 1 - t;
            r[u] = r[u] * k * t + ar * q;
            g[u] = g[u] * k * t + ag * q;
            b[u] = b[u] * k * t + ab * q;
        }
    }

    /** Pixels a vector of the kernels: {@link #decodeSeen}'s fogged entry i stands for pixels [i lanes, (i + 1) lanes). */
    static int lanes() {
        return F.length();
    }

    /** Entries {@link #decodeSeen} needs for a row of w pixels. */
    static int vectorsIn(int w) {
        return w / F.length() + 1;
    }

    /** The terrain lanes (class ids 2 to 10) of the classes from index p, as a float mask. */
    private static VectorMask<Float> terrain(byte[] cls, int p) {
        IntVector c = classes(cls, p);
        return c.compare(VectorOperators.GE, 2).and(c.compare(VectorOperators.LE, 10)).cast(F);
    }

    /** The class ids from index p as int lanes (0 to 255). */
    private static IntVector classes(byte[] cls, int p) {
        return ((IntVector) ByteVector.fromArray(B, cls, p).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
    }

    /** {@link NegExp#expNeg} lane by lane: the same operations in the same order, so the same floats. */
    private static FloatVector transmittance(FloatVector x) {
        // Math.max(x, 0) and Math.min(.., 20) as a comparison and a blend each (C2's vector min and max take several
        // instructions for Java's rules on NaN and -0): x <= 0 (-0 included) gives +0, NaN fails every comparison and
        // stays NaN, as Math.max and Math.min give.
        FloatVector c = x.blend(0f, x.compare(VectorOperators.LE, 0f));
        c = c.blend(NegExp.MAX_X, c.compare(VectorOperators.GT, NegExp.MAX_X));
        FloatVector y = c.mul(1f / 32);
        // Horner, innermost first: a - y p as one subtraction a lane, as the scalar expression is evaluated.
        FloatVector p = FloatVector.broadcast(F, 1f / 720).sub(y.mul(1f / 5040));
        p = FloatVector.broadcast(F, 1f / 120).sub(y.mul(p));
        p = FloatVector.broadcast(F, 1f / 24).sub(y.mul(p));
        p = FloatVector.broadcast(F, 1f / 6).sub(y.mul(p));
        p = FloatVector.broadcast(F, 1f / 2).sub(y.mul(p));
        p = FloatVector.broadcast(F, 1f).sub(y.mul(p));
        p = FloatVector.broadcast(F, 1f).sub(y.mul(p));
        p = p.mul(p);
        p = p.mul(p);
        p = p.mul(p);
        p = p.mul(p);
        p = p.mul(p);
        FloatVector below = FloatVector.broadcast(F, NegExp.MAX_X).sub(c).mul(0x1.0p40f);
        below = below.blend(1f, below.compare(VectorOperators.GT, 1f));
        return p.mul(below);
    }
}
