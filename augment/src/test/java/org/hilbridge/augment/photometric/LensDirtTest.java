package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lens dirt step of the sensor pass runs only over each row's span with dirt ({@link DirtSpans}): the codes are
 * those of the step written out over the whole row (the pass's formula), both paths, on masks with clean rows, one
 * dirty pixel at either end, dirt across the whole row, gaps inside a span and -0 entries, and radiance with -0,
 * NaN, infinities and subnormals where the mask is 0.
 */
@Timeout(60)
class LensDirtTest {
    @Test
    void spansRunFromTheFirstToOnePastTheLastDirtyColumn() {
        int w = 7;
        float[] mask = new float[5 * w];
        mask[w + 3] = 0.5f;                         // row 1: one pixel
        mask[2 * w] = 0.1f;                         // row 2: both ends, a gap between
        mask[3 * w - 1] = 0.2f;
        java.util.Arrays.fill(mask, 3 * w, 4 * w, 1f);   // row 3: the whole row
        mask[4 * w + 2] = -0f;                      // row 4: only a -0
        DirtSpans spans = new DirtSpans().of(mask, w);
        int[][] expected = {{0, 0}, {3, 4}, {0, 7}, {0, 7}, {0, 0}};
        for (int v = 0; v < expected.length; v++) {
            assertEquals(expected[v][0], spans.from(v), "from, row " + v);
            assertEquals(expected[v][1], spans.to(v), "to, row " + v);
        }
    }

    @Test
    void theSpansGiveTheCodesOfTheDirtStepOverTheWholeRow() {
        for (boolean vector : new boolean[] {false, SceneRow.vectorApiUsable()}) {
            for (int w : new int[] {1, 5, 16, 17, 33, 203}) {
                check(w, 9, vector, new SplittableRandom(w));
            }
        }
    }

    private static void check(int w, int h, boolean vector, SplittableRandom random) {
        float[] mask = new float[w * h];
        for (int v = 0; v < h; v++) {
            int kind = v % 5;
            for (int u = 0; u < w; u++) {
                boolean dirty = switch (kind) {
                    case 0 -> false;                                  // a clean row
                    case 1 -> u == 0 || u == w - 1;                   // both ends, a gap between
                    case 2 -> u >= w / 3 && u < Math.max(w / 3 + 1, 2 * w / 3) && u % 4 != 1;   // a span with gaps
                    case 3 -> true;                                   // the whole row
                    default -> u == w / 2;                            // one pixel
                };
                mask[v * w + u] = dirty ? (float) random.nextDouble(0.01, 1) : (u % 3 == 0 ? -0f : 0f);
            }
        }
        float[] special = {-0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, 3e38f, 1f, 0.5f};
        FrameConstants f = new FrameConstants();
        f.w = w;
        f.dirt = true;
        f.dk = 0.7f;
        f.glow = 0.23f;
        f.light = 0.8f;
        f.gr = 1.1f;
        f.gg = 1f;
        f.gb = 0.9f;
        SensorRow spans = new SensorRow(new SrgbCurve(), vector), whole = new SensorRow(new SrgbCurve(), vector);
        spans.startFrame(w);
        whole.startFrame(w);
        byte[] expected = new byte[3 * w * h], actual = new byte[3 * w * h];
        PlanarRow a = new PlanarRow().ensure(w), b = new PlanarRow().ensure(w);
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                float[] x = new float[3];
                for (int c = 0; c < 3; c++) {
                    x[c] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : (float) random.nextDouble(0, 1.5);
                }
                a.r[u] = b.r[u] = x[0];
                a.g[u] = b.g[u] = x[1];
                a.b[u] = b.b[u] = x[2];
            }
            // The reference: the step over the whole row as written before the spans, then the pass without dirt.
            for (int u = 0; u < w; u++) {
                float m = f.dk * mask[v * w + u];
                float keep = 1 - 0.7f * m;
                float add = m * f.glow;
                b.r[u] = b.r[u] * keep + add;
                b.g[u] = b.g[u] * keep + add;
                b.b[u] = b.b[u] * keep + add;
            }
            f.dirt = false;
            whole.compute(f, new float[0], v, b, expected);
            f.dirt = true;
            spans.compute(f, mask, v, a, actual);
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "byte " + i + " (row " + i / (3 * w) + "), width " + w + ", vector " + vector);
        }
    }
}
