package org.hilbridge.augment.photometric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * {@link Defocus}'s sweeps with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK 17), a whole
 * vector of outputs at a time: three taps summed, dst[d + i] = (a[ao + i] + b[bo + i]) + c[co + i], times a scale for
 * the last taps of a box; and both boxes of radius 1 in one ({@link #tent5}). The taps are unaligned vector loads at
 * any offset (a box along a row reads one plane at x - r .. x + r), where C2's superword on JDK 17 leaves a loop whose
 * array index carries an offset scalar. Each lane is the plain path's IEEE sum in the plain path's order (Java never
 * contracts into a fused multiply-add), so the same floats ({@code DefocusTest}). The sums return how many i they did
 * (whole vectors from 0); the rest, fewer than a vector, are the caller's; their dst may be a tap at the same offset
 * (each lane is loaded before it is stored). Loaded only where {@link SceneRow#vectorApiUsable}. Stateless.
 */
final class DefocusVector {
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;

    private DefocusVector() {
    }

    /** dst[d + i] = (a[ao + i] + b[bo + i]) + c[co + i] for whole vectors of i in [0, n); returns how many i. */
    static int sum3(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] dst, int d, int n) {
        int step = F.length(), i = 0;
        for (; i <= n - step; i += step) {
            FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).add(FloatVector.fromArray(F, c, co + i))
                    .intoArray(dst, d + i);
        }
        return i;
    }

    /** dst[d + i] = ((a[ao + i] + b[bo + i]) + c[co + i]) * scale for whole vectors of i in [0, n); returns how many i. */
    static int sum3Scaled(float[] a, int ao, float[] b, int bo, float[] c, int co, float scale, float[] dst, int d, int n) {
        int step = F.length(), i = 0;
        for (; i <= n - step; i += step) {
            FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).add(FloatVector.fromArray(F, c, co + i))
                    .mul(scale).intoArray(dst, d + i);
        }
        return i;
    }

    /** dst[d + i] = sum[s + i] * scale for whole vectors of i in [0, n); returns how many i. */
    static int scale(float[] sum, int s, float scale, float[] dst, int d, int n) {
        int step = F.length(), i = 0;
        for (; i <= n - step; i += step) {
            FloatVector.fromArray(F, sum, s + i).mul(scale).intoArray(dst, d + i);
        }
        return i;
    }

    /**
     * A running box's step, sum[s + i] = (sum[s + i] + enter[o + i]) - leave[o + i] and dst[d + i] = sum[s + i] * scale,
     * for whole vectors of i in [0, n); returns how many i.
     */
    static int slide(float[] sum, int s, float[] enter, float[] leave, int o, float scale, float[] dst, int d, int n) {
        int step = F.length(), i = 0;
        for (; i <= n - step; i += step) {
            FloatVector next = FloatVector.fromArray(F, sum, s + i).add(FloatVector.fromArray(F, enter, o + i))
                    .sub(FloatVector.fromArray(F, leave, o + i));
            next.intoArray(sum, s + i);
            next.mul(scale).intoArray(dst, d + i);
        }
        return i;
    }

    /**
     * Whether a[0 .. n) holds a NaN, an infinity or a value of magnitude over limit: the lanewise maximum of the
     * magnitudes (NaN wins, as in Math.max), then the rest one by one.
     */
    static boolean wild(float[] a, int n, float limit) {
        int step = F.length(), i = 0;
        FloatVector most = FloatVector.zero(F);
        for (; i <= n - step; i += step) {
            most = most.max(FloatVector.fromArray(F, a, i).abs());
        }
        float m = most.reduceLanes(jdk.incubator.vector.VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return !(m <= limit);
    }

    /**
     * Two boxes of radius 1 in one: dst[d + i] = ((t(a, b, c) + t(b, c, d)) + t(c, d, e)) * scale with t(p, q, s) =
     * ((p + q) + s) * scale over the five taps a .. e at their offsets plus i, for i in [0, n): the box of the box,
     * each inner box as {@link #sum3Scaled} makes it, held in registers (five loads and one store a vector, against
     * six and two for two passes). Where n is not a whole number of vectors, the last vector is the one that ends at
     * n (it recomputes some outputs, the same floats: dst must not be a tap). Returns how many i it did: n, or 0 where
     * n is under one vector.
     */
    static int tent5(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] d, int dOff, float[] e, int eo, float scale,
                     float[] dst, int o, int n) {
        int step = F.length(), i = 0;
        if (n < step) {
            return 0;
        }
        for (; i <= n - step; i += step) {
            tent5At(a, ao, b, bo, c, co, d, dOff, e, eo, scale, dst, o, i);
        }
        if (i < n) {
            tent5At(a, ao, b, bo, c, co, d, dOff, e, eo, scale, dst, o, n - step);
        }
        return n;
    }

    /** {@link #tent5} for the vector at i. */
    private static void tent5At(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] d, int dOff, float[] e, int eo, float scale,
                                float[] dst, int o, int i) {
        FloatVector va = FloatVector.fromArray(F, a, ao + i), vb = FloatVector.fromArray(F, b, bo + i), vc = FloatVector.fromArray(F, c, co + i);
        FloatVector vd = FloatVector.fromArray(F, d, dOff + i), ve = FloatVector.fromArray(F, e, eo + i);
        FloatVector before = va.add(vb).add(vc).mul(scale), here = vb.add(vc).add(vd).mul(scale), after = vc.add(vd).add(ve).mul(scale);
        before.add(here).add(after).mul(scale).intoArray(dst, o + i);
    }
}
