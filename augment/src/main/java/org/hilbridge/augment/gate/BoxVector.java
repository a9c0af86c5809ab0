package org.hilbridge.augment.gate;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * {@link BoxCascade}'s filters with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK 17): along a
 * row, the 8 interleaved lanes of a pixel are one vector, so the 8 running sums move together, one vector addition a
 * pixel; down the columns, a row of running sums at a time. C2 on JDK 17 leaves both scalar (the running sum along a
 * row is a chain; the column loop writes two arrays it cannot tell apart). Bit-identical to the scalar paths: each lane
 * sees the same float additions, subtractions and multiplication in the same order. Loaded only where the JVM runs
 * with {@code --add-modules jdk.incubator.vector} ({@link BoxCascade#vectorUsable}). Stateless.
 */
final class BoxVector {
    /**
     * One species for every float vector of the gate (SsimMapVector's too), the module's one float shape
     * ({@link VectorShapes}): FloatVector's methods are shared, and where they meet two vector classes their type
     * profile no longer lets C2 bind their calls, and every vector is boxed (measured: the cascade 20 times slower when
     * the column filter used the 512-bit species beside this one).
     */
    static final VectorSpecies<Float> F = VectorShapes.FLOAT;

    private BoxVector() {
    }

    /**
     * Box filter of half-width r along a row of w pixels of 8 lanes, from the row padded by r pixels at the left and
     * r + 1 at the right (BoxCascade.pad), into dst from dOff: one loop, the running sum a vector carried through it.
     * With 16-float vectors (AVX-512) the upper 8 lanes carry the next pixel's sums along, unused: each store also
     * writes the next pixel's place, which the next store overwrites, and the last pixel goes out through
     * {@code last} (16 floats) so that nothing lands past the row. The loads stay inside the padded row: the last one,
     * at pixel w - 2's entering position, ends at the padded row's end.
     */
    static void rowFilter(float[] padded, int w, int r, float inv, float[] dst, int dOff, float[] last) {
        int lanes = BoxCascade.LANES;
        FloatVector s = FloatVector.zero(F);
        for (int k = 0; k <= 2 * r; k++) {
            s = s.add(FloatVector.fromArray(F, padded, k * lanes));
        }
        int enter = (2 * r + 1) * lanes;
        for (int i = 0; i < w - 1; i++) {
            int o = i * lanes;
            s.mul(inv).intoArray(dst, dOff + o);
            s = s.add(FloatVector.fromArray(F, padded, enter + o).sub(FloatVector.fromArray(F, padded, o)));
        }
        s.mul(inv).intoArray(last, 0);
        System.arraycopy(last, 0, dst, dOff + (w - 1) * lanes, lanes);
    }

    /** The column filter's step along a row of n floats: out = sum x inv, then sum += in[e..] - in[l..] (the entering and leaving rows). */
    static void columnStep(float[] sum, float[] in, int e, int l, float[] out, int n, float inv) {
        int i = 0;
        for (int step = F.length(); i <= n - step; i += step) {
            FloatVector s = FloatVector.fromArray(F, sum, i);
            s.mul(inv).intoArray(out, i);
            s.add(FloatVector.fromArray(F, in, e + i).sub(FloatVector.fromArray(F, in, l + i))).intoArray(sum, i);
        }
        for (; i < n; i++) {
            out[i] = sum[i] * inv;
            sum[i] += in[e + i] - in[l + i];
        }
    }

    /** Whether the module's float vectors hold 8 or 16 lanes (AVX2, AVX-512: {@link #rowFilter}'s spill is one pixel at most). */
    static boolean wideEnough() {
        return F.length() == BoxCascade.LANES || F.length() == 2 * BoxCascade.LANES;
    }
}
