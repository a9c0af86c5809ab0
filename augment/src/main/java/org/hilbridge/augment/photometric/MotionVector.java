package org.hilbridge.augment.photometric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * The motion blur's path set-up for a row with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK
 * 17), a vector of pixels at a time: each pixel's flow over the exposure (du, dv), its tap count, and its 16.16
 * fixed-point step and start, as {@link LensBlur}'s plain path computes them, left as floats for the scalar loop to
 * cast: C2 on JDK 17 does not intrinsify the Vector API's float-to-int cast (F2I runs as Java code: the pass with it
 * took 2.3 times the plain pass's time), so the count is built from comparisons instead of a cast:
 * (int) length + 1 = 1 + #{k in 1..8 : length >= k} for 0 &lt;= length &lt; 9, and 9 where length &lt; 9 fails
 * (NaN included), as the plain path's ternary does. Every other value is the same single-precision operation in the
 * same order as the plain path's (a sum's operands swapped where that is exact: IEEE 754 addition and multiplication
 * commute), and 1 / (n - 1) is the division the plain path's table holds, so each lane equals the plain path's
 * value bit for bit ({@code LensBlurTest}). Stateless.
 */
final class MotionVector {
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    /** 0, 1, 2, ... one per lane: the lanes' offsets along the row. */
    private static final float[] LANES = new float[F.length()];

    static {
        for (int i = 0; i < LANES.length; i++) {
            LANES[i] = i;
        }
    }

    private MotionVector() {
    }

    /**
     * Sets up pixels u = 0 .. of row v (depths from depth[base + u]) a whole vector at a time; returns how many it set
     * up (the rest, fewer than a vector, are the caller's). flowU0 = -fx vx, flowV = -fy vy + (v - cy) vz.
     */
    static int setUp(float[] depth, int base, int w, int v, float exposureS, float flowU0, float cx, float vz, float flowV,
                     float[] taps, float[] stepU, float[] stepV, float[] startU, float[] startV) {
        int n = F.length(), u = 0;
        FloatVector lanes = FloatVector.fromArray(F, LANES, 0);
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f), exposure = FloatVector.broadcast(F, exposureS);
        FloatVector rowV = FloatVector.broadcast(F, (float) v);
        float fixedOne = LensBlur.FIXED_ONE;
        for (; u <= w - n; u += n) {
            FloatVector z = FloatVector.fromArray(F, depth, base + u);
            // The sky (z infinite) and a missing or bad depth (0, negative, NaN) do not move: scale 0.
            VectorMask<Float> finite = z.compare(VectorOperators.GT, 0f).and(z.compare(VectorOperators.LT, Float.POSITIVE_INFINITY));
            FloatVector scale = zero.blend(exposure.div(z), finite);
            FloatVector uF = lanes.add((float) u);
            FloatVector du = uF.sub(cx).mul(vz).add(flowU0).mul(scale);
            FloatVector dv = scale.mul(flowV);
            FloatVector length = du.abs().add(dv.abs());
            // Written out, not a loop over k: the pass ran 5 % faster so (in a variant of this loop, -XX:+PrintInlining
            // showed a store of the vector the loop carried not intrinsified: a boxed vector).
            FloatVector count = one.add(zero.blend(one, length.compare(VectorOperators.GE, 1f)))
                    .add(zero.blend(one, length.compare(VectorOperators.GE, 2f)))
                    .add(zero.blend(one, length.compare(VectorOperators.GE, 3f)))
                    .add(zero.blend(one, length.compare(VectorOperators.GE, 4f)))
                    .add(zero.blend(one, length.compare(VectorOperators.GE, 5f)))
                    .add(zero.blend(one, length.compare(VectorOperators.GE, 6f)))
                    .add(zero.blend(one, length.compare(VectorOperators.GE, 7f)))
                    .add(zero.blend(one, length.compare(VectorOperators.GE, 8f)))
                    .blend(LensBlur.MAX_TAPS, length.compare(VectorOperators.LT, (float) LensBlur.MAX_TAPS).not());
            FloatVector perTap = one.div(count.sub(1f));   // infinite where count is 1: never read
            count.intoArray(taps, u);
            du.mul(perTap).mul(fixedOne).intoArray(stepU, u);
            dv.mul(perTap).mul(fixedOne).intoArray(stepV, u);
            uF.sub(du.mul(0.5f)).add(0.5f).mul(fixedOne).intoArray(startU, u);
            rowV.sub(dv.mul(0.5f)).add(0.5f).mul(fixedOne).intoArray(startV, u);
        }
        return u;
    }
}
