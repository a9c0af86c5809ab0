package org.hilbridge.augment.gate;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One row of {@link Ssim}'s map with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK 17): the
 * blurred statistics widened from float to double lanes, the SSIM and structure terms of 8 pixels (AVX-512) at once.
 * C2 on JDK 17 leaves the scalar loop scalar (the float to double widening keeps it from vectorising), and its two
 * divisions and a square root a pixel took 4.6 of the gate's 32 ms a 1280x720 frame; this path about 0.7. Bit-identical to {@link Ssim#mapRowScalar}: the same
 * IEEE operations in the same order on each lane (add, multiply, divide and square root are correctly rounded, MIN and
 * MAX are Math.min and Math.max). Loaded only where the JVM runs with {@code --add-modules jdk.incubator.vector}
 * ({@link Ssim#mapVectorUsable}). Stateless.
 */
final class SsimMapVector {
    /** 8 doubles (AVX-512), widened from the lower 8 floats of a {@link BoxVector#F} vector (16 floats on AVX-512). */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Float> F = BoxVector.F;

    private SsimMapVector() {
    }

    /** {@link Ssim#mapRowScalar} for pixels [from, from + n) of the row: ssim, va x structure and va of each into the three rows at [0, n). */
    static void mapRow(float[] a, float[] b, float[] aa, float[] bb, float[] ab, int from, int n, double addedNoise,
                       double[] ssim, double[] weighted, double[] weight) {
        // Each widening loads a whole float vector (16 floats where there are 8 doubles), so the loop stops where the
        // last load would pass the row; the scalar path takes the rest (the same values). The widenings are written
        // out here, not in a helper returning a DoubleVector: on JDK 25, C2 sometimes left such a helper out of line
        // ("low call site frequency"), boxing its vectors: VectorShapesTest then failed with 86-190 kB a 96x72 frame,
        // JFR's allocation samples of the late frames all in the helper and here (2 of 20 mvn runs of the JPEG codes in block order, 4 of 8 earlier).
        int lanes = D.length(), i = 0;
        for (; i <= n - F.length(); i += lanes) {
            int p = from + i;
            DoubleVector ma = (DoubleVector) FloatVector.fromArray(F, a, p).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector mb = (DoubleVector) FloatVector.fromArray(F, b, p).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector va = ((DoubleVector) FloatVector.fromArray(F, aa, p).convertShape(VectorOperators.F2D, D, 0)).sub(ma.mul(ma)).max(0);
            DoubleVector vb = ((DoubleVector) FloatVector.fromArray(F, bb, p).convertShape(VectorOperators.F2D, D, 0)).sub(mb.mul(mb)).max(0);
            DoubleVector cov = ((DoubleVector) FloatVector.fromArray(F, ab, p).convertShape(VectorOperators.F2D, D, 0)).sub(ma.mul(mb));
            DoubleVector num = ma.mul(2).mul(mb).add(Ssim.C1).mul(cov.mul(2).add(Ssim.C2));
            DoubleVector den = ma.mul(ma).add(mb.mul(mb)).add(Ssim.C1).mul(va.add(vb).add(Ssim.C2));
            num.div(den).intoArray(ssim, i);
            DoubleVector root = va.mul(vb.sub(addedNoise).max(0).add(Ssim.STRUCTURE_FLOOR)).add(1e-12).sqrt();
            DoubleVector st = cov.div(root).min(1).max(-1);
            va.mul(st).intoArray(weighted, i);
            va.intoArray(weight, i);
        }
        Ssim.mapRowScalar(a, b, aa, bb, ab, from + i, n - i, addedNoise, ssim, weighted, weight, i);
    }

    /** Whether the JIT's vectors hold 8 doubles (AVX-512); on narrower ones the 512-bit vectors would not be intrinsics. */
    static boolean wideEnough() {
        return DoubleVector.SPECIES_PREFERRED.length() >= 8;
    }
}
