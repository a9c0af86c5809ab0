package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sensor noise's deviates (since hilbridge-photometric-6): the sum of a counter hash's four bytes, standardised
 * ({@link SensorRow#deviate}). Against the closed forms of the Irwin-Hall sum of n = 4 discrete uniforms on 0..N-1,
 * N = 256 (each term: mean (N - 1) / 2, variance (N^2 - 1) / 12, excess kurtosis -6 (N^2 + 1) / (5 (N^2 - 1)); a sum
 * of n independent terms has n times the mean and variance, skewness 0 for symmetric terms, and its terms' excess
 * kurtosis over n): mean 0, variance 1, skewness 0, excess kurtosis -0.300, extremes +-510 / sqrt(21845). First
 * exactly, over the sum's distribution (the 4-fold convolution of the uniform), then as the pass draws them (rows of
 * pixels, three channels, two seeds): the sample's moments within 5 standard errors, its distribution against the
 * exact one (Kolmogorov-Smirnov), and no correlation between channels, neighbours, rows and seeds.
 */
@Timeout(60)
class NoiseDeviatesTest {
    private static final int N = 256;
    private static final double EXCESS_KURTOSIS = -6.0 * (N * N + 1) / (5.0 * (N * N - 1)) / 4;

    /** P(sum = s) x 256^4 for s in 0..1020: the uniform's counts convolved with themselves four times. */
    private static long[] sumCounts() {
        long[] counts = {1};
        for (int term = 0; term < 4; term++) {
            long[] next = new long[counts.length + N - 1];
            for (int s = 0; s < counts.length; s++) {
                for (int b = 0; b < N; b++) {
                    next[s + b] += counts[s];
                }
            }
            counts = next;
        }
        return counts;
    }

    @Test
    void theDeviatesDistributionHasTheIrwinHallMomentsExactly() {
        long[] counts = sumCounts();
        assertEquals(1021, counts.length);
        double total = Math.pow(N, 4), m1 = 0, m2 = 0, m3 = 0, m4 = 0, max = 0;
        for (int s = 0; s < counts.length; s++) {
            double z = SensorRow.deviateOfBits(s | SensorRow.TWO_23_BITS), p = counts[s] / total;
            m1 += p * z;
            m2 += p * z * z;
            m3 += p * z * z * z;
            m4 += p * z * z * z * z;
            max = Math.max(max, Math.abs(z));
        }
        // float constants: 1 / sqrt(21845) rounded to a float is within 6e-8 relative of the exact value
        assertEquals(0, m1, 1e-7, "mean");
        assertEquals(1, m2, 1e-6, "variance");
        assertEquals(0, m3, 1e-6, "third moment (skewness)");
        assertEquals(3 + EXCESS_KURTOSIS, m4 / (m2 * m2), 1e-6, "kurtosis");
        assertEquals(-0.3000, EXCESS_KURTOSIS, 1e-4);
        assertEquals(510 / Math.sqrt(21845), max, 1e-6, "the extremes");
        // the deviate of a hash is its byte sum's: the two 16-bit pair sums add up all four bytes
        for (int h : new int[] {0, -1, 0x01020304, 0xFF00FF00, 0x80808080, 0x7F7F7F7F}) {
            int sum = (h & 0xFF) + (h >>> 8 & 0xFF) + (h >>> 16 & 0xFF) + (h >>> 24);
            assertEquals(SensorRow.deviateOfBits(sum | SensorRow.TWO_23_BITS), SensorRow.deviate(h), "hash " + Integer.toHexString(h));
        }
    }

    /** The deviates of channel c of rows 0..rows-1, w wide, as the sensor pass draws them (scalar path). */
    private static float[][] rows(long frameKey, int c, int rows, int w) {
        int[] columns = new int[w], bits = new int[w];
        for (int u = 0; u < w; u++) {
            columns[u] = u * SensorRow.GOLDEN_GAMMA_32;
        }
        float[][] z = new float[rows][w];
        for (int v = 0; v < rows; v++) {
            SensorRow.deviateBits(columns, SensorRow.rowKey(v, w, frameKey, c), bits, w);
            SensorRow.deviates(bits, z[v], w);
        }
        return z;
    }

    @Test
    void thePassesDeviatesHaveTheMomentsAndDistributionAndAreIndependent() {
        int rows = 200, w = 1283;
        long key1 = FrameConstants.mix64(1 ^ 0x6A09E667F3BCC909L), key2 = FrameConstants.mix64(2 ^ 0x6A09E667F3BCC909L);
        float[][][] ch = {rows(key1, 0, rows, w), rows(key1, 1, rows, w), rows(key1, 2, rows, w)};
        float[][] otherSeed = rows(key2, 0, rows, w);
        int n = 3 * rows * w;
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        long[] histogram = new long[1021];
        for (float[][] c : ch) {
            for (float[] row : c) {
                for (float z : row) {
                    m1 += z;
                    m2 += z * (double) z;
                    m3 += z * (double) z * z;
                    m4 += z * (double) z * z * z;
                    histogram[(int) Math.round(z * Math.sqrt(21845) + 510)]++;
                }
            }
        }
        m1 /= n;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        // standard errors for n = 770 000 near-normal values: mean 1 / sqrt(n), variance sqrt((kurtosis - 1) / n),
        // skewness sqrt(6 / n), excess kurtosis sqrt(24 / n) (Kendall and Stuart); the bounds are 5 of them
        assertEquals(0, m1, 5 / Math.sqrt(n), "sample mean");
        assertEquals(1, m2, 5 * Math.sqrt(1.7 / n), "sample variance");
        assertEquals(0, m3 / Math.pow(m2, 1.5), 5 * Math.sqrt(6.0 / n), "sample skewness");
        assertEquals(EXCESS_KURTOSIS, m4 / (m2 * m2) - 3, 5 * Math.sqrt(24.0 / n), "sample excess kurtosis (a normal's is 0)");
        // Kolmogorov-Smirnov against the exact distribution: 1.95 / sqrt(n) is the 0.1 % critical value
        long[] counts = sumCounts();
        double exact = 0, seen = 0, d = 0;
        for (int s = 0; s < counts.length; s++) {
            exact += counts[s] / Math.pow(N, 4);
            seen += histogram[s] / (double) n;
            d = Math.max(d, Math.abs(exact - seen));
        }
        assertTrue(d < 1.95 / Math.sqrt(n), "Kolmogorov-Smirnov distance " + d);
        // correlations: standard error 1 / sqrt(pairs), about 0.002 for 256 600 pairs; 0.01 is 5 of them
        assertEquals(0, correlation(ch[0], ch[1], 0, 0), 0.01, "red and green of a pixel");
        assertEquals(0, correlation(ch[1], ch[2], 0, 0), 0.01, "green and blue of a pixel");
        assertEquals(0, correlation(ch[0], ch[2], 0, 0), 0.01, "red and blue of a pixel");
        assertEquals(0, correlation(ch[0], ch[0], 1, 0), 0.01, "a pixel and its right neighbour");
        assertEquals(0, correlation(ch[2], ch[2], 0, 1), 0.01, "a pixel and the one below");
        assertEquals(0, correlation(ch[0], otherSeed, 0, 0), 0.01, "seeds 1 and 2");
        assertEquals(0, correlation(ch[1], ch[0], 1, 1), 0.01, "green and the red of the pixel below right");
    }

    /** Correlation of a[v][u] with b[v + dv][u + du] over the pairs inside both (the deviates' mean is 0). */
    private static double correlation(float[][] a, float[][] b, int du, int dv) {
        double ab = 0, aa = 0, bb = 0;
        for (int v = 0; v + dv < a.length; v++) {
            for (int u = 0; u + du < a[v].length; u++) {
                double x = a[v][u], y = b[v + dv][u + du];
                ab += x * y;
                aa += x * x;
                bb += y * y;
            }
        }
        return ab / Math.sqrt(aa * bb);
    }
}
