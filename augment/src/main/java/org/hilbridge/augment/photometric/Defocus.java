package org.hilbridge.augment.photometric;

/**
 * Defocus blur on linear RGB (3 floats a pixel, interleaved): a disc of confusion of the given radius,
 * approximated by two passes of a separable box filter of radius r = round(radius / sqrt 2) in each direction
 * (a box applied twice is a tent; its variance r(r+1)/3 per pass-pair matches a disc of radius ~r sqrt 2 within
 * a few per cent), edges clamped.
 *
 * <p>Streamed in place in one sweep down the frame: box filters with edge clamping along one axis commute with
 * those along the other, so each row gets both row boxes while it is in cache, and the two column boxes run
 * through two small rings of rows (the row-filtered rows v - 2r .. v + 2r and the once column-filtered rows
 * v - r .. v + r); row v of the frame is written once every row that reads it has been filtered. Each box is a
 * direct sum of its 2r + 1 taps in loops over a row's 3 w floats, which vectorise (a running sum is a serial
 * chain of additions and does not). The rows come from a {@link RowSource} and go to a {@link RowSink}, so the
 * backend feeds it the motion-blurred rows as they are made and takes each defocused row straight into the
 * sensor pass (no blurred or defocused frame in memory). Buffers are held between frames; one thread at a time.
 */
final class Defocus {
    private float[] padA = new float[0];
    private float[] padB = new float[0];
    /** Ring of row-filtered rows (slot j mod rowSlots) and of once column-filtered rows (slot j mod colSlots). */
    private float[][] rowRing = new float[0][];
    private float[][] colRing = new float[0][];
    /** One filtered row; every box writes a row buffer from index 0 (C2 on JDK 17 leaves a loop scalar when the
     * stored-to array's index carries an offset, measured), copied on after. */
    private float[] out = new float[0];
    private float[] shifted = new float[0];

    /** Source of the frame's rows: writes row v (3 w floats, interleaved) into dst from index offset. */
    interface RowSource {
        void row(int v, float[] dst, int offset);
    }

    /** Takes row v of the defocused frame (3 w floats, interleaved, from index 0; valid during the call). */
    interface RowSink {
        void row(int v, float[] row);
    }

    /** Defocuses img (w x h, interleaved) in place. */
    void apply(int w, int h, float radiusPx, float[] img) {
        apply(w, h, radiusPx, (v, dst, offset) -> System.arraycopy(img, 3 * v * w, dst, offset, 3 * w),
                (v, row) -> System.arraycopy(row, 0, img, 3 * v * w, 3 * w));
    }

    /**
     * Defocuses the frame that source yields row by row (each row asked for once, in order 0 .. h - 1) and hands
     * each defocused row to sink in order: the neighbourhood passes before and the per-pixel pass after stream
     * through it with no frame written and read back.
     */
    void apply(int w, int h, float radiusPx, RowSource source, RowSink sink) {
        int r = Math.max(1, Math.round(radiusPx / (float) Math.sqrt(2)));
        int n = 3 * w;
        int rowSlots = 4 * r + 2, colSlots = 2 * r + 2;
        if (padA.length != 3 * (w + 2 * r) || rowRing.length != rowSlots || rowRing[0].length != n) {
            padA = new float[3 * (w + 2 * r)];
            padB = new float[3 * (w + 2 * r)];
            rowRing = new float[rowSlots][n];
            colRing = new float[colSlots][n];
            out = new float[n];
            shifted = new float[n];
        }
        float inv = 1f / (2 * r + 1);
        int rowsDone = 0, colsDone = 0;   // row-filtered rows 0 .. rowsDone - 1 exist, column-filtered 0 .. colsDone - 1
        for (int v = 0; v < h; v++) {
            for (int needRows = Math.min(h, v + 2 * r + 1); rowsDone < needRows; rowsDone++) {
                source.row(rowsDone, padA, 3 * r);
                pad(padA, 3 * r, w, r, padA);
                boxAlongRow(padA, n, r, inv, out);
                pad(out, 0, w, r, padB);
                boxAlongRow(padB, n, r, inv, rowRing[rowsDone % rowSlots]);
            }
            for (int needCols = Math.min(h, v + r + 1); colsDone < needCols; colsDone++) {
                boxAcrossRows(rowRing, rowSlots, colsDone, h, r, inv, colRing[colsDone % colSlots]);
            }
            boxAcrossRows(colRing, colSlots, v, h, r, inv, out);
            sink.row(v, out);
        }
    }

    /** Copies w pixels from src at off to dst from pixel r on, with r copies of the first pixel before and of the last after. */
    private static void pad(float[] src, int off, int w, int r, float[] dst) {
        if (src != dst || off != 3 * r) {
            System.arraycopy(src, off, dst, 3 * r, 3 * w);
        }
        for (int k = 0, first = 3 * r, last = 3 * (r + w - 1); k < r; k++) {
            int before = 3 * k, after = 3 * (r + w + k);
            dst[before] = dst[first];
            dst[before + 1] = dst[first + 1];
            dst[before + 2] = dst[first + 2];
            dst[after] = dst[last];
            dst[after + 1] = dst[last + 1];
            dst[after + 2] = dst[last + 2];
        }
    }

    /**
     * dst[i] = inv * sum of padded[i + 3k], k = 0 .. 2r, for i in [0, n): a box along a padded row. Each shifted
     * copy of the row is first moved to index 0 of a buffer (System.arraycopy), so the adding loop indexes every
     * array from 0 and vectorises.
     */
    private void boxAlongRow(float[] padded, int n, int r, float inv, float[] dst) {
        System.arraycopy(padded, 0, dst, 0, n);
        float[] shifted = this.shifted;
        for (int k = 1; k <= 2 * r; k++) {
            System.arraycopy(padded, 3 * k, shifted, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] += shifted[i];
            }
        }
        for (int i = 0; i < n; i++) {
            dst[i] *= inv;
        }
    }

    /** Row v of a box across rows: inv * sum of ring rows clamp(v + k), k = -r .. r, into dst. */
    private static void boxAcrossRows(float[][] ring, int slots, int v, int h, int r, float inv, float[] dst) {
        int n = ring[0].length;
        System.arraycopy(ring[clamp(v - r, h) % slots], 0, dst, 0, n);
        for (int k = -r + 1; k <= r; k++) {
            float[] src = ring[clamp(v + k, h) % slots];
            for (int i = 0; i < n; i++) {
                dst[i] += src[i];
            }
        }
        for (int i = 0; i < n; i++) {
            dst[i] *= inv;
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
