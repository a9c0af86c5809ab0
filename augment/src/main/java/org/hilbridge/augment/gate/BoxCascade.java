package org.hilbridge.augment.gate;

/**
 * Three passes of a box filter of half-width r, each along the rows then down the columns, clamped at the borders, in
 * place: {@link Ssim}'s Gaussian (Wells, "Efficient synthesis of Gaussian filters by cascaded uniform filters", IEEE
 * PAMI 8(2), 1986). Streamed down the image: each pass's row filter writes into a ring of a few rows, its column filter
 * emits a row as soon as the rows its window needs have arrived and hands it (in groups of {@link #GROUP} rows) to the
 * next pass, and the last pass writes back into the image, which by then has been read past that row. Six passes over
 * the whole image would move it through memory six times (a 640 x 360 float image is 0.9 MB, about a core's L2); here it
 * is read once and written once, the rings stay in cache.
 *
 * <p>Each filter is the running sum of the plain form, started as the sum of the window at the line's start and moved
 * by (entering - leaving) a pixel, so the output is the same floats as six passes over the image. The row filter runs
 * {@link #GROUP} rows at a time, four independent chains of additions the processor overlaps; the column filter is two
 * unit-stride loops over a row of running sums, which C2 vectorises (one loop writing both the output and the sums it
 * leaves scalar: it cannot tell the two arrays apart). Buffers are kept between calls of one size; one image at a time.
 */
final class BoxCascade {
    private static final int PASSES = 3;
    /** Rows the row filter runs at once (independent running sums). */
    static final int GROUP = 4;

    private int w = -1, h = -1, r = -1;
    /** Ring rows: the column window (2r + 1 rows, and the leaving one) and a group's arrivals. */
    private int ringRows;
    private final float[][] ring = new float[PASSES][];
    private final float[][] sums = new float[PASSES][];
    /** Rows each pass's column filter emitted, collected for the next pass's row filter. */
    private final float[][] group = new float[PASSES][];
    private final int[] grouped = new int[PASSES];
    private final int[] received = new int[PASSES];
    private final int[] emitted = new int[PASSES];
    private final boolean[] started = new boolean[PASSES];
    private float[] image;
    private float inv;

    /** Filters the w x h image {@code img} in place with boxes of half-width r &gt;= 1. */
    void apply(float[] img, int w, int h, int r) {
        if (w != this.w || h != this.h || r != this.r) {
            this.w = w;
            this.h = h;
            this.r = r;
            ringRows = 2 * r + 2 + GROUP;
            for (int s = 0; s < PASSES; s++) {
                ring[s] = new float[ringRows * w];
                sums[s] = new float[w];
                group[s] = new float[GROUP * w];
            }
        }
        inv = 1f / (2 * r + 1);
        image = img;
        java.util.Arrays.fill(grouped, 0);
        java.util.Arrays.fill(received, 0);
        java.util.Arrays.fill(emitted, 0);
        java.util.Arrays.fill(started, false);
        for (int y = 0; y < h; y += GROUP) {
            push(0, img, y, y, Math.min(GROUP, h - y));
        }
        image = null;
    }

    /** Rows y to y + count - 1 of pass s's input (src's rows from {@code first}) through its row filter into its ring, then its column filter. */
    private void push(int s, float[] src, int first, int y, int count) {
        float[] dst = ring[s];
        if (count == GROUP) {
            boxRows4(src, first * w, dst, slot(y), slot(y + 1), slot(y + 2), slot(y + 3));
        } else {
            for (int i = 0; i < count; i++) {
                boxRow(src, (first + i) * w, dst, slot(y + i));
            }
        }
        received[s] = y + count;
        emit(s);
    }

    private int slot(int row) {
        return (row % ringRows) * w;
    }

