package org.hilbridge.augment.photometric;

/**
 * The scene rows that the motion blur reads, linear RGB in three planes, held in a ring of rows: row v of the image
 * lies at slot v &amp; {@link #rowMask()} (its pixels from {@link #offset}), so a tap's source index is
 * (row &amp; rowMask) w + column. The blur's taps of a row reach only a few rows up and down (on the benchmark's frames at
 * most 8 rows either side: a window of 15-17 rows), so a ring of {@value #FIRST_ROWS} rows (0.5 MB at 1280 px, within
 * a core's L2) holds them, where the whole linear frame (11 MB) was written back to memory every frame. A row whose taps
 * reach further back than the ring holds grows it (a power of two of rows, or the whole frame with the identity
 * mask -1 once that reaches the height) and computes the rows from that row's first again; the ring keeps its size for
 * later frames (no allocation in the steady state). One thread at a time.
 */
final class LinearRing {
    /** The ring's rows at first: a power of two over the benchmark's largest window (17 rows). */
    static final int FIRST_ROWS = 32;
    private float[][] planes = {new float[0], new float[0], new float[0]};
    private int width = -1;
    private int height = -1;
    private int rows;
    /** rows - 1 while the ring is shorter than the image (rows a power of two), else -1 (slot v is row v). */
    private int rowMask;
    /** Rows from .. next - 1 of this frame were computed into the ring (since it last grew); the last {@link #rows} of them are held. */
    private int from;
    private int next;

    /** Starts a frame of w x h pixels: no row held (allocates only for a new frame size). */
    void startFrame(int w, int h) {
        if (w != width || h != height) {
            width = w;
            height = h;
            resize(FIRST_ROWS);
        }
        from = 0;
        next = 0;
    }

    /**
     * Makes rows first .. last of this frame held (0 &lt;= first &lt;= last &lt; h), computing those not yet held from
     * {@code scene} in order (through {@code scratch}), and forgetting the oldest where the ring is full.
     */
    void hold(int first, int last, Defocus.RowSource scene, PlanarRow scratch) {
        int top = Math.max(last, next - 1);   // the last row held after this call
        if (first < Math.max(from, top + 1 - rows)) {
            // Row first is, or would be, gone: a longer reach than the ring holds. Grow it and compute from first again.
            resize(Math.max(2 * rows, Integer.highestOneBit(last - first) << 1));
            from = first;
            next = first;
        }
        for (; next <= last; next++) {
            scene.row(next, scratch);
            int o = offset(next);
            // Planar: three block copies a row (an interleaved store is a strided scalar loop).
            System.arraycopy(scratch.r, 0, planes[0], o, width);
            System.arraycopy(scratch.g, 0, planes[1], o, width);
            System.arraycopy(scratch.b, 0, planes[2], o, width);
        }
    }

    /** The three planes (r, g, b), row v at {@link #offset}(v). */
    float[][] planes() {
        return planes;
    }

    /** The mask that takes a row of the image to its slot (-1 where the ring holds the whole frame). */
    int rowMask() {
        return rowMask;
    }

    /** Where row v's pixels start in each plane. */
    int offset(int v) {
        return offset(v, rowMask, width);
    }

    /** Where row v of w pixels starts in planes whose rows lie at slot v &amp; rowMask (-1: a whole frame). */
    static int offset(int v, int rowMask, int w) {
        return (v & rowMask) * w;
    }

    /** Rows the ring holds (for tests). */
    int rows() {
        return rows;
    }

    private void resize(int wanted) {
        rows = wanted < height ? wanted : height;
        rowMask = wanted < height ? wanted - 1 : -1;
        for (int c = 0; c < 3; c++) {
            planes[c] = new float[rows * width];
        }
    }
}
