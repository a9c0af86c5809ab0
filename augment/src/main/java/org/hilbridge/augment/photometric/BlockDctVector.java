package org.hilbridge.augment.photometric;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.onnx.PlaneVector;

/**
 * {@link BlockDct}'s pass with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK 17), band by band
 * (16 rows: one row of 4:2:0 macroblocks), where C2 leaves the per-macroblock form scalar (byte to float conversions,
 * table look-ups and float to byte clamps do not vectorise on JDK 17, and an 8-point line's butterflies do not either):
 * <ol>
 * <li>the band's rgb8 split into r, g, b byte planes ({@link PlaneVector}), each row's codes reordered group by group
 * (N blocks side by side, 8 N pixels) into block order: column k of the N blocks as N consecutive codes, so that lane b
 * of a vector is block b (two byte shuffles and a blend per half group, as PlaneVector does it);
 * <li>YCbCr (T.871) as vectors in that order: luma per pixel (codes widened byte to int to float); chroma from each
 * 2 x 2 pixels' sum (16-bit ints, exact), its N-block vectors of two luma groups interleaved into one chroma group by
 * lane shuffles;
 * <li>the DCTs as vectors, N blocks at a time (lane b, block b): each row's forward line, then each column's, quantised
 * and dequantised, each column's inverse, each row's inverse; every line as jfdctflt.c and jidctflt.c arrange it
 * ({@link BlockDct#forwardAan}, {@link BlockDct#inverseAan});
 * <li>back to RGB as vectors (chroma spread over its pixels by lane shuffles), rounded by the magic sum and clamped as
 * ints, narrowed to bytes, reordered back into pixel order and merged into rgb8.
 * </ol>
 * Every pixel and coefficient goes through the same float operations in the same order as the scalar path (IEEE 754
 * float arithmetic is the same in vector lanes; no fused multiply-add; the 2 x 2 sums are integers, exact in any
 * order), so the output is the same bytes ({@code BlockDctTest}). The inverse runs in full where the scalar path skips
 * lines and blocks whose AC terms are all zero: the full form then adds and subtracts only zeros and returns the DC
 * term exactly, as the skip does (a zero's sign may differ, which the +128 level shift erases). Right and bottom edges
 * read clamped pixels, as the scalar path: the last row is repeated into the band's missing rows, the last column into
 * the padding columns. Buffers are held between frames; one thread at a time. Loaded only where
 * {@link BlockDct#vectorApiUsable}. 1280x720 at quality 60: 2.4 against 8.3 ms a frame for the scalar pass (thread CPU
 * time, AMD EPYC with AVX-512, JDK 17.0.15, loaded machine; the step before this one, planes in pixel order with
 * scalar row transforms, was 3.5 ms). C2 on JDK 17 stops inlining at MaxInlineLevel (15), and a Vector API call is
 * nested deep inside; so each loop writes its vector operations out itself, with its constants as vectors, and the
 * shuffles are constants used directly (a shuffle chosen at run time, or a helper method or two between the loop and
 * the API, left operations as plain Java, several times slower).
 */
