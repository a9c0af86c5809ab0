package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The streamed defocus against its definition: two box passes of radius r along rows, then along columns, edges clamped;
 * and bit for bit against those boxes as float sums in the order the output depends on (the taps added from the first
 * to the last, then times 1 / (2r + 1)), with and without the Vector API ({@link DefocusVector}).
 */
@Timeout(60)
class DefocusTest {
    @Test
    void bothPathsGiveTheClampedBoxesSummedInOrderBitForBit() {
        assertTrue(SceneRow.vectorApiUsable(),
                "the vector defocus needs module jdk.incubator.vector (the root pom's surefire argLine) and 8 float lanes or more");
        SplittableRandom rnd = new SplittableRandom(13);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE, 3e38f};
        Defocus vector = new Defocus(true), scalar = new Defocus(false);   // reused across sizes and radii, as the backend does
        // Widths around the vector lengths (8, 16 lanes) plus 2r, heights around the rings' sizes; r = 1, 2, 3, 6.
        for (int w : new int[] {1, 2, 3, 5, 17, 18, 19, 20, 33, 34, 35, 36, 50, 1283}) {
            for (int h : new int[] {1, 2, 7, 14}) {
                for (float radius : new float[] {1, 2, 2.9f, 3.5f}) {   // r = 1, 2; larger radii slide their column sums (below)
                    int r = boxRadius(radius);
                    float[] img = randomImage(rnd, w, h);
                    for (int i = 0; i < img.length; i += 1 + rnd.nextInt(97)) {
                        img[i] = special[rnd.nextInt(special.length)];
                    }
                    float[] expected = img;
                    for (int pass = 0; pass < 4; pass++) {
                        expected = boxInOrder(expected, w, h, r, pass < 2);
                    }
                    String what = w + " x " + h + " at radius " + radius;
                    float[] viaVectors = img.clone();
                    vector.apply(w, h, radius, viaVectors);
                    assertBitsEqual(expected, viaVectors, "vector path, " + what);
                    float[] plain = img.clone();
                    scalar.apply(w, h, radius, plain);
                    assertBitsEqual(expected, plain, "scalar path, " + what);
                }
            }
        }
    }

    /**
     * r &gt;= 3 (the column boxes as running sums, {@link Defocus#SLIDE_FROM_R}): both paths give the same floats, and each output is within 2e-5 of
     * the four clamped boxes computed in double, where the inputs are in [0, 1) (the largest tap at most 1). Why 2e-5:
     * each running column box drifts under 4.2e-6 of the largest tap ({@link Defocus#RESTART_ROWS}), and each of the
     * four passes' float sums (exact or restarted) adds at most 2r u &lt; 1.5e-6 of it (r &lt;= 6, u = 2^-24), under
     * 1.5e-5 in all. A NaN or infinity reaches only the outputs whose four windows hold it: those are not finite as in
     * the double reference (NaN where it is NaN, the same infinity where it is one), and every other output is finite
     * and within the bound. Heights past the restart interval, and wild rows before, inside and after a restart.
     */
    @Test
    void runningColumnSumsStayWithinTheBoundOfTheExactBoxesAndKeepNonFiniteValuesLocal() {
        SplittableRandom rnd = new SplittableRandom(14);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE};
        Defocus vector = new Defocus(true), scalar = new Defocus(false);
        for (int w : new int[] {1, 5, 17, 19, 36, 50}) {
            for (int h : new int[] {1, 3, 14, 40, 75}) {
                for (float radius : new float[] {4.3f, 5, 6.5f, 8}) {
                    for (int specials : new int[] {0, 1, 3}) {
                        int r = boxRadius(radius);
                        float[] img = randomImage(rnd, w, h);
                        for (int k = 0; k < specials; k++) {
                            img[rnd.nextInt(img.length)] = special[rnd.nextInt(special.length)];
                        }
                        double[] expected = widened(img);
                        for (int pass = 0; pass < 4; pass++) {
                            expected = boxInDouble(expected, w, h, r, pass < 2);
                        }
                        String what = w + " x " + h + " at radius " + radius + " with " + specials + " special values";
                        float[] viaVectors = img.clone();
                        vector.apply(w, h, radius, viaVectors);
                        float[] plain = img.clone();
                        scalar.apply(w, h, radius, plain);
                        assertBitsEqual(plain, viaVectors, "vector path against the plain path, " + what);
                        for (int i = 0; i < img.length; i++) {
                            double e = expected[i];
                            float a = plain[i];
                            String at = what + ": value " + i + " is " + a + ", expected " + e;
                            if (Double.isNaN(e) || Double.isInfinite(e)) {
                                assertEquals((float) e, a, at);   // assertEquals treats NaN as equal to NaN
                            } else {
                                assertEquals(e, a, 2e-5, at);
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[] widened(float[] a) {
        double[] wide = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            wide[i] = a[i];
        }
        return wide;
    }

    /** One box pass in double, each output the mean of the 2r + 1 clamped taps (NaN and infinities as IEEE sums make them). */
    private static double[] boxInDouble(double[] src, int w, int h, int r, boolean rows) {
        double[] out = new double[src.length];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int k = -r; k <= r; k++) {
                        sum += src[clampedTap(u, v, k, c, rows, w, h)];
                    }
                    out[3 * (v * w + u) + c] = sum / (2 * r + 1);
                }
            }
        }
        return out;
    }

    /** Index of channel c of pixel (u, v)'s tap k along a row (rows) or a column, clamped to the w x h frame (3 floats a pixel). */
    private static int clampedTap(int u, int v, int k, int c, boolean rows, int w, int h) {
        int uu = rows ? Math.min(w - 1, Math.max(0, u + k)) : u;
        int vv = rows ? v : Math.min(h - 1, Math.max(0, v + k));
        return 3 * (vv * w + uu) + c;
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": value " + i + " (pixel " + i / 3 + ", channel " + i % 3 + ") is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    /**
     * One box pass in float, each output (((t0 + t1) + t2) + ... + t2r) * (1f / (2r + 1)) over the clamped taps,
     * first tap first: the sums main's Defocus made (hilbridge-photometric-6), which the output keeps.
     */
    private static float[] boxInOrder(float[] src, int w, int h, int r, boolean rows) {
        float inv = 1f / (2 * r + 1);
        float[] out = new float[src.length];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                for (int c = 0; c < 3; c++) {
                    float sum = 0;
                    for (int k = -r; k <= r; k++) {
                        float x = src[clampedTap(u, v, k, c, rows, w, h)];
                        sum = k == -r ? x : sum + x;
                    }
                    out[3 * (v * w + u) + c] = sum * inv;
                }
            }
        }
        return out;
    }
    @Test
    void theStreamedFilterEqualsTwoClampedBoxPassesInEachDirection() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] size : new int[][] {{37, 23}, {5, 3}, {64, 1}, {1, 9}}) {
            int w = size[0], h = size[1];
            for (float radius : new float[] {1, 2.9f, 8}) {
                int r = boxRadius(radius);
                float[] img = randomImage(rnd, w, h);
                float[] expected = img.clone();
                for (int pass = 0; pass < 2; pass++) {
                    expected = box(expected, w, h, r, true);
                }
                for (int pass = 0; pass < 2; pass++) {
                    expected = box(expected, w, h, r, false);
                }
                float[] actual = img.clone();
                Defocus defocus = new Defocus();
                defocus.apply(w, h, radius, actual);
                for (int i = 0; i < img.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-5, "value " + i + " of " + w + " x " + h + " at radius " + radius);
                }
                float[] again = img.clone();
                defocus.apply(w, h, radius, again);   // reused buffers give the same result
                assertArrayEquals(actual, again);
            }
        }
    }

    /**
     * The row streams the backend uses (motion-blurred rows in, the sensor pass out): each source row asked for
     * once and in order, each row handed to the sink once and in order, only once every row it depends on
     * (v + 2r, clamped) has been read, and the rows are the frame's defocus (the in-place form, pinned above).
     */
    @Test
    void theRowStreamsAskEachRowOnceInOrderAndGiveTheDefocusedFrame() {
        SplittableRandom rnd = new SplittableRandom(12);
        int w = 29, h = 17;
        for (float radius : new float[] {1, 2.9f, 8}) {
            int r = boxRadius(radius);
            float[] img = randomImage(rnd, w, h);
            float[] expected = img.clone();
            new Defocus().apply(w, h, radius, expected);
            float[] actual = new float[img.length];
            int[] next = {0, 0};   // next source row, next sink row
            new Defocus().apply(w, h, radius, (v, row) -> {
                assertEquals(next[0]++, v, "source row");
                row.load(img, 3 * v * w, w);
            }, (v, row) -> {
                assertEquals(next[1]++, v, "sink row");
                assertTrue(next[0] >= Math.min(h, v + 2 * r + 1), "row " + v + " out before row " + (v + 2 * r) + " was read");
                row.store(actual, 3 * v * w, w);
            });
            assertEquals(h, next[0]);
            assertEquals(h, next[1]);
            assertArrayEquals(expected, actual, "radius " + radius);
        }
    }

    @Test
    void aFlatImageStaysFlat() {
        float[] img = new float[3 * 50 * 40];
        java.util.Arrays.fill(img, 0.375f);
        new Defocus().apply(50, 40, 6, img);
        for (float x : img) {
            assertEquals(0.375f, x, 1e-6);
        }
    }

    /** The box radius Defocus uses for a defocus radius of {@code radius} pixels. */
    private static int boxRadius(float radius) {
        return Math.max(1, Math.round(radius / (float) Math.sqrt(2)));
    }

    private static float[] randomImage(SplittableRandom rnd, int w, int h) {
        float[] img = new float[3 * w * h];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rnd.nextDouble();
        }
        return img;
    }

    /** The naive box: each output the mean of the 2r + 1 clamped neighbours along a row (rows) or a column, in double. */
    private static float[] box(float[] src, int w, int h, int r, boolean rows) {
        double[] mean = boxInDouble(widened(src), w, h, r, rows);
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = (float) mean[i];
        }
        return out;
    }
}