    /** Pass s's column filter: every row whose window has arrived, to the next pass (or into the image after the last). */
    private void emit(int s) {
        int last = received[s] - 1;
        float[] in = ring[s], sum = sums[s];
        if (!started[s]) {
            if (last < Math.min(h - 1, r)) {
                return;
            }
            java.util.Arrays.fill(sum, 0);
            for (int k = -r; k <= r; k++) {
                int row = slot(Math.max(0, Math.min(h - 1, k)));
                for (int u = 0; u < w; u++) {
                    sum[u] += in[row + u];
                }
            }
            started[s] = true;
        }
        boolean lastPass = s == PASSES - 1;
        while (emitted[s] < h) {
            int v = emitted[s], enter = Math.min(h - 1, v + r + 1);
            if (enter > last) {
                return;
            }
            float[] dst = lastPass ? image : group[s];
            int out = lastPass ? v * w : grouped[s] * w, e = slot(enter), l = slot(Math.max(0, v - r));
            for (int u = 0; u < w; u++) {
                dst[out + u] = sum[u] * inv;
            }
            for (int u = 0; u < w; u++) {
                sum[u] += in[e + u] - in[l + u];
            }
            emitted[s] = v + 1;
            if (!lastPass && (++grouped[s] == GROUP || v + 1 == h)) {
                int count = grouped[s];
                grouped[s] = 0;
                push(s + 1, group[s], 0, v + 1 - count, count);
            }
        }
    }

    /** The row filter along one row: src's row at so into dst at dOff. */
    private void boxRow(float[] src, int so, float[] dst, int dOff) {
        float s = startSum(src, so);
        for (int i = 0; i < w; i++) {
            dst[dOff + i] = s * inv;
            s += src[so + Math.min(w - 1, i + r + 1)] - src[so + Math.max(0, i - r)];
        }
    }

    /** The row filter along four consecutive rows of src from so, into dst at d0 to d3: four running sums at once. */
    private void boxRows4(float[] src, int so, float[] dst, int d0, int d1, int d2, int d3) {
        int o0 = so, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
        float s0 = startSum(src, o0), s1 = startSum(src, o1), s2 = startSum(src, o2), s3 = startSum(src, o3);
        // Pixels whose window needs no clamp: i - r >= 0 and i + r + 1 <= w - 1.
        int lo = Math.min(w, r), hi = Math.max(lo, w - r - 1);
        for (int i = 0; i < lo; i++) {
            int e = Math.min(w - 1, i + r + 1), l = Math.max(0, i - r);
            dst[d0 + i] = s0 * inv;
            s0 += src[o0 + e] - src[o0 + l];
            dst[d1 + i] = s1 * inv;
            s1 += src[o1 + e] - src[o1 + l];
            dst[d2 + i] = s2 * inv;
            s2 += src[o2 + e] - src[o2 + l];
            dst[d3 + i] = s3 * inv;
            s3 += src[o3 + e] - src[o3 + l];
        }
        for (int i = lo; i < hi; i++) {
            int e = i + r + 1, l = i - r;
            dst[d0 + i] = s0 * inv;
            s0 += src[o0 + e] - src[o0 + l];
            dst[d1 + i] = s1 * inv;
            s1 += src[o1 + e] - src[o1 + l];
            dst[d2 + i] = s2 * inv;
            s2 += src[o2 + e] - src[o2 + l];
            dst[d3 + i] = s3 * inv;
            s3 += src[o3 + e] - src[o3 + l];
        }
        for (int i = hi; i < w; i++) {
            int e = Math.min(w - 1, i + r + 1), l = Math.max(0, i - r);
            dst[d0 + i] = s0 * inv;
            s0 += src[o0 + e] - src[o0 + l];
            dst[d1 + i] = s1 * inv;
            s1 += src[o1 + e] - src[o1 + l];
            dst[d2 + i] = s2 * inv;
            s2 += src[o2 + e] - src[o2 + l];
            dst[d3 + i] = s3 * inv;
            s3 += src[o3 + e] - src[o3 + l];
        }
    }

    /** The running sum's start: the window around pixel 0 of the line at o, clamped, summed from its left end. */
    private float startSum(float[] src, int o) {
        float s = 0;
        for (int k = -r; k <= r; k++) {
            s += src[o + Math.max(0, Math.min(w - 1, k))];
        }
        return s;
    }
}
