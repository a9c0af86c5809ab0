package org.hilbridge.augment.photometric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * The sensor pass's noisy exposure of one row with the JDK's Vector API (module jdk.incubator.vector, an incubator in
 * JDK 17), a vector of pixels at a time, everything in registers from one load to one store a plane: the three
 * channels' counter hashes and Irwin-Hall deviates ({@link SensorRow#hash32}, {@link SensorRow#deviate}: int lanes,
 * the byte sum turned into a float by the 2^23 exponent trick, so no int-to-float cast, which C2 on JDK 17 leaves as
 * Java code), the Poisson-Gaussian sigma, saturation, the channel's gain and the sRGB encode's cell
 * ({@link SrgbCurve#cellPlusMagic}). C2 on JDK 17 vectorises each of these as separate loops over the planes at best
 * (and the deviates' table look-up not at all); here the row is read and written once. Each lane sees the same
 * single-precision operations in the same order as {@link SensorRow}'s scalar path (Java never fuses a multiply and
 * an add, and the lane's square root is correctly rounded as Math.sqrt is), so the output is bit for bit the same
 * ({@code SensorVectorTest}). Loaded only where the JVM runs with {@code --add-modules jdk.incubator.vector}
 * ({@link SceneRow#vectorApiUsable}). Stateless.
 */
final class SensorVector {
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final VectorSpecies<Integer> I = VectorShapes.INT;

    private SensorVector() {
    }

    /**
     * The row's three planes as {@link SensorRow#noisyCell} does each pixel: x = x level, then noise, saturation, gain
     * and the encode's cell in place (keys: the channels' row keys, see {@link SensorRow}).
     */
    static void noisy(float[] r, float[] g, float[] b, float[] level, int[] columnKey, int keyR, int keyG, int keyB,
                      float a, float noiseB, float gainR, float gainG, float gainB, int w) {
        plane(r, level, columnKey, keyR, a, noiseB, gainR, w);
        plane(g, level, columnKey, keyG, a, noiseB, gainG, w);
        plane(b, level, columnKey, keyB, a, noiseB, gainB, w);
    }

    /**
     * One plane, the hash and the deviate written out in the loop: a loop a plane, not one loop over the three
     * channels (with the three in one body C2 stops inlining, NodeCountInliningCutoff, and the vectors handed to the
     * call left over become objects: 11 MB a 1280x720 frame, 11 ms against 5), and one method of more than 325 bytes
     * of bytecode (FreqInlineSize), so C2 never inlines it into the sensor pass's row method, where it ran out of
     * its node budget half-way through the Vector API's calls and the vectors became objects (30 MB a frame); compiled
     * on its own, it allocates nothing (FogPhysicsTest counts). The row's tail, fewer than a vector, is
     * the scalar path's pixels. The hash is {@link SensorRow#hash32} and the deviate {@link SensorRow#deviate}
     * (the byte sum's bits under 2^23's exponent are the float 2^23 + sum).
     */
    private static void plane(float[] x, float[] level, int[] columnKey, int key, float a, float noiseB, float gain, int w) {
        int n = F.length(), u = 0;
        for (; u <= w - n; u += n) {
            IntVector h = IntVector.fromArray(I, columnKey, u).add(key);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
            h = h.mul(SensorRow.HASH_M1);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 15));
            h = h.mul(SensorRow.HASH_M2);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
            IntVector pairs = h.and(0x00FF00FF).add(h.lanewise(VectorOperators.LSHR, 8).and(0x00FF00FF));
            IntVector sum = pairs.and(0xFFFF).add(pairs.lanewise(VectorOperators.LSHR, 16));
            FloatVector z = ((FloatVector) sum.convertShape(VectorOperators.I2F, F, 0)).sub(510f).mul(SensorRow.INV_SD);
            FloatVector s = FloatVector.fromArray(F, x, u).mul(FloatVector.fromArray(F, level, u));
            FloatVector sigma = s.min(1f).mul(a).add(noiseB).sqrt();
            FloatVector y = s.add(sigma.mul(z)).min(1f).mul(gain);
            // SrgbCurve.cellPlusMagic: max(y, 0) as (y + |y|) / 2, clamped to 1, sqrt(x) cells plus the magic constant.
            y.add(y.abs()).mul(0.5f).min(1f).sqrt().mul((float) SrgbCurve.GRID).add(Rounding.MAGIC).intoArray(x, u);
        }
        for (; u < w; u++) {   // the tail, fewer than a vector: the scalar path's pixels
            x[u] = SensorRow.noisyCell(x[u] * level[u], SensorRow.deviate(SensorRow.hash32(key + columnKey[u])), a, noiseB, gain);
        }
    }
}
