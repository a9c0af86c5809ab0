package org.hilbridge.augment.photometric;

/**
 * Defocus blur on linear RGB: a disc of confusion of the given radius, approximated by two passes of a separable
 * box filter of radius r = round(radius / sqrt 2) in each direction (a box applied twice is a tent; its variance
 * r(r+1)/3 per pass-pair matches a disc of radius ~r sqrt 2 within a few per cent), edges clamped.
 *
 * <p>Streamed in one sweep down the frame: box filters with edge clamping along one axis commute with those along
 * the other, so each row gets both row boxes while it is in cache, and the two column boxes run through two small
 * rings of rows (the row-filtered rows v - 2r .. v + 2r and the once column-filtered rows v - r .. v + r); row v
 * goes out once every row that reads it has been filtered. The rows come from a {@link RowSource} and go to a
 * {@link RowSink} as planar rows ({@link PlanarRow}), so the backend feeds it the motion-blurred rows as they are
 * made and takes each defocused row straight into the sensor pass (no blurred or defocused frame in memory).
 *
 * <p>Inside, a row is its three planes side by side, each in a segment of w + 2r floats (r pads before and after
 * for the clamped edge): the planes go in and out by block copies (no interleaving loop), and a box along the row
 * is 2r shifted adds over the whole 3 (w + 2r) floats (an output near a segment's end mixes two planes and is
 * never read). Each box is a direct sum of its 2r + 1 taps in loops indexed from 0 over whole rows, which
 * vectorise (a running sum is a serial chain of additions and does not); every shifted copy is first moved to
 * index 0 of a buffer (System.arraycopy): C2 on JDK 17 leaves a loop scalar when an array index carries an
 * offset (measured). Buffers are held between frames; one thread at a time.
 */
final class Defocus {
    /** Source of the frame's rows: fills row v (w pixels) into the planar row. */
    interface RowSource {
        void row(int v, PlanarRow row);
    }

    /** Takes row v of the defocused frame (w pixels; the planes are valid during the call). */
    interface RowSink {
        void row(int v, PlanarRow row);
    }

    private float[] padA = new float[0];
    private float[] padB = new float[0];
    /** Ring of row-filtered rows (slot j mod rowSlots) and of once column-filtered rows (slot j mod colSlots). */
    private float[][] rowRing = new float[0][];
    private float[][] colRing = new float[0][];
    /** One filtered row (segment layout, values from index 0 of each segment). */
    private float[] out = new float[0];
    private float[] shifted = new float[0];
    private final PlanarRow io = new PlanarRow();

    /** Defocuses img (w x h, 3 floats a pixel interleaved) in place. */
    void apply(int w, int h, float radiusPx, float[] img) {
        apply(w, h, radiusPx, (v, row) -> row.load(img, 3 * v * w, w), (v, row) -> row.store(img, 3 * v * w, w));
    }

    /**
     * Defocuses the frame that source yields row by row (each row asked for once, in order 0 .. h - 1) and hands
     * each defocused row to sink in order, row v once rows up to v + 2r have been read.
     */
    void apply(int w, int h, float radiusPx, RowSource source, RowSink sink) {
        int r = Math.max(1, Math.round(radiusPx / (float) Math.sqrt(2)));
        int seg = w + 2 * r, n = 3 * seg;
        int rowSlots = 4 * r + 2, colSlots = 2 * r + 2;
        if (padA.length != n || rowRing.length != rowSlots) {
            padA = new float[n];
            padB = new float[n];
            rowRing = new float[rowSlots][n];
            colRing = new float[colSlots][n];
            out = new float[n];
            shifted = new float[n];
        }
        PlanarRow row = io.ensure(w);
        float inv = 1f / (2 * r + 1);
        int m = n - 2 * r;   // outputs of a box along the row: segment c's pixel x at c seg + x
        int rowsDone = 0, colsDone = 0;   // row-filtered rows 0 .. rowsDone - 1 exist, column-filtered 0 .. colsDone - 1
        for (int v = 0; v < h; v++) {
            for (int needRows = Math.min(h, v + 2 * r + 1); rowsDone < needRows; rowsDone++) {
                source.row(rowsDone, row);
                System.arraycopy(row.r, 0, padA, r, w);
                System.arraycopy(row.g, 0, padA, seg + r, w);
                System.arraycopy(row.b, 0, padA, 2 * seg + r, w);
                pad(padA, w, r);
                boxAlongRow(padA, m, r, inv, out);
                System.arraycopy(out, 0, padB, r, m);
                pad(padB, w, r);
                boxAlongRow(padB, m, r, inv, rowRing[rowsDone % rowSlots]);
            }
            for (int needCols = Math.min(h, v + r + 1); colsDone < needCols; colsDone++) {
                boxAcrossRows(rowRing, rowSlots, colsDone, h, r, m, inv, colRing[colsDone % colSlots]);
            }
            boxAcrossRows(colRing, colSlots, v, h, r, m, inv, out);
            System.arraycopy(out, 0, row.r, 0, w);
            System.arraycopy(out, seg, row.g, 0, w);
            System.arraycopy(out, 2 * seg, row.b, 0, w);
            sink.row(v, row);
        }
    }

    /** Fills each segment's r pads with copies of its first pixel (before) and its last (after). */
    private static void pad(float[] row, int w, int r) {
        int seg = w + 2 * r;
        for (int c = 0; c < 3; c++) {
            int first = c * seg + r, last = first + w - 1;
            java.util.Arrays.fill(row, c * seg, first, row[first]);
            java.util.Arrays.fill(row, last + 1, (c + 1) * seg, row[last]);
        }
    }

    /**
     * dst[i] = inv * sum of padded[i + k], k = 0 .. 2r, for i in [0, m): a box along a padded row. Each shifted
     * copy of the row is first moved to index 0 of a buffer (System.arraycopy), so the adding loop indexes every
     * array from 0 and vectorises.
     */
    private void boxAlongRow(float[] padded, int m, int r, float inv, float[] dst) {
        System.arraycopy(padded, 0, dst, 0, m);
        float[] shifted = this.shifted;
        for (int k = 1; k <= 2 * r; k++) {
            System.arraycopy(padded, k, shifted, 0, m);
            for (int i = 0; i < m; i++) {
                dst[i] += shifted[i];
            }
        }
        for (int i = 0; i < m; i++) {
            dst[i] *= inv;
        }
    }

    /** Row v of a box across rows: inv * sum of ring rows clamp(v + k), k = -r .. r, into dst (m floats). */
    private static void boxAcrossRows(float[][] ring, int slots, int v, int h, int r, int m, float inv, float[] dst) {
        System.arraycopy(ring[clamp(v - r, h) % slots], 0, dst, 0, m);
        for (int k = -r + 1; k <= r; k++) {
            float[] src = ring[clamp(v + k, h) % slots];
            for (int i = 0; i < m; i++) {
                dst[i] += src[i];
            }
        }
        for (int i = 0; i < m; i++) {
            dst[i] *= inv;
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
