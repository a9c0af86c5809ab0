package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The noise's counter hash ({@link SensorRow#hashRow}): Wellons's lowbias32 is a bijection on 32-bit ints (each
 * xorshift and each multiply by an odd constant is invertible), and a good mixer: every output bit is set half
 * the time and flips with probability 1/2 when one input bit flips (strict avalanche criterion, Webster and
 * Tavares, CRYPTO '85). Binomial standard error at n = 2^16 trials: 0.002; the bounds below are 5 of them.
 */
@Timeout(30)
class NoiseHashTest {
    private static final int W = 1 << 16;

    private static int[] row(int rowKey) {
        int[] columns = new int[W];
        for (int u = 0; u < W; u++) {
            columns[u] = u * SensorRow.GOLDEN_GAMMA_32;
        }
        int[] h = new int[W];
        SensorRow.hashRow(columns, rowKey, h, W);
        return h;
    }

    @Test
    void distinctPixelsOfARowGetDistinctHashes() {
        Set<Integer> seen = new HashSet<>();
        for (int x : row(0x12345678)) {
            assertTrue(seen.add(x), "hash " + x + " repeats within a row");
        }
    }

    @Test
    void everyOutputBitIsBalancedAndAvalanches() {
        int[] h = row(0);
        for (int bit = 0; bit < 32; bit++) {
            int ones = 0;
            for (int x : h) {
                ones += (x >>> bit) & 1;
            }
            assertEquals(0.5, ones / (double) W, 0.01, "share of ones in output bit " + bit);
        }
        // One input bit flipped (by a key differing in that bit): each output bit flips half the time.
        for (int in = 0; in < 32; in += 7) {
            int[] g = row(1 << in);
            for (int bit = 0; bit < 32; bit++) {
                int flips = 0;
                for (int u = 0; u < W; u++) {
                    flips += ((h[u] ^ g[u]) >>> bit) & 1;
                }
                assertEquals(0.5, flips / (double) W, 0.01, "output bit " + bit + " after flipping input bit " + in);
            }
        }
    }
}
