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
 * <p>Each exact box output is inv * (the sum of its 2r + 1 taps, added from the first tap to the last), inv = 1 / (2r + 1),
 * edges clamped: the order of additions is part of the output (float addition does not associate; {@code DefocusTest}
 * pins it bit for bit against that sum written out naively, with and without the Vector API). A ring row holds the
 * three planes one after another (plane c from c w); the source's planes are read in place and the last column box
 * writes straight into the planar row the sink gets (no copies, no padding).
 * <ul>
 * <li>r = 1 (defocus radii under 2.12 px; the benchmark's 2 px): both boxes of a direction in one sweep, each output
 * ((t(x - 1) + t(x)) + t(x + 1)) inv from the five taps x - 2 .. x + 2, the three inner boxes t recomputed in registers
 * ({@link DefocusVector#tent5}: five loads, eight additions, four multiplications and one store a vector, against six
 * loads, four additions and two stores for two passes through memory: faster here, where the passes wait on memory);
 * so only the row-filtered ring, no column ring. The two outputs at each end of a row, and the first and last rows,
 * read clamped taps in scalar loops.
 * <li>r &gt; 1: each box as passes of three taps, (t0 + t1) + t2, then (s + t3) + t4 and so on, the last pass times
 * inv; the first column box into a ring of its own; the first and last r outputs of a row box read clamped taps in a
 * scalar loop.
 * <li>r &gt;= {@link #SLIDE_FROM_R} (defocus radii from 3.54 px; hilbridge-photometric-8): the two column boxes as
 * running (sliding-window) sums, so each costs the same whatever r: S(j) = (S(j - 1) + R(clamp(j + r))) -
 * R(clamp(j - r - 1)) a vector across the columns, output S(j) inv (with clamping, window j is window j - 1 less its
 * first row plus row clamp(j + r)). S restarts from its taps (the exact sum above, unscaled) at the first row, every
 * {@link #RESTART_ROWS} rows, which bounds the float drift (within 4.2e-6 of the largest tap since the restart, per
 * box), and wherever the window or the row leaving it holds a wild row ({@link #WILD_ABS}: NaN, an infinity, or a
 * magnitude that could overflow the sum), so a non-finite value reaches only the outputs whose window holds it, as
 * before. The row boxes stay exact passes: a running sum along a row is one serial chain of dependent additions
 * (latency-bound, a few cycles an output for 6w outputs a row), where the passes are whole vectors.
 * </ul>
 * With the Vector API ({@link DefocusVector}, where {@link SceneRow#vectorApiUsable}) the sweeps run as vectors with
 * unaligned loads at the taps' offsets. Without it, plain loops give the same floats; C2's superword on JDK 17
 * vectorises a loop only where every array index is the loop's from 0 (an offset leaves it scalar: 5.3 times slower
 * here), so they sweep the row's taps shifted into buffers and write a whole ring row (3w floats) before the block
 * copies out. Before, both paths were that way, with the planes copied into padded segments and every box pass
 * through memory: about 25 passes over a row against 2 sweeps now (r = 1); augment/PERFORMANCE.md has the figures.
 * Buffers are held between frames; one thread at a time.
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

    /** Run the sweeps with {@link DefocusVector} (only where {@link SceneRow#vectorApiUsable}; the same floats either way). */
    private final boolean vector;
    /** One plane after the first row box (w floats). */
    private float[] once = new float[0];
    /** Ring of row-filtered rows (slot j mod rowSlots) and of once column-filtered rows (slot j mod colSlots); planes r, g, b at 0, w, 2w. */
    private float[][] rowRing = new float[0][];
    private float[][] colRing = new float[0][];
    /** The taps of the box being run: array and offset of tap k, k = 0 .. 2r. */
    private float[][] tapRows = new float[0][];
    private int[] tapOffsets = new int[0];
    /** For the plain r = 1 sweeps: a row's taps shifted to index 0 (4 x w floats), and one sweep's output (3w floats). */
    private float[][] shifted = new float[4][0];
    private float[] sweep = new float[0];
    /** For r &gt;= {@link #SLIDE_FROM_R}: the running (unscaled) sums of the first and second column box (3w floats each). */
    private final RunningBox firstColumns = new RunningBox(), secondColumns = new RunningBox();
    /** For r &gt;= {@link #SLIDE_FROM_R}: whether ring slot j holds a row with a wild value ({@link #WILD_ABS}), per ring. */
    private boolean[] rowWild = new boolean[0], colWild = new boolean[0];
    private final PlanarRow io = new PlanarRow();

    /**
     * A running column sum restarts from its taps (the exact sum, first tap first) at least every this many rows:
     * each slide adds two roundings of at most u |S| (u = 2^-24, |S| &lt;= (2r + 2) x the largest tap), so the drift
     * stays under 2 x 32 x u x (2r + 2) / (2r + 1) &lt; 4.2e-6 of the largest tap since the restart, per box.
     */
    static final int RESTART_ROWS = 32;
    /**
     * The column boxes run as sliding sums from this box radius on (defocus radii from 3.54 px): at r = 2 their five
     * taps, two passes of three, cost about what a slide and the wild-row scan do (measured: 2-7 % faster on JDK 17,
     * 4-10 % slower on JDK 25, augment/PERFORMANCE.md), so r = 2 keeps the exact sums and its floats.
     */
    static final int SLIDE_FROM_R = 3;
    /**
     * A row with a value that is not finite or whose magnitude exceeds this is wild: a column sum whose window (or the
     * row leaving it) holds a wild row is summed from its taps, not slid, so that a NaN or infinity only reaches the
     * outputs whose window holds it (a slide would subtract it again: inf - inf = NaN), and 2r + 2 &lt;= 14 tame taps
     * cannot overflow a float sum (14e37 &lt; Float.MAX_VALUE).
     */
    static final float WILD_ABS = 1e37f;

    /** The state of one column box's running sum: its sums, and the row of its last restart. */
    private static final class RunningBox {
        float[] sum = new float[0];
        int restartedAt;
    }

    /** With the Vector API where this JVM has it ({@link SceneRow#vectorApiUsable}). */
    Defocus() {
        this(SceneRow.vectorApiUsable());
    }

    /** @param vector run the sweeps with {@link DefocusVector} (only where {@link SceneRow#vectorApiUsable}) */
    Defocus(boolean vector) {
        if (vector && !SceneRow.vectorApiUsable()) {
            throw new IllegalArgumentException("the vector defocus needs --add-modules " + org.hilbridge.augment.VectorApi.MODULE
                    + " and vectors of 8 floats or more; this JVM has neither or only narrower vectors");
        }
        this.vector = vector;
    }

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
        int n = 3 * w;
        int rowSlots = 4 * r + 2, colSlots = 2 * r + 2;
        if (once.length != w || rowRing.length != rowSlots) {
            once = new float[w];
            rowRing = new float[rowSlots][n];
            colRing = new float[colSlots][n];
            tapRows = new float[2 * r + 1][];
            tapOffsets = new int[2 * r + 1];
            shifted = new float[Math.max(4, 2 * r)][w];
            sweep = new float[n];
            firstColumns.sum = new float[n];
            secondColumns.sum = new float[n];
            rowWild = new boolean[rowSlots];
            colWild = new boolean[colSlots];
        }
        PlanarRow row = io.ensure(w);
        float inv = 1f / (2 * r + 1);
        int rowsDone = 0, colsDone = 0;   // row-filtered rows 0 .. rowsDone - 1 exist, column-filtered 0 .. colsDone - 1
        for (int v = 0; v < h; v++) {
            for (int needRows = Math.min(h, v + 2 * r + 1); rowsDone < needRows; rowsDone++) {
                source.row(rowsDone, row);
                float[] dst = rowRing[rowsDone % rowSlots];
                if (r == 1) {
                    tentAlongRow(row.r, w, inv, dst, 0);
                    tentAlongRow(row.g, w, inv, dst, w);
                    tentAlongRow(row.b, w, inv, dst, 2 * w);
                } else {
                    boxAlongRow(row.r, w, r, inv, once, 0);
                    boxAlongRow(once, w, r, inv, dst, 0);
                    boxAlongRow(row.g, w, r, inv, once, 0);
                    boxAlongRow(once, w, r, inv, dst, w);
                    boxAlongRow(row.b, w, r, inv, once, 0);
                    boxAlongRow(once, w, r, inv, dst, 2 * w);
                    if (r >= SLIDE_FROM_R) {
                        rowWild[rowsDone % rowSlots] = wild(dst, n);
                    }
                }
            }
            if (r == 1) {
                tentAcrossRows(rowSlots, v, w, h, inv, row);
            } else if (r < SLIDE_FROM_R) {
                for (int needCols = Math.min(h, v + r + 1); colsDone < needCols; colsDone++) {
                    boxAcrossRows(rowRing, rowSlots, colsDone, h, r, 0, n, inv, colRing[colsDone % colSlots]);
                }
                if (vector) {
                    boxAcrossRows(colRing, colSlots, v, h, r, 0, w, inv, row.r);
                    boxAcrossRows(colRing, colSlots, v, h, r, w, w, inv, row.g);
                    boxAcrossRows(colRing, colSlots, v, h, r, 2 * w, w, inv, row.b);
                } else {   // from index 0 for C2's superword (see sum3), then the planes out by block copies
                    boxAcrossRows(colRing, colSlots, v, h, r, 0, n, inv, sweep);
                    System.arraycopy(sweep, 0, row.r, 0, w);
                    System.arraycopy(sweep, w, row.g, 0, w);
                    System.arraycopy(sweep, 2 * w, row.b, 0, w);
                }
            } else {
                for (int needCols = Math.min(h, v + r + 1); colsDone < needCols; colsDone++) {
                    int j = colsDone;
                    // A once column-filtered row is wild only where a row of its window is (tame rows average to tame).
                    colWild[j % colSlots] = anyWild(rowWild, rowSlots, j - r, j + r, h);
                    if (restarts(firstColumns, rowWild, rowSlots, j, h, r)) {
                        sumAcrossRows(rowRing, rowSlots, j, h, r, firstColumns.sum);
                        scale(firstColumns.sum, 0, inv, colRing[j % colSlots], 0, n);
                    } else {
                        slide(firstColumns.sum, 0, rowRing[clamp(j + r, h) % rowSlots], rowRing[clamp(j - r - 1, h) % rowSlots], 0, inv,
                                colRing[j % colSlots], 0, n);
                    }
                }
                secondColumnBox(colSlots, v, w, h, r, inv, row);
            }
            sink.row(v, row);
        }
    }

    /**
     * Both row boxes for r = 1 in one sweep of a plane: dst[d + x] = inv * ((t(x - 1) + t(x)) + t(x + 1)), t(y) = inv *
     * ((src[y - 1] + src[y]) + src[y + 1]), every index clamped to the row: the two passes' floats (each t as the
     * first pass makes it), without the pass between. The two outputs at each end read clamped taps.
     */
    private void tentAlongRow(float[] src, int w, float inv, float[] dst, int d) {
        int inside = w - 4;   // outputs x = 2 .. w - 3 read src[x - 2 .. x + 2], all in the row
        if (inside > 0 && (!vector || DefocusVector.tent5(src, 0, src, 1, src, 2, src, 3, src, 4, inv, dst, d + 2, inside) < inside)) {
            // Plain loops (or a row under one vector): the taps shifted to index 0 of buffers, so that C2's superword
            // vectorises the sweep (it leaves a loop whose array index carries an offset scalar: 5.3 times slower).
            float[][] taps = shifted;
            for (int k = 1; k <= 4; k++) {
                System.arraycopy(src, k, taps[k - 1], 0, inside);
            }
            tentFromZero(src, taps[0], taps[1], taps[2], taps[3], inv, sweep, inside);
            System.arraycopy(sweep, 0, dst, d + 2, inside);
        }
        int left = inside > 0 ? 2 : w;   // without an inside, every output is an edge one
        for (int x = 0; x < left; x++) {
            dst[d + x] = clampedTent(src, w, inv, x);
        }
        for (int x = Math.max(left, w - 2); x < w; x++) {
            dst[d + x] = clampedTent(src, w, inv, x);
        }
    }

    /** Output x of both row boxes for r = 1, every tap clamped to the row (the ends of {@link #tentAlongRow}). */
    private static float clampedTent(float[] src, int w, float inv, int x) {
        float before = clampedBox(src, w, 1, inv, clamp(x - 1, w)), here = clampedBox(src, w, 1, inv, x), after = clampedBox(src, w, 1, inv, clamp(x + 1, w));
        return (before + here + after) * inv;
    }

    /**
     * dst[i] = ((t(a, b, c) + t(b, c, d)) + t(c, d, e)) * inv with t(p, q, s) = ((p + q) + s) * inv over a[i] .. e[i],
     * for i in [0, n): two boxes of radius 1 over five taps ({@link DefocusVector#tent5}'s floats), every array from
     * index 0.
     */
    private static void tentFromZero(float[] a, float[] b, float[] c, float[] d, float[] e, float inv, float[] dst, int n) {
        for (int i = 0; i < n; i++) {
            float before = (a[i] + b[i] + c[i]) * inv, here = (b[i] + c[i] + d[i]) * inv, after = (c[i] + d[i] + e[i]) * inv;
            dst[i] = (before + here + after) * inv;
        }
    }

    /**
     * Row v of both column boxes for r = 1 into the planar row, from the ring's row-filtered rows: inv * ((c(v - 1) +
     * c(v)) + c(v + 1)), c(j) = inv * ((R(j - 1) + R(j)) + R(j + 1)), row indices clamped to the frame, as the two
     * passes make them. Between the first and the last row, c(v - 1) .. c(v + 1) read R(v - 2) .. R(v + 2) (clamped);
     * in the first and last, c(v) is also c(v -/+ 1), and the inner rows are clamped in place (a scalar loop).
     */
    private void tentAcrossRows(int slots, int v, int w, int h, float inv, PlanarRow row) {
        float[][] ring = rowRing;
        if (v > 0 && v < h - 1) {
            float[] a = ring[clamp(v - 2, h) % slots], b = ring[(v - 1) % slots], c = ring[v % slots], d = ring[(v + 1) % slots];
            float[] e = ring[clamp(v + 2, h) % slots];
            if (vector && DefocusVector.tent5(a, 0, b, 0, c, 0, d, 0, e, 0, inv, row.r, 0, w) == w) {
                DefocusVector.tent5(a, w, b, w, c, w, d, w, e, w, inv, row.g, 0, w);
                DefocusVector.tent5(a, 2 * w, b, 2 * w, c, 2 * w, d, 2 * w, e, 2 * w, inv, row.b, 0, w);
            } else {
                // Plain loops (or a row under one vector): one sweep over the 3w floats from index 0 (for C2's
                // superword, as in tentAlongRow), then the planes out by block copies.
                tentFromZero(a, b, c, d, e, inv, sweep, 3 * w);
                System.arraycopy(sweep, 0, row.r, 0, w);
                System.arraycopy(sweep, w, row.g, 0, w);
                System.arraycopy(sweep, 2 * w, row.b, 0, w);
            }
            return;
        }
        int before = clamp(v - 1, h), after = clamp(v + 1, h);
        float[] b0 = ring[clamp(before - 1, h) % slots], b1 = ring[before % slots], b2 = ring[clamp(before + 1, h) % slots];
        float[] h0 = ring[clamp(v - 1, h) % slots], h1 = ring[v % slots], h2 = ring[clamp(v + 1, h) % slots];
        float[] a0 = ring[clamp(after - 1, h) % slots], a1 = ring[after % slots], a2 = ring[clamp(after + 1, h) % slots];
        for (int p = 0; p < 3; p++) {
            float[] dst = p == 0 ? row.r : (p == 1 ? row.g : row.b);
            for (int x = 0, i = p * w; x < w; x++, i++) {
                float cb = (b0[i] + b1[i] + b2[i]) * inv, ch = (h0[i] + h1[i] + h2[i]) * inv, ca = (a0[i] + a1[i] + a2[i]) * inv;
                dst[x] = (cb + ch + ca) * inv;
            }
        }
    }

    /**
     * dst[d + x] = inv * sum of src[clamp(x + k)], k = -r .. r (first tap first), for x in [0, w): a box along one
     * plane, edges clamped. The r outputs at each end read clamped taps; those between read src at offsets.
     */
    private void boxAlongRow(float[] src, int w, int r, float inv, float[] dst, int d) {
        int inside = w - 2 * r;   // outputs x = r .. w - r - 1 read taps x - r .. x + r, all in the row
        if (inside > 0 && vector) {
            for (int k = 0; k <= 2 * r; k++) {
                tapRows[k] = src;
                tapOffsets[k] = k;
            }
            box(r, inv, dst, d + r, inside);
        } else if (inside > 0) {   // the taps shifted to index 0 of buffers, for C2's superword (see sum3)
            tapRows[0] = src;
            for (int k = 1; k <= 2 * r; k++) {
                System.arraycopy(src, k, shifted[k - 1], 0, inside);
                tapRows[k] = shifted[k - 1];
                tapOffsets[k] = 0;
            }
            tapOffsets[0] = 0;
            box(r, inv, sweep, 0, inside);
            System.arraycopy(sweep, 0, dst, d + r, inside);
        }
        int left = inside > 0 ? r : w;   // without an inside, every output is an edge one
        for (int x = 0; x < left; x++) {
            dst[d + x] = clampedBox(src, w, r, inv, x);
        }
        for (int x = Math.max(left, w - r); x < w; x++) {
            dst[d + x] = clampedBox(src, w, r, inv, x);
        }
    }

    /** inv * sum of src[clamp(x + k)], k = -r .. r, first tap first. */
    private static float clampedBox(float[] src, int w, int r, float inv, int x) {
        float s = src[clamp(x - r, w)];
        for (int k = -r + 1; k <= r; k++) {
            s += src[clamp(x + k, w)];
        }
        return s * inv;
    }

    /**
     * Row v of a box across rows: inv * sum of ring rows clamp(v + k), k = -r .. r (first row first), floats
     * [from, from + n) of each, into dst from index 0.
     */
    private void boxAcrossRows(float[][] ring, int slots, int v, int h, int r, int from, int n, float inv, float[] dst) {
        for (int k = 0; k <= 2 * r; k++) {
            tapRows[k] = ring[clamp(v - r + k, h) % slots];
            tapOffsets[k] = from;
        }
        box(r, inv, dst, 0, n);
    }

    /**
     * Row v of the second column box (r &gt;= {@link #SLIDE_FROM_R}) into the planar row, from the ring of once column-filtered rows: restarted
     * from its taps or slid ({@link #restarts}), then times inv. With the Vector API a plane at a time straight into the
     * row; plain, over the 3w floats from index 0 (for C2's superword, see sum3), then the planes out by block copies.
     */
    private void secondColumnBox(int slots, int v, int w, int h, int r, float inv, PlanarRow row) {
        float[] sum = secondColumns.sum;
        int n = 3 * w;
        boolean restart = restarts(secondColumns, colWild, slots, v, h, r);
        if (restart) {
            sumAcrossRows(colRing, slots, v, h, r, sum);
        }
        float[] enter = colRing[clamp(v + r, h) % slots], leave = colRing[clamp(v - r - 1, h) % slots];
        if (vector) {
            for (int p = 0; p < 3; p++) {
                float[] dst = p == 0 ? row.r : (p == 1 ? row.g : row.b);
                if (restart) {
                    scale(sum, p * w, inv, dst, 0, w);
                } else {
                    slide(sum, p * w, enter, leave, p * w, inv, dst, 0, w);
                }
            }
            return;
        }
        if (restart) {
            scale(sum, 0, inv, sweep, 0, n);
        } else {
            slide(sum, 0, enter, leave, 0, inv, sweep, 0, n);
        }
        System.arraycopy(sweep, 0, row.r, 0, w);
        System.arraycopy(sweep, w, row.g, 0, w);
        System.arraycopy(sweep, 2 * w, row.b, 0, w);
    }

    /**
     * Whether output row j of a running column box is summed from its taps rather than slid from row j - 1: at the
     * first row, every {@link #RESTART_ROWS} rows (to bound the float drift), and wherever its window or the row
     * leaving it (rows j - r - 1 .. j + r, clamped) holds a wild row (so a NaN or infinity stays within the windows
     * that hold it, as in the exact sums). Records a restart in box.
     */
    private static boolean restarts(RunningBox box, boolean[] wild, int slots, int j, int h, int r) {
        if (j == 0 || j - box.restartedAt >= RESTART_ROWS || anyWild(wild, slots, j - r - 1, j + r, h)) {
            box.restartedAt = j;
            return true;
        }
        return false;
    }

    /** Whether any ring row clamp(from) .. clamp(to) is wild. */
    private static boolean anyWild(boolean[] wild, int slots, int from, int to, int h) {
        for (int j = Math.max(0, from), last = Math.min(h - 1, to); j <= last; j++) {
            if (wild[j % slots]) {
                return true;
            }
        }
        return false;
    }

    /** Whether a[0 .. n) holds a value that is not finite or of magnitude over {@link #WILD_ABS}. */
    private boolean wild(float[] a, int n) {
        if (vector) {
            return DefocusVector.wild(a, n, WILD_ABS);
        }
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(a[i]) <= WILD_ABS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unscaled sum of a box across rows at row v: ring rows clamp(v + k), k = -r .. r, added first row first (the
     * passes of {@link #box} without its final scaling), all 3w floats, into sum from index 0.
     */
    private void sumAcrossRows(float[][] ring, int slots, int v, int h, int r, float[] sum) {
        for (int k = 0; k <= 2 * r; k++) {
            tapRows[k] = ring[clamp(v - r + k, h) % slots];
            tapOffsets[k] = 0;
        }
        int n = sum.length;
        sum3(tapRows[0], 0, tapRows[1], 0, tapRows[2], 0, sum, 0, n);
        for (int k = 3; k < 2 * r + 1; k += 2) {
            sum3(sum, 0, tapRows[k], 0, tapRows[k + 1], 0, sum, 0, n);
        }
    }

    /** dst[d + i] = sum[s + i] * inv for i in [0, n) (the floats {@link #box}'s last pass makes from the same sum). */
    private void scale(float[] sum, int s, float inv, float[] dst, int d, int n) {
        int i = vector ? DefocusVector.scale(sum, s, inv, dst, d, n) : 0;
        if (i == 0 && (s | d) == 0) {
            for (; i < n; i++) {
                dst[i] = sum[i] * inv;
            }
        }
        for (; i < n; i++) {
            dst[d + i] = sum[s + i] * inv;
        }
    }

    /**
     * One step of a running box: sum[s + i] = (sum[s + i] + enter[s + i]) - leave[s + i], dst[d + i] = sum[s + i] * inv,
     * for i in [0, n): the tap entering the window added, the one leaving subtracted.
     */
    private void slide(float[] sum, int s, float[] enter, float[] leave, int o, float inv, float[] dst, int d, int n) {
        int i = vector ? DefocusVector.slide(sum, s, enter, leave, o, inv, dst, d, n) : 0;
        if (i == 0 && (s | o | d) == 0) {
            for (; i < n; i++) {
                float next = sum[i] + enter[i] - leave[i];
                sum[i] = next;
                dst[i] = next * inv;
            }
        }
        for (; i < n; i++) {
            float next = sum[s + i] + enter[o + i] - leave[o + i];
            sum[s + i] = next;
            dst[d + i] = next * inv;
        }
    }

    /**
     * dst[d + i] = inv * sum of the taps' tapRows[k][tapOffsets[k] + i], k = 0 .. 2r added in order, for i in [0, n):
     * passes of three taps, ((t0 + t1) + t2) then (s + t3) + t4 and so on, the last pass times inv.
     */
    private void box(int r, float inv, float[] dst, int d, int n) {
        float[][] t = tapRows;
        int[] o = tapOffsets;
        if (r == 1) {
            sum3Scaled(t[0], o[0], t[1], o[1], t[2], o[2], inv, dst, d, n);
            return;
        }
        sum3(t[0], o[0], t[1], o[1], t[2], o[2], dst, d, n);
        for (int k = 3; k < 2 * r - 1; k += 2) {
            sum3(dst, d, t[k], o[k], t[k + 1], o[k + 1], dst, d, n);
        }
        sum3Scaled(dst, d, t[2 * r - 1], o[2 * r - 1], t[2 * r], o[2 * r], inv, dst, d, n);
    }

    /**
     * dst[d + i] = (a[ao + i] + b[bo + i]) + c[co + i] for i in [0, n). Without the Vector API the callers pass every
     * offset 0, and a loop of its own indexes from 0: C2's superword on JDK 17 vectorises that one and leaves a loop
     * whose array index carries an offset scalar (the plain r = 1 sweep measured 5.3 times slower so).
     */
    private void sum3(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] dst, int d, int n) {
        int i = vector ? DefocusVector.sum3(a, ao, b, bo, c, co, dst, d, n) : 0;
        if (i == 0 && (ao | bo | co | d) == 0) {
            for (; i < n; i++) {
                dst[i] = a[i] + b[i] + c[i];
            }
        }
        for (; i < n; i++) {
            dst[d + i] = a[ao + i] + b[bo + i] + c[co + i];
        }
    }

    /** {@link #sum3} times scale. */
    private void sum3Scaled(float[] a, int ao, float[] b, int bo, float[] c, int co, float scale, float[] dst, int d, int n) {
        int i = vector ? DefocusVector.sum3Scaled(a, ao, b, bo, c, co, scale, dst, d, n) : 0;
        if (i == 0 && (ao | bo | co | d) == 0) {
            for (; i < n; i++) {
                dst[i] = (a[i] + b[i] + c[i]) * scale;
            }
        }
        for (; i < n; i++) {
            dst[d + i] = (a[ao + i] + b[bo + i] + c[co + i]) * scale;
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
