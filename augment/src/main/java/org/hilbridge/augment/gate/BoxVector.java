package org.hilbridge.augment.gate;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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
     * One species for every float vector of the gate (SsimMapVector's too): FloatVector's methods are shared, and where
     * they meet two vector classes their type profile no longer lets C2 bind their calls, and every vector is boxed
     * (measured: the cascade 20 times slower when the column filter used the 512-bit species beside this one).
     */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    private BoxVector() {
    }

    /**
     * Box filter of half-width r along a row of w pixels of 8 lanes, from the row padded by r pixels at the left and
     * r + 1 at the right (BoxCascade.pad), into dst from dOff: one loop, the running sum a vector carried through it.
     */
    static void rowFilter(float[] padded, int w, int r, float inv, float[] dst, int dOff) {
        int lanes = BoxCascade.LANES;
        FloatVector s = FloatVector.zero(F);
        for (int k = 0; k <= 2 * r; k++) {
            s = s.add(FloatVector.fromArray(F, padded, k * lanes));
        }
        int enter = (2 * r + 1) * lanes;
        for (int i = 0; i < w; i++) {
            int o = i * lanes;
            s.mul(inv).intoArray(dst, dOff + o);
            s = s.add(FloatVector.fromArray(F, padded, enter + o).sub(FloatVector.fromArray(F, padded, o)));
        }
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

    /** Whether the preferred float vectors hold 8 lanes or more (a 256-bit vector is then one register). */
    static boolean wideEnough() {
        return FloatVector.SPECIES_PREFERRED.length() >= BoxCascade.LANES;
    }
}