final class BlockDctVector {
    /**
     * Float lanes (N blocks side by side); ints as many lanes; bytes as many lanes (a quarter of the bits). The shapes
     * below are capped at 512 bits so that this class initialises on any machine; only N = 8 or 16 runs ({@link #wideEnough}).
     */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int N = F.length();
    /** A group: N blocks side by side, 8 N pixels of a row. */
    private static final int GROUP = 8 * N;
    /** Shorts over 2 N lanes (columns 2m and 2m + 1 of N blocks), and 2 N bytes to load them from. */
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Math.min(512, 2 * N * Short.SIZE)));
    private static final VectorSpecies<Byte> PAIRS = ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Math.min(512, 2 * N * Byte.SIZE)));
    /** Lane t takes lane t + N (mod 2 N): the second column's sums under the first's. */
    private static final VectorShuffle<Short> SWAP = VectorShuffle.fromOp(S, t -> (t + N) % (2 * N));
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Math.min(512, Math.max(64, N * Byte.SIZE))));
    /** Half a group's codes of a row (4 N bytes): the reordering runs on two of these. */
    private static final VectorSpecies<Byte> HALF_GROUP = ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Math.min(512, 4 * N * Byte.SIZE)));
    /** Group order to block order and back (see {@link #source}): shuffles of each half of the output and where it takes from the second half of the input. */
    private static final VectorShuffle<Byte> TO_BLOCKS_0 = reorderShuffle(true, 0);
    private static final VectorShuffle<Byte> TO_BLOCKS_1 = reorderShuffle(true, 1);
    private static final VectorMask<Byte> TO_BLOCKS_M0 = reorderMask(true, 0);
    private static final VectorMask<Byte> TO_BLOCKS_M1 = reorderMask(true, 1);
    private static final VectorShuffle<Byte> TO_PIXELS_0 = reorderShuffle(false, 0);
    private static final VectorShuffle<Byte> TO_PIXELS_1 = reorderShuffle(false, 1);
    private static final VectorMask<Byte> TO_PIXELS_M0 = reorderMask(false, 0);
    private static final VectorMask<Byte> TO_PIXELS_M1 = reorderMask(false, 1);
    /** Lane l takes lane 2l (2l + 1) of the first vector for l &lt; N / 2, of the second (UPPER) above: even (odd) lanes of two vectors, in order. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(F, l -> 2 * l % N);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(F, l -> (2 * l + 1) % N);
    private static final VectorMask<Float> UPPER = VectorMask.fromLong(F, -1L << (N / 2));
    /** Lane b takes lane b / 2 (N / 2 + b / 2) of a vector: a chroma group's lanes to the first (second) luma group's blocks; ODD_LANES picks the odd ones. */
    private static final VectorShuffle<Float> SPREAD_0 = VectorShuffle.fromOp(F, b -> b / 2);
    private static final VectorShuffle<Float> SPREAD_1 = VectorShuffle.fromOp(F, b -> N / 2 + b / 2);
    private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(F, 0xAAAAAAAAAAAAAAAAL);

    private int width = -1;
    /** Padded width: whole chroma groups (16 N pixels: 2 N luma blocks, N chroma blocks). */
    private int pw;
    private byte[] band;
    private byte[] planes;
    /** One row of codes past the image's right edge: the last code repeated. */
    private byte[] pad;
    /** The band's codes in group order: plane c, row j at (16 c + j) pw; then the output codes, the same way. */
    private byte[] grouped;
    private float[] luma;
    private float[] cb;
    private float[] cr;
    /** Quantiser tables, each entry over N lanes: [(8 k + j) N + l] = table[8 j + k] (row j, column k of a block). */
    private final float[] fLuma = new float[64 * N];
    private final float[] dLuma = new float[64 * N];
    private final float[] fChroma = new float[64 * N];
    private final float[] dChroma = new float[64 * N];

    /**
     * Whether the vectors hold 8 or 16 floats (AVX2, AVX-512; half a group's codes, 4 N bytes, then fit one vector) and
     * 32 bytes ({@link PlaneVector}); call only where the module is present.
     */
    static boolean wideEnough() {
        return (N == 8 || N == 16) && PlaneVector.wideEnough();
    }

    /**
     * Within a group of 8 N codes of a row: pixel order (block b, column k at 8 b + k) to block order (k N + b: the
     * columns k of the N blocks side by side, so that lane b of a vector is block b), or back. Output half h, lane l:
     * the input's code at index {@code source(h 4N + l)}.
     */
    private static int source(boolean toBlocks, int out) {
        return toBlocks ? 8 * (out % N) + out / N : (out % 8) * N + out / 8;
    }

    private static VectorShuffle<Byte> reorderShuffle(boolean toBlocks, int half) {
        return VectorShuffle.fromOp(HALF_GROUP, l -> source(toBlocks, 4 * N * half + l) % (4 * N));
    }

    private static VectorMask<Byte> reorderMask(boolean toBlocks, int half) {
        boolean[] second = new boolean[4 * N];
        for (int l = 0; l < 4 * N; l++) {
            second[l] = source(toBlocks, 4 * N * half + l) >= 4 * N;
        }
        return VectorMask.fromArray(HALF_GROUP, second, 0);
    }

    private void size(int w) {
        if (w == width) {
            return;
        }
        width = w;
        pw = (w + 2 * GROUP - 1) / (2 * GROUP) * 2 * GROUP;
        band = new byte[3 * 16 * w];
        planes = new byte[3 * 16 * w];
        pad = new byte[GROUP];
        grouped = new byte[3 * 16 * pw];
        luma = new float[16 * pw];
        cb = new float[8 * (pw / 2)];
        cr = new float[8 * (pw / 2)];
    }

    private static void spread(float[] table, float[] lanes) {
        for (int j = 0; j < 8; j++) {
            for (int k = 0; k < 8; k++) {
                java.util.Arrays.fill(lanes, (8 * k + j) * N, (8 * k + j + 1) * N, table[8 * j + k]);
            }
        }
    }

    /** The pass over the w x h rgb8 frame, in place, with the tables of {@link BlockDct} for the frame's quality. */
    void quantise(int w, int h, byte[] rgb, float[] fLumaTable, float[] dLumaTable, float[] fChromaTable, float[] dChromaTable) {
        size(w);
        spread(fLumaTable, fLuma);
        spread(dLumaTable, dLuma);
        spread(fChromaTable, fChroma);
        spread(dChromaTable, dChroma);
        int cw = pw / 2;
        for (int by = 0; by < h; by += 16) {
            int rows = Math.min(16, h - by), n = rows * w;
            System.arraycopy(rgb, 3 * by * w, band, 0, 3 * n);
            PlaneVector.split(band, planes, n);
            toBlockOrder(w, rows, n);
            toLuma();
            toChroma();
            for (int r0 = 0; r0 < 16; r0 += 8) {
                blocks(luma, r0 * pw, pw, fLuma, dLuma);
            }
            blocks(cb, 0, cw, fChroma, dChroma);
            blocks(cr, 0, cw, fChroma, dChroma);
            toRgb(rows);
            toPixelOrder(w, rows, n);
            PlaneVector.merge(planes, band, n);
            System.arraycopy(band, 0, rgb, 3 * by * w, 3 * n);
        }
    }

    /** 8 N codes from src[so] reordered (to block order or back) into dst[dOff]. */
    private static void reorderToBlocks(byte[] src, int so, byte[] dst, int dOff) {
        ByteVector x0 = ByteVector.fromArray(HALF_GROUP, src, so), x1 = ByteVector.fromArray(HALF_GROUP, src, so + 4 * N);
        x0.rearrange(TO_BLOCKS_0).blend(x1.rearrange(TO_BLOCKS_0), TO_BLOCKS_M0).intoArray(dst, dOff);
        x0.rearrange(TO_BLOCKS_1).blend(x1.rearrange(TO_BLOCKS_1), TO_BLOCKS_M1).intoArray(dst, dOff + 4 * N);
    }

    private static void reorderToPixels(byte[] src, int so, byte[] dst, int dOff) {
        ByteVector x0 = ByteVector.fromArray(HALF_GROUP, src, so), x1 = ByteVector.fromArray(HALF_GROUP, src, so + 4 * N);
        x0.rearrange(TO_PIXELS_0).blend(x1.rearrange(TO_PIXELS_0), TO_PIXELS_M0).intoArray(dst, dOff);
        x0.rearrange(TO_PIXELS_1).blend(x1.rearrange(TO_PIXELS_1), TO_PIXELS_M1).intoArray(dst, dOff + 4 * N);
    }

    /** The band's byte planes (16 rows, the last repeated; the last column repeated to pw) in block order. */
    private void toBlockOrder(int w, int rows, int n) {
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 16; j++) {
                int src = c * n + Math.min(j, rows - 1) * w, dst = (16 * c + j) * pw, u = 0;
                for (; u + GROUP <= w; u += GROUP) {
                    reorderToBlocks(planes, src + u, grouped, dst + u);
                }
                if (u < pw) {   // the group across the right edge, then whole groups of the last code
                    System.arraycopy(planes, src + u, pad, 0, w - u);
                    java.util.Arrays.fill(pad, w - u, GROUP, planes[src + w - 1]);
                    reorderToBlocks(pad, 0, grouped, dst + u);
                    if (u + GROUP < pw) {
                        java.util.Arrays.fill(pad, planes[src + w - 1]);
                        for (u += GROUP; u < pw; u += GROUP) {
                            System.arraycopy(pad, 0, grouped, dst + u, GROUP);
                        }
                    }
                }
            }
        }
    }

    /** The output codes (block order) back to the band's byte planes, only the pixels in the image. */
    private void toPixelOrder(int w, int rows, int n) {
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < rows; j++) {
                int src = (16 * c + j) * pw, dst = c * n + j * w, u = 0;
                for (; u + GROUP <= w; u += GROUP) {
                    reorderToPixels(grouped, src + u, planes, dst + u);
                }
                if (u < w) {
                    reorderToPixels(grouped, src + u, pad, 0);
                    System.arraycopy(pad, 0, planes, dst + u, w - u);
                }
            }
        }
    }

    /** The level-shifted luma plane in block order from the codes in block order. */
    private void toLuma() {
        byte[] p = grouped;
        float[] y = luma;
        // Constants as vectors and every vector operation written out here: C2 on JDK 17 stops inlining at MaxInlineLevel (15),
        // and the Vector API's own calls are nested deep enough that a helper method or two between a loop and them
        // leaves some as plain Java (many times slower).
        FloatVector kyr = FloatVector.broadcast(F, 0.299f), kyg = FloatVector.broadcast(F, 0.587f), kyb = FloatVector.broadcast(F, 0.114f);
        FloatVector level = FloatVector.broadcast(F, 128f);
        IntVector low = IntVector.broadcast(I, 0xFF);
        int gp = 16 * pw, bp = 32 * pw;   // the g and b planes
        for (int i = 0; i < 16 * pw; i += N) {
            FloatVector r = (FloatVector) ((IntVector) ByteVector.fromArray(B, p, i).convertShape(VectorOperators.B2I, I, 0)).and(low).convertShape(VectorOperators.I2F, F, 0);
            FloatVector g = (FloatVector) ((IntVector) ByteVector.fromArray(B, p, gp + i).convertShape(VectorOperators.B2I, I, 0)).and(low).convertShape(VectorOperators.I2F, F, 0);
            FloatVector b = (FloatVector) ((IntVector) ByteVector.fromArray(B, p, bp + i).convertShape(VectorOperators.B2I, I, 0)).and(low).convertShape(VectorOperators.I2F, F, 0);
            r.mul(kyr).add(g.mul(kyg)).add(b.mul(kyb)).sub(level).intoArray(y, i);
        }
    }

    /**
     * Chroma in block order: chroma group h (N chroma blocks, lane b' = block b') from luma groups 2h and 2h + 1 (lanes
     * b = luma blocks): columns 2m and 2m + 1 of luma block b are chroma column m (b even) or 4 + m (b odd) of chroma
     * block b / 2. The four codes of each 2 x 2 pixels summed as 16-bit ints (exact; the scalar path's float sum of these
     * integers is the same number): columns 2m and 2m + 1 of the N blocks are 2 N consecutive codes in block order, so
     * one vector of the two rows' sums holds both columns; its halves added give the sums.
     */
    private void toChroma() {
        byte[] p = grouped;
        int cw = pw / 2;
        // Constants as vectors and every vector operation written out here (see toLuma).
        FloatVector quarter = FloatVector.broadcast(F, 0.25f), half = FloatVector.broadcast(F, 0.5f);
        FloatVector kbr = FloatVector.broadcast(F, -0.168736f), kbg = FloatVector.broadcast(F, 0.331264f);
        FloatVector krg = FloatVector.broadcast(F, 0.418688f), krb = FloatVector.broadcast(F, 0.081312f);
        ShortVector low = ShortVector.broadcast(S, (short) 0xFF);
        int gp = 16 * pw, bp = 32 * pw;
        for (int qj = 0; qj < 8; qj++) {
            int r0 = 2 * qj * pw, r1 = r0 + pw, co = qj * cw;
            for (int hg = 0; hg < cw; hg += GROUP) {
                for (int m = 0; m < 4; m++) {
                    int k0 = 2 * hg + 2 * m * N;   // luma group 2h, column 2m; luma group 2h + 1 is GROUP further
                    ShortVector s = ((ShortVector) ByteVector.fromArray(PAIRS, p, r0 + k0).convertShape(VectorOperators.B2S, S, 0)).and(low)
                            .add(((ShortVector) ByteVector.fromArray(PAIRS, p, r1 + k0).convertShape(VectorOperators.B2S, S, 0)).and(low));
                    FloatVector r = (FloatVector) s.add(s.rearrange(SWAP)).convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                    s = ((ShortVector) ByteVector.fromArray(PAIRS, p, gp + r0 + k0).convertShape(VectorOperators.B2S, S, 0)).and(low)
                            .add(((ShortVector) ByteVector.fromArray(PAIRS, p, gp + r1 + k0).convertShape(VectorOperators.B2S, S, 0)).and(low));
                    FloatVector g = (FloatVector) s.add(s.rearrange(SWAP)).convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                    s = ((ShortVector) ByteVector.fromArray(PAIRS, p, bp + r0 + k0).convertShape(VectorOperators.B2S, S, 0)).and(low)
                            .add(((ShortVector) ByteVector.fromArray(PAIRS, p, bp + r1 + k0).convertShape(VectorOperators.B2S, S, 0)).and(low));
                    FloatVector b = (FloatVector) s.add(s.rearrange(SWAP)).convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                    FloatVector cb0 = r.mul(kbr).sub(g.mul(kbg)).add(b.mul(half)).mul(quarter);
                    FloatVector cr0 = r.mul(half).sub(g.mul(krg)).sub(b.mul(krb)).mul(quarter);
                    int k1 = k0 + GROUP;
                    s = ((ShortVector) ByteVector.fromArray(PAIRS, p, r0 + k1).convertShape(VectorOperators.B2S, S, 0)).and(low)
                            .add(((ShortVector) ByteVector.fromArray(PAIRS, p, r1 + k1).convertShape(VectorOperators.B2S, S, 0)).and(low));
                    r = (FloatVector) s.add(s.rearrange(SWAP)).convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                    s = ((ShortVector) ByteVector.fromArray(PAIRS, p, gp + r0 + k1).convertShape(VectorOperators.B2S, S, 0)).and(low)
                            .add(((ShortVector) ByteVector.fromArray(PAIRS, p, gp + r1 + k1).convertShape(VectorOperators.B2S, S, 0)).and(low));
                    g = (FloatVector) s.add(s.rearrange(SWAP)).convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                    s = ((ShortVector) ByteVector.fromArray(PAIRS, p, bp + r0 + k1).convertShape(VectorOperators.B2S, S, 0)).and(low)
                            .add(((ShortVector) ByteVector.fromArray(PAIRS, p, bp + r1 + k1).convertShape(VectorOperators.B2S, S, 0)).and(low));
                    b = (FloatVector) s.add(s.rearrange(SWAP)).convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                    FloatVector cb1 = r.mul(kbr).sub(g.mul(kbg)).add(b.mul(half)).mul(quarter);
                    FloatVector cr1 = r.mul(half).sub(g.mul(krg)).sub(b.mul(krb)).mul(quarter);
                    int at = co + hg + m * N;
                    cb0.rearrange(EVEN).blend(cb1.rearrange(EVEN), UPPER).intoArray(cb, at);
                    cb0.rearrange(ODD).blend(cb1.rearrange(ODD), UPPER).intoArray(cb, at + 4 * N);
                    cr0.rearrange(EVEN).blend(cr1.rearrange(EVEN), UPPER).intoArray(cr, at);
                    cr0.rearrange(ODD).blend(cr1.rearrange(ODD), UPPER).intoArray(cr, at + 4 * N);
                }
            }
        }
    }

    /**
     * The 8 x 8 blocks of the 8 plane rows from base (row stride s; block order, lane b of each vector is a block):
     * forward by rows, then by columns, quantised and dequantised, inverse by columns, then by rows; each line as
     * {@link BlockDct#forwardLine} and {@link BlockDct#inverseLine} compute it, lane by lane.
     */
    private static void blocks(float[] d, int base, int s, float[] f, float[] q) {
        for (int j = 0; j < 8; j++) {   // rows: the columns k of a group are vectors N apart
            for (int o = base + j * s; o < base + j * s + s; o += GROUP) {
                forward(d, o, N);
            }
        }
        FloatVector magic = FloatVector.broadcast(F, Rounding.MAGIC);
        for (int t = 0; t < s; t += N) {   // columns: the rows j are vectors s apart
            int o = base + t, k = (t / N) & 7;
            forward(d, o, s);
            for (int j = 0; j < 8; j++) {
                int tab = (8 * k + j) * N, at = o + j * s;
                FloatVector.fromArray(F, d, at).mul(FloatVector.fromArray(F, f, tab)).add(magic).sub(magic).mul(FloatVector.fromArray(F, q, tab)).intoArray(d, at);
            }
            inverse(d, o, s);
        }
        for (int j = 0; j < 8; j++) {
            for (int o = base + j * s; o < base + j * s + s; o += GROUP) {
                inverse(d, o, N);
            }
        }
    }

    /** jfdctflt.c's AAN forward DCT of the lines d[o + i stride + l], i = 0 .. 7, in lanes l; as BlockDct.forwardLine, in place. */
    private static void forward(float[] d, int o, int stride) {
        FloatVector d0 = FloatVector.fromArray(F, d, o), d1 = FloatVector.fromArray(F, d, o + stride), d2 = FloatVector.fromArray(F, d, o + 2 * stride);
        FloatVector d3 = FloatVector.fromArray(F, d, o + 3 * stride), d4 = FloatVector.fromArray(F, d, o + 4 * stride), d5 = FloatVector.fromArray(F, d, o + 5 * stride);
        FloatVector d6 = FloatVector.fromArray(F, d, o + 6 * stride), d7 = FloatVector.fromArray(F, d, o + 7 * stride);
        FloatVector tmp0 = d0.add(d7), tmp7 = d0.sub(d7), tmp1 = d1.add(d6), tmp6 = d1.sub(d6);
        FloatVector tmp2 = d2.add(d5), tmp5 = d2.sub(d5), tmp3 = d3.add(d4), tmp4 = d3.sub(d4);
        FloatVector tmp10 = tmp0.add(tmp3), tmp13 = tmp0.sub(tmp3), tmp11 = tmp1.add(tmp2), tmp12 = tmp1.sub(tmp2);
        tmp10.add(tmp11).intoArray(d, o);
        tmp10.sub(tmp11).intoArray(d, o + 4 * stride);
        FloatVector z1 = tmp12.add(tmp13).mul(0.707106781f);
        tmp13.add(z1).intoArray(d, o + 2 * stride);
        tmp13.sub(z1).intoArray(d, o + 6 * stride);
        tmp10 = tmp4.add(tmp5);
        tmp11 = tmp5.add(tmp6);
        tmp12 = tmp6.add(tmp7);
        FloatVector z5 = tmp10.sub(tmp12).mul(0.382683433f);
        FloatVector z2 = tmp10.mul(0.541196100f).add(z5);
        FloatVector z4 = tmp12.mul(1.306562965f).add(z5);
        FloatVector z3 = tmp11.mul(0.707106781f);
        FloatVector z11 = tmp7.add(z3), z13 = tmp7.sub(z3);
        z13.add(z2).intoArray(d, o + 5 * stride);
        z13.sub(z2).intoArray(d, o + 3 * stride);
        z11.add(z4).intoArray(d, o + stride);
        z11.sub(z4).intoArray(d, o + 7 * stride);
    }

    /**
     * jidctflt.c's AAN inverse DCT of the lines d[o + i stride + l], in lanes l; as BlockDct.inverseLine, in full: where
     * a line's AC terms are all zero (the scalar path's shortcut) it adds and subtracts only zeros and returns the DC term.
     */
    private static void inverse(float[] d, int o, int stride) {
        FloatVector c0 = FloatVector.fromArray(F, d, o), c1 = FloatVector.fromArray(F, d, o + stride), c2 = FloatVector.fromArray(F, d, o + 2 * stride);
        FloatVector c3 = FloatVector.fromArray(F, d, o + 3 * stride), c4 = FloatVector.fromArray(F, d, o + 4 * stride), c5 = FloatVector.fromArray(F, d, o + 5 * stride);
        FloatVector c6 = FloatVector.fromArray(F, d, o + 6 * stride), c7 = FloatVector.fromArray(F, d, o + 7 * stride);
        FloatVector e10 = c0.add(c4), e11 = c0.sub(c4);
        FloatVector e13 = c2.add(c6);
        FloatVector e12 = c2.sub(c6).mul(1.414213562f).sub(e13);
        FloatVector e0 = e10.add(e13), e3 = e10.sub(e13), e1 = e11.add(e12), e2 = e11.sub(e12);
        FloatVector y13 = c5.add(c3), y10 = c5.sub(c3), y11 = c1.add(c7), y12 = c1.sub(c7);
        FloatVector e7 = y11.add(y13);
        FloatVector t11 = y11.sub(y13).mul(1.414213562f);
        FloatVector y5 = y10.add(y12).mul(1.847759065f);
        FloatVector t10 = y5.sub(y12.mul(1.082392200f));
        FloatVector t12 = y5.sub(y10.mul(2.613125930f));
        FloatVector e6 = t12.sub(e7);
        FloatVector e5 = t11.sub(e6);
        FloatVector e4 = t10.sub(e5);
        e0.add(e7).intoArray(d, o);
        e0.sub(e7).intoArray(d, o + 7 * stride);
        e1.add(e6).intoArray(d, o + stride);
        e1.sub(e6).intoArray(d, o + 6 * stride);
        e2.add(e5).intoArray(d, o + 2 * stride);
        e2.sub(e5).intoArray(d, o + 5 * stride);
        e3.add(e4).intoArray(d, o + 3 * stride);
        e3.sub(e4).intoArray(d, o + 4 * stride);
    }

    /** The band's real rows back to codes in block order (T.871), each luma block's chroma spread over its pixels. */
    private void toRgb(int rows) {
        byte[] p = grouped;
        float[] y = luma;
        int cw = pw / 2, gp = 16 * pw, bp = 32 * pw;
        // Constants as vectors, and every vector operation written out here (see toLuma).
        FloatVector level = FloatVector.broadcast(F, 128f), kr = FloatVector.broadcast(F, 1.402f), kgb = FloatVector.broadcast(F, 0.344136f);
        FloatVector kgr = FloatVector.broadcast(F, 0.714136f), kb = FloatVector.broadcast(F, 1.772f), magic = FloatVector.broadcast(F, Rounding.MAGIC);
        IntVector magicBits = IntVector.broadcast(I, Rounding.MAGIC_BITS), zero = IntVector.zero(I), max = IntVector.broadcast(I, 255);
        for (int j = 0; j < rows; j++) {
            int yo = j * pw, co = (j >> 1) * cw;
            for (int hg = 0; hg < cw; hg += GROUP) {
                for (int m = 0; m < 4; m++) {
                    // Columns 2m and 2m + 1 of the luma blocks of groups 2h and 2h + 1: chroma column m (even blocks) or 4 + m (odd).
                    int at = co + hg + m * N;
                    FloatVector cbLow = FloatVector.fromArray(F, cb, at), cbHigh = FloatVector.fromArray(F, cb, at + 4 * N);
                    FloatVector crLow = FloatVector.fromArray(F, cr, at), crHigh = FloatVector.fromArray(F, cr, at + 4 * N);
                    for (int e = 0; e < 2; e++) {
                        FloatVector b1, r1;
                        if (e == 0) {
                            b1 = cbLow.rearrange(SPREAD_0).blend(cbHigh.rearrange(SPREAD_0), ODD_LANES);
                            r1 = crLow.rearrange(SPREAD_0).blend(crHigh.rearrange(SPREAD_0), ODD_LANES);
                        } else {
                            b1 = cbLow.rearrange(SPREAD_1).blend(cbHigh.rearrange(SPREAD_1), ODD_LANES);
                            r1 = crLow.rearrange(SPREAD_1).blend(crHigh.rearrange(SPREAD_1), ODD_LANES);
                        }
                        FloatVector red = r1.mul(kr), greenB = b1.mul(kgb), greenR = r1.mul(kgr), blue = b1.mul(kb);
                        for (int k = 2 * m; k < 2 * m + 2; k++) {
                            int i = yo + 2 * hg + e * GROUP + k * N;
                            FloatVector yy = FloatVector.fromArray(F, y, i).add(level);
                            ((ByteVector) yy.add(red).add(magic).reinterpretAsInts().sub(magicBits).max(zero).min(max).convertShape(VectorOperators.I2B, B, 0)).intoArray(p, i);
                            ((ByteVector) yy.sub(greenB).sub(greenR).add(magic).reinterpretAsInts().sub(magicBits).max(zero).min(max).convertShape(VectorOperators.I2B, B, 0)).intoArray(p, gp + i);
                            ((ByteVector) yy.add(blue).add(magic).reinterpretAsInts().sub(magicBits).max(zero).min(max).convertShape(VectorOperators.I2B, B, 0)).intoArray(p, bp + i);
                        }
                    }
                }
            }
        }
    }
}
