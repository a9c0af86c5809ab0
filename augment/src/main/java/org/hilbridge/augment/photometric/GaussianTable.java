package org.hilbridge.augment.photometric;

import java.util.SplittableRandom;

/**
 * Standard normal deviates for per-pixel noise: a fixed table of {@value #SIZE} draws indexed by a
 * xorshift64 sequence (shifts 13, 7, 17) seeded per frame (Marsaglia, "Xorshift RNGs", J. Stat. Softw. 8(14),
 * 2003), three 16-bit indices from each 64-bit step. A
 * Box-Muller or ziggurat draw per channel would cost more than the rest of the chain; the table's
 * deviates are exact normals and the index sequence makes frames independent and reproducible.
 */
final class GaussianTable {
    static final int SIZE = 1 << 16;
    private final float[] table = new float[SIZE];

    GaussianTable() {
        SplittableRandom r = new SplittableRandom(0x6A09E667F3BCC908L);
        for (int i = 0; i < SIZE; i++) {
            // Box-Muller (Box and Muller, Ann. Math. Stat. 29(2), 1958), one deviate per pair of uniforms.
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            table[i] = (float) (StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2));
        }
    }

    float at(int index) {
        return table[index & (SIZE - 1)];
    }
}
