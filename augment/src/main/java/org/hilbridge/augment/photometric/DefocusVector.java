package org.hilbridge.augment.photometric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * {@link Defocus}'s one kernel with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK 17): three
 * taps summed, dst[d + i] = (a[ao + i] + b[bo + i]) + c[co + i], then times a scale for the last taps of a box, a
 * whole vector of i at a time. The taps are unaligned vector loads at any offset (a box along a row reads one plane at
 * x - 1, x and x + 1), where C2's superword on JDK 17 leaves a loop whose array index carries an offset scalar. Each
 * lane is the scalar path's IEEE sum in the scalar path's order (Java never contracts into a fused multiply-add), so the
 * same floats ({@code DefocusTest}). Each method returns how many i it did (whole vectors from 0); the rest, fewer than a
 * vector, are the caller's. dst may be a, b or c at the same offset (each lane is loaded before it is stored). Loaded
 * only where {@link SceneRow#vectorApiUsable}. Stateless.
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
}
