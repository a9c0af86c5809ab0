package org.hilbridge.augment.gate;

/**
 * Three passes of a box filter of half-width r, each along the rows then down the columns, clamped at the borders:
 * {@link Ssim}'s Gaussian (Wells, "Efficient synthesis of Gaussian filters by cascaded uniform filters", IEEE PAMI
 * 8(2), 1986), on {@link #LANES} images at once, interleaved (pixel u of a row holds its lanes at 8u to 8u + 7).
 *
 * <p>Streamed down the image: the caller fills each input row when it is needed ({@link Rows#fill}), each pass's row
 * filter writes into a ring of rows, its column filter emits a row as soon as the rows its window needs have arrived
 * and hands it to the next pass, and the last pass hands each output row, in order, to {@link Rows#take}. No filtered
 * image is made: the rings (a few rows) stay in cache, where six passes over five 640 x 360 float images would move
 * them through memory six times.
 *
 * <p>Each filter is the running sum of the plain form on every lane, started as the sum of the window at the line's
 * start and moved by (entering - leaving) a pixel, so each lane gets the same floats as six passes over its image
 * alone. The lanes make the row filter's eight running sums one vector ({@link BoxVector}, where the Vector API is
 * present) instead of a chain of scalar additions per image, the part of the filter no compiler vectorises along a
 * row; the column filter's lanes are independent anyway. Buffers are kept between calls of one size; one image at a
 * time.
 */
final class BoxCascade {
    /** Images filtered at once, interleaved: 8 floats a pixel (one 256-bit vector, or half of a 512-bit one). */
    static final int LANES = 8;
    private static final int PASSES = 3;

    /** Where the rows come from and go to. */
    interface Rows {
        /** Writes input row y (w pixels of LANES floats) into dst from 0. */
        void fill(int y, float[] dst);

        /** Takes filtered row v (w pixels of LANES floats) from src at 0; rows come in order. */
        void take(int v, float[] src);
    }

    private final boolean vector;
    private int w = -1, h = -1, r = -1, length;
    private int ringRows;
    private final float[][] ring = new float[PASSES][];
    private final float[][] sums = new float[PASSES][];
    private final int[] received = new int[PASSES];
    private final int[] emitted = new int[PASSES];
    private final boolean[] started = new boolean[PASSES];
    /** The row in flight between passes, and the row filter's input with its borders repeated ({@link #pad}). */
    private float[] line, padded;
    /** {@link BoxVector#rowFilter}'s last pixel, as wide as its vectors (16 floats at most). */
    private float[] lastPixel;
    private float inv;

    /** @param vector the filters with {@link BoxVector} (only where {@link #vectorUsable}) */
    BoxCascade(boolean vector) {
        this.vector = vector;
    }

    /**
     * Whether this JVM can run {@link BoxVector}: started with {@code --add-modules jdk.incubator.vector} (without the
     * module its class must not be initialised) and vectors of 8 floats or more.
     */
    static boolean vectorUsable() {
        return org.hilbridge.augment.VectorApi.present() && BoxVector.wideEnough();
    }

    /** Filters the w x h rows that {@code rows} fills with boxes of half-width r &gt;= 1, handing the output to it. */
    void apply(int w, int h, int r, Rows rows) {
        if (w != this.w || h != this.h || r != this.r) {
            this.w = w;
            this.h = h;
            this.r = r;
            length = w * LANES;
            // The column window reaches from the leaving row (v - r) to the entering one (v + r + 1), 2r + 2 rows; at the
            // bottom a pass emits all its waiting rows at once into the next one (pass 1 up to r + 2, pass 2 up to
            // 2r + 3, before it emits): room for those too.
            ringRows = 4 * r + 4;
            for (int s = 0; s < PASSES; s++) {
                ring[s] = new float[ringRows * length];
                sums[s] = new float[length];
            }
            line = new float[length];
            padded = new float[(w + 2 * r + 1) * LANES];
            lastPixel = new float[2 * LANES];
        }
        inv = 1f / (2 * r + 1);
        java.util.Arrays.fill(received, 0);
        java.util.Arrays.fill(emitted, 0);
        java.util.Arrays.fill(started, false);
        for (int y = 0; y < h; y++) {
            rows.fill(y, line);
            rowFilter(0, line);
            // Each pass's column filter emits what it can, row by row into the next pass's row filter.
            for (int s = 0; s < PASSES; s++) {
                while (ready(s)) {
                    int v = emitted[s];
                    columnFilter(s, line);
                    if (s == PASSES - 1) {
                        rows.take(v, line);
                    } else {
                        rowFilter(s + 1, line);
                    }
                }
            }
        }
    }

    /** The next row of pass s's input (src) through its row filter into its ring. */
    private void rowFilter(int s, float[] src) {
        pad(src);
        int y = received[s]++;
        if (vector) {
            BoxVector.rowFilter(padded, w, r, inv, ring[s], slot(y), lastPixel);
        } else {
            rowFilterScalar(ring[s], slot(y));
        }
    }

    private int slot(int row) {
        return (row % ringRows) * length;
    }

    /** Whether pass s's column filter can emit its next row: the rows of its window have arrived (its sums started). */
    private boolean ready(int s) {
        int last = received[s] - 1;
        if (!started[s]) {
            if (last < Math.min(h - 1, r)) {
                return false;
            }
            float[] in = ring[s], sum = sums[s];
            java.util.Arrays.fill(sum, 0);
            for (int k = -r; k <= r; k++) {
                int from = slot(Math.max(0, Math.min(h - 1, k)));
                for (int i = 0; i < length; i++) {
                    sum[i] += in[from + i];
                }
            }
            started[s] = true;
        }
        return emitted[s] < h && Math.min(h - 1, emitted[s] + r + 1) <= last;
    }

    /** Pass s's column filter: its next row into out, and its sums moved one row down. */
    private void columnFilter(int s, float[] out) {
        int v = emitted[s]++;
        float[] in = ring[s], sum = sums[s];
        int e = slot(Math.min(h - 1, v + r + 1)), l = slot(Math.max(0, v - r));
        if (vector) {
            BoxVector.columnStep(sum, in, e, l, out, length, inv);
        } else {
            for (int i = 0; i < length; i++) {
                out[i] = sum[i] * inv;
                sum[i] += in[e + i] - in[l + i];
            }
        }
    }

    /**
     * The row (w pixels from 0) into {@link #padded}, its first pixel repeated r times before it and its last r + 1
     * times after it: pixel i of the padded row is pixel clamp(i - r) of the row, so the filter's entering pixel
     * min(w - 1, i + r + 1) is padded pixel i + 2r + 1 and its leaving pixel max(0, i - r) padded pixel i, no clamps.
     */
    private void pad(float[] src) {
        System.arraycopy(src, 0, padded, r * LANES, length);
        for (int k = 0; k < r; k++) {
            System.arraycopy(src, 0, padded, k * LANES, LANES);
        }
        for (int k = r + w; k < w + 2 * r + 1; k++) {
            System.arraycopy(src, length - LANES, padded, k * LANES, LANES);
        }
    }

    /** The row filter along the padded row into dst at dOff, lane by lane: each lane's running sum alone. */
    private void rowFilterScalar(float[] dst, int dOff) {
        int enter = (2 * r + 1) * LANES;
        for (int lane = 0; lane < LANES; lane++) {
            float s = 0;
            for (int k = 0; k <= 2 * r; k++) {
                s += padded[k * LANES + lane];
            }
            for (int i = 0, o = lane; i < w; i++, o += LANES) {
                dst[dOff + o] = s * inv;
                s += padded[enter + o] - padded[o];
            }
        }
    }
}
