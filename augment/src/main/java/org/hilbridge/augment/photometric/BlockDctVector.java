package org.hilbridge.augment.photometric;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;
import org.hilbridge.augment.onnx.PlaneVector;

/**
 * {@link BlockDct}'s pass with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK 17), band by band
 * (16 rows: one row of 4:2:0 macroblocks), where C2 leaves the per-macroblock form scalar (its byte to float
 * conversions, table look-ups, float to byte clamps and an 8-point line's butterflies do not vectorise on JDK 17):
 * <ol>
 * <li>the band's rgb8 split into r, g, b byte planes ({@link PlaneVector}, read from and merged back into the frame in
 * place), each row's codes then reordered unit by unit (128 codes: 16 / N groups of N blocks side by side) into block
 * order: column k of a group's N blocks as N consecutive codes, so that lane b of a vector is block b (each 32 output
 * codes four 256-bit byte shuffles and three blends, as PlaneVector merges: the byte shape PlaneVector uses, no other);
 * where the chain's sensor pass writes each band's codes in that order ({@link #codeBlocks}), the pass runs on that
 * band as soon as its last row is in ({@link #quantiseBand}), with neither;
 * <li>YCbCr (T.871) as vectors in that order: luma per pixel (codes widened byte to int to float); chroma from each
 * 2 x 2 pixels' sum as ints (exact: the same number as the scalar path's float sum of the four integer codes), the two
 * luma groups of a chroma group interleaved by lane shuffles;
 * <li>the DCTs as vectors, N blocks at a time (lane b, block b): each row's forward line, then each column's,
 * quantised, dequantised and inverse-transformed in registers, then each row's inverse; every line as
 * {@link BlockDct#forwardLine} and {@link BlockDct#inverseLine} arrange it (jfdctflt.c, jidctflt.c). The byte
 * reordering is the blocks' transpose, done once each way on codes (a quarter of the floats' bytes), in place of the
 * in-register 8 x 8 float transposes the row transforms would need in pixel order;
 * <li>back to RGB as vectors (chroma spread over its pixels by lane shuffles), rounded by the magic sum and clamped as
 * ints, narrowed to bytes over the band's input codes, reordered back into pixel order and merged into the frame.
 * </ol>
 * Every pixel and coefficient goes through the same float operations in the same order as the scalar path (IEEE 754
 * float arithmetic is the same in vector lanes; no fused multiply-add), so the output is the same bytes
 * ({@code BlockDctTest}, with 16 lanes and, in a child JVM, 8). The inverse runs in full where the scalar path skips
 * lines and blocks whose AC terms are all zero: the full form then adds and subtracts only zeros and returns the DC term
 * exactly, as the skip does (a zero's sign may differ, which the +128 level shift erases). Right and bottom edges read
 * clamped pixels, as the scalar path: the last row is repeated into the band's missing rows, the last column into the
 * padding columns. Buffers are held between frames; one thread at a time. Loaded only where
 * {@link BlockDct#vectorApiUsable}.
 *
 * <p>1280x720 at quality 60, the benchmark's frames, A/B in one JVM against the form before (planes in pixel order, the
 * row transforms scalar), 300 frames each, alternating frame by frame, thread CPU time (AMD EPYC with AVX-512, a 2-core
 * machine at load average 6.1-6.3), two JVMs each: JDK 17.0.15 p50 1.79 and 1.68 against 2.23 and 2.16 ms, p90 2.14
 * and 1.86 against 2.59 and 2.34; JDK 25.0.3 p50 1.45 and 1.50 against 2.02 and 2.08, p90 1.62 and 1.70 against 2.18
 * and 2.32; the scalar pass 7.2-7.6 ms. In the chain (the per-pixel chain with and without the pass, alternating, one
 * JVM each): 1.79-2.09 ms a frame more on JDK 17 (8 JVMs; main's form 2.21-2.51, 3 JVMs), 1.55 on JDK 25 (main's 2.19).
 * Where the time goes (JFR execution samples): the reordering about a quarter, the chroma and the way back to RGB a
 * fifth each, the plane split and merge a sixth, the luma a tenth, the DCTs less than a tenth. This block order was
 * tried before {@code augment.OperatorCaches} existed and dropped then (in 4 of 6 JVMs C2 left part of it as objects,
 * 40-58 MB allocated a frame). With the caches filled, the pass alone allocated nothing in any JVM measured; in the
 * chain (after the other kernels) the chroma conversion, then one loop of some 140 vector operations, was compiled with
 * its vectors as objects in every JVM where allocation was measured (5 of 5, 18 MB a frame); as three small loops, it
 * allocated nothing in any chain JVM since (8 on JDK 17, 1 on JDK 25) and {@code FogPhysicsTest}'s steady-state check
 * passes.
 *
 * <p>How C2 on JDK 17 compiles this code decides everything, so each loop is written as measured: every vector
 * operation in the loop itself, or in a method that takes only arrays and offsets (no vector crosses a call, where C2
 * would box it), with its float constants as vectors and its int constants as scalar operands (int broadcasts held in a
 * variable were allocated once a call); {@code convertShape} to a constant species, its result cast to its lane type
 * (an identity {@code reinterpretAsInts}/{@code reinterpretAsBytes} there was left out of line in about a third of JDK 17
 * full-chain JVMs, its vectors boxed: JFR); each shuffle a constant, or loaded
 * once before its loop. The reordering writes two output vectors a loop: all four in one loop (36 vector operations, 16
 * of them shuffles) left some blends as plain Java (2.8 MB allocated a 1280x720 frame), and the chroma conversion is
 * three loops (above). {@code toRgb} is more Vector API code than C2 inlines while parsing one compilation, so C2
 * inlines the rest late, dispatching each call by its type profile behind a class_check trap; that holds only while the compilation's summed class_check count stays under
 * PerMethodTrapLimit (100), which {@code augment.OperatorCaches} sees to by filling the operator caches before any
 * kernel runs ({@link BlockDct#VECTOR_PASS_IN_THE_CHAIN} has the evidence).
 */
final class BlockDctVector {
    /** Float lanes (N blocks side by side); ints as many lanes (same shape); bytes as many lanes (a quarter of the bits). */
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final int N = F.length();
    private static final VectorSpecies<Byte> B = VectorShapes.BYTE;
    /** A group: N blocks side by side, 8 N codes (or floats) of a row. */
    private static final int GROUP = 8 * N;
    /** The reordering's vectors: 32 codes (the 256-bit bytes PlaneVector uses too: no other byte shape), four at a time. */
    private static final VectorSpecies<Byte> R = ByteVector.SPECIES_256;
    private static final int UNIT = 4 * 32;
    /** [output vector v][input vector s] of a unit: to block order, output v takes from input s the lanes where the mask is set. */
    private static final VectorShuffle<Byte>[][] TO_BLOCKS = shuffles(true);
    private static final VectorMask<Byte>[][] TO_BLOCKS_MASK = masks(true);
    private static final VectorShuffle<Byte>[][] TO_PIXELS = shuffles(false);
    private static final VectorMask<Byte>[][] TO_PIXELS_MASK = masks(false);
    /** Lane l takes lane 2l (2l + 1) of the first vector for l &lt; N / 2, of the second (UPPER) above: even (odd) lanes of two vectors, in order. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(F, l -> 2 * l % N);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(F, l -> (2 * l + 1) % N);
    private static final VectorMask<Float> UPPER = VectorMask.fromLong(F, -1L << (N / 2));
    /** Lane b takes lane b / 2 (N / 2 + b / 2) of a vector: a chroma group's lanes to the first (second) luma group's blocks; ODD_LANES picks the odd ones. */
    private static final VectorShuffle<Float> SPREAD_0 = VectorShuffle.fromOp(F, b -> b / 2);
    private static final VectorShuffle<Float> SPREAD_1 = VectorShuffle.fromOp(F, b -> N / 2 + b / 2);
    private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(F, 0xAAAAAAAAAAAAAAAAL);

    private int width = -1;
    /** Padded width: whole chroma groups (16 N pixels: 2 N luma blocks, N chroma blocks; so whole units too). */
    private int pw;
    private byte[] planes;
    /** A band of codes in block order, for a pass that writes them so ({@link #codeBlocks}). */
    private BlockOrderCodes bandCodes;
    /** One unit of codes across or past the image's right edge: the last code repeated. */
    private final byte[] pad = new byte[UNIT];
    /** The band's codes in block order where the pass splits the frame itself: plane c, row j at (16 c + j) pw; then the output codes, the same way. */
    private byte[] grouped;
    private float[] luma;
    private float[] cb;
    private float[] cr;
    /** One chroma row's r, g, b 2 x 2 sums (then Cb and Cr) in luma-group order, 3 (pw / 2) floats. */
    private float[] pairs;
    /** Quantiser tables, each entry over N lanes: [(8 k + j) N + l] = table[8 j + k] (row j, column k of a block). */
    private final float[] fLuma = new float[64 * N];
    private final float[] dLuma = new float[64 * N];
    private final float[] fChroma = new float[64 * N];
    private final float[] dChroma = new float[64 * N];

    /**
     * Whether the vectors hold 8 or 16 floats (AVX2, AVX-512: the shapes above, capped at 512 bits so that this class
     * initialises anywhere, are then right) and 32 bytes ({@link PlaneVector}); call only where the module is present.
     */
    static boolean wideEnough() {
        return (N == 8 || N == 16) && PlaneVector.wideEnough();
    }

    /**
     * Within a unit of 128 codes of a row (16 / N groups): pixel order (block b, column k at 8 b + k of its group) to
     * block order (k N + b: the columns k of the group's N blocks side by side, so that lane b of a vector is block b),
     * or back. Output code {@code out} is the input's code {@code source(out)}.
     */
    private static int source(boolean toBlocks, int out) {
        int g = out / GROUP * GROUP, t = out % GROUP;
        return g + (toBlocks ? 8 * (t % N) + t / N : (t % 8) * N + t / 8);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Byte>[][] shuffles(boolean toBlocks) {
        VectorShuffle<Byte>[][] s = new VectorShuffle[4][4];
        for (int v = 0; v < 4; v++) {
            for (int from = 0; from < 4; from++) {
                int out = 32 * v;
                s[v][from] = VectorShuffle.fromOp(R, l -> source(toBlocks, out + l) % 32);
            }
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Byte>[][] masks(boolean toBlocks) {
        VectorMask<Byte>[][] m = new VectorMask[4][4];
        for (int v = 0; v < 4; v++) {
            for (int from = 0; from < 4; from++) {
                boolean[] bits = new boolean[32];
                for (int l = 0; l < 32; l++) {
                    bits[l] = source(toBlocks, 32 * v + l) / 32 == from;
                }
                m[v][from] = VectorMask.fromArray(R, bits, 0);
            }
        }
        return m;
    }

    private void size(int w) {
        if (w == width) {
            return;
        }
        width = w;
        pw = (w + 2 * GROUP - 1) / (2 * GROUP) * 2 * GROUP;
        planes = new byte[3 * 16 * w];
        grouped = new byte[3 * 16 * pw];
        luma = new float[16 * pw];
        cb = new float[8 * (pw / 2)];
        cr = new float[8 * (pw / 2)];
        pairs = new float[3 * (pw / 2)];
    }

    private static void spread(float[] table, float[] lanes) {
        for (int j = 0; j < 8; j++) {
            for (int k = 0; k < 8; k++) {
                java.util.Arrays.fill(lanes, (8 * k + j) * N, (8 * k + j + 1) * N, table[8 * j + k]);
            }
        }
    }

    /**
     * The band of codes in this pass's block order for a frame w pixels wide, held between frames: where a pass writes
     * each band's codes into it, {@link #quantiseBand} runs on the band (no split, no reordering).
     */
    BlockOrderCodes codeBlocks(int w) {
        size(w);
        if (bandCodes == null || !bandCodes.fits(N, pw)) {
            bandCodes = new BlockOrderCodes(N, pw);
        }
        return bandCodes;
    }

    /** {@link BlockDct}'s tables for a quality, spread over the lanes: call whenever they change, before the bands. */
    void tables(float[] fLumaTable, float[] dLumaTable, float[] fChromaTable, float[] dChromaTable) {
        spread(fLumaTable, fLuma);
        spread(dLumaTable, dLuma);
        spread(fChromaTable, fChroma);
        spread(dChromaTable, dChroma);
    }

    /** The pass over the w x h frame in rgb (interleaved), in place, band by band: each band split and reordered first. */
    void quantise(int w, int h, byte[] rgb) {
        size(w);
        for (int by = 0; by < h; by += 16) {
            int rows = Math.min(16, h - by), n = rows * w;
            PlaneVector.split(rgb, 3 * by * w, planes, n);
            toBlockOrder(w, rows, n);
            band(grouped, w, by, rows, rgb);
        }
    }

    /**
     * The pass over the band of rows by .. by + 15 (those inside the w x h frame) whose codes are in codeBlocks (from
     * {@link #codeBlocks}; its padding rows past the image are filled here, and its codes overwritten), into rgb
     * (interleaved; only those rows' bytes are written).
     */
    void quantiseBand(int w, int h, int by, BlockOrderCodes codeBlocks, byte[] rgb) {
        size(w);
        int rows = Math.min(16, h - by);
        codeBlocks.repeatLastRow(rows);   // the band's missing rows, as toBlockOrder fills them
        band(codeBlocks.codes, w, by, rows, rgb);
    }

    /**
     * The band's codes in block order (overwritten with the output codes) through the pass, merged into rgb's rows by ..
     * by + rows - 1: the level-shifted luma plane, chroma, the blocks, back to codes in block order, then each row's codes
     * back to pixel order in the band's byte planes (only the pixels in the image) and merged.
     *
     * <p>More than FreqInlineSize (325) bytes of bytecode, the luma and reordering loops written out here, so that C2
     * never inlines the pass into its callers (C2's "hot method too big"): the chain calls it from the sensor pass's row
     * sink, once a band ({@link #quantiseBand}), and where C2 inlined it there (with the defocus's and sensor pass's
     * vector code in one compilation) it compiled some of the pass's vectors as objects: FogPhysicsTest's steady-state
     * check failed in 3 of 6 runs (15-128 kB a 96x72 frame; 0 of 4 runs before the pass ran band by band), and in 0 of 6
     * with {@code -XX:CompileCommand=dontinline} on {@link #quantiseBand}. Compiled on its own, the pass is the unit it
     * was when it ran after the frame (the split path's {@link #quantise} calls it too). {@code BlockDctInliningTest}
     * pins its size above the running JVM's FreqInlineSize (FogPhysicsTest catches the boxing only in some runs).
     */
    private void band(byte[] codes, int w, int by, int rows, byte[] rgb) {
        int cw = pw / 2, n = rows * w;
        float[] y = luma;
        // Constants as vectors, int constants as scalar operands, and every vector operation written out here (see toRgb).
        FloatVector kyr = FloatVector.broadcast(F, 0.299f), kyg = FloatVector.broadcast(F, 0.587f), kyb = FloatVector.broadcast(F, 0.114f);
        FloatVector level = FloatVector.broadcast(F, 128f);
        int gp = 16 * pw, bp = 32 * pw;   // the g and b planes (r from 0)
        for (int i = 0; i < 16 * pw; i += N) {
            FloatVector r = (FloatVector) ((IntVector) ByteVector.fromArray(B, codes, i).convertShape(VectorOperators.B2I, VectorShapes.INT, 0)).and(0xFF).convertShape(VectorOperators.I2F, F, 0);
            FloatVector g = (FloatVector) ((IntVector) ByteVector.fromArray(B, codes, gp + i).convertShape(VectorOperators.B2I, VectorShapes.INT, 0)).and(0xFF).convertShape(VectorOperators.I2F, F, 0);
            FloatVector b = (FloatVector) ((IntVector) ByteVector.fromArray(B, codes, bp + i).convertShape(VectorOperators.B2I, VectorShapes.INT, 0)).and(0xFF).convertShape(VectorOperators.I2F, F, 0);
            r.mul(kyr).add(g.mul(kyg)).add(b.mul(kyb)).sub(level).intoArray(y, i);
        }
        toChroma(codes);
        for (int r0 = 0; r0 < 16; r0 += 8) {
            blocks(luma, r0 * pw, pw, fLuma, dLuma);
        }
        blocks(cb, 0, cw, fChroma, dChroma);
        blocks(cr, 0, cw, fChroma, dChroma);
        toRgb(codes, rows);
        int whole = w / UNIT * UNIT;
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < rows; j++) {
                int src = (16 * c + j) * pw, dst = c * n + j * w;
                reorder(codes, src, planes, dst, whole, TO_PIXELS, TO_PIXELS_MASK);
                if (whole < w) {
                    reorder(codes, src + whole, pad, 0, UNIT, TO_PIXELS, TO_PIXELS_MASK);
                    System.arraycopy(pad, 0, planes, dst + whole, w - whole);
                }
            }
        }
        PlaneVector.merge(planes, rgb, 3 * by * w, n);
    }

    /** The band's byte planes (16 rows, the last repeated; the last column repeated to pw) in block order. */
    private void toBlockOrder(int w, int rows, int n) {
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 16; j++) {
                int src = c * n + Math.min(j, rows - 1) * w, dst = (16 * c + j) * pw;
                int whole = w / UNIT * UNIT;
                reorder(planes, src, grouped, dst, whole, TO_BLOCKS, TO_BLOCKS_MASK);
                if (whole < pw) {   // the unit across the right edge, then whole units of the last code
                    System.arraycopy(planes, src + whole, pad, 0, w - whole);
                    java.util.Arrays.fill(pad, w - whole, UNIT, planes[src + w - 1]);
                    reorder(pad, 0, grouped, dst + whole, UNIT, TO_BLOCKS, TO_BLOCKS_MASK);
                    if (whole + UNIT < pw) {
                        java.util.Arrays.fill(grouped, dst + whole + UNIT, dst + pw, planes[src + w - 1]);
                    }
                }
            }
        }
    }

    /**
     * count codes (a multiple of UNIT) from src[so] reordered unit by unit into dst[dOff]: each output vector v of a
     * unit blends the four input vectors, each rearranged by sh[v][s], where m[v][s] is set (as PlaneVector merges).
     */
    private static void reorder(byte[] src, int so, byte[] dst, int dOff, int count, VectorShuffle<Byte>[][] sh, VectorMask<Byte>[][] m) {
        // Two output vectors a call: the four in one loop (36 vector operations) left some blends as plain Java on JDK 17.
        reorder(src, so, dst, dOff, count, sh[0], m[0], sh[1], m[1], 0);
        reorder(src, so, dst, dOff, count, sh[2], m[2], sh[3], m[3], 64);
    }

    /** Output vectors v and v + 1 of each unit (at + 0 and + 32 from the unit's start at = 32 v), their shuffles and masks. */
    private static void reorder(byte[] src, int so, byte[] dst, int dOff, int count, VectorShuffle<Byte>[] sa, VectorMask<Byte>[] ma,
            VectorShuffle<Byte>[] sb, VectorMask<Byte>[] mb, int at) {
        VectorShuffle<Byte> a0 = sa[0], a1 = sa[1], a2 = sa[2], a3 = sa[3], b0 = sb[0], b1 = sb[1], b2 = sb[2], b3 = sb[3];
        VectorMask<Byte> ma1 = ma[1], ma2 = ma[2], ma3 = ma[3], mb1 = mb[1], mb2 = mb[2], mb3 = mb[3];
        for (int u = 0; u < count; u += UNIT) {
            int i = so + u, o = dOff + u + at;
            ByteVector x0 = ByteVector.fromArray(R, src, i), x1 = ByteVector.fromArray(R, src, i + 32);
            ByteVector x2 = ByteVector.fromArray(R, src, i + 64), x3 = ByteVector.fromArray(R, src, i + 96);
            x0.rearrange(a0).blend(x1.rearrange(a1), ma1).blend(x2.rearrange(a2), ma2).blend(x3.rearrange(a3), ma3).intoArray(dst, o);
            x0.rearrange(b0).blend(x1.rearrange(b1), mb1).blend(x2.rearrange(b2), mb2).blend(x3.rearrange(b3), mb3).intoArray(dst, o + 32);
        }
    }

    /**
     * Chroma in block order: chroma group h (N chroma blocks, lane b' = block b') from luma groups 2h and 2h + 1 (lanes
     * b = luma blocks): columns 2m and 2m + 1 of luma block b are chroma column m (b even) or 4 + m (b odd) of chroma
     * block b / 2. Row pair by row pair, in three loops of a few vector operations each (one loop for all of it, some
     * 140 operations, was compiled with its vectors as objects in every chain JVM measured on JDK 17, 18 MB a 1280x720
     * frame): the 2 x 2 sums of each channel, then Cb and Cr in luma-group order, then the two luma groups' values
     * interleaved into each chroma group.
     */
    private void toChroma(byte[] p) {
        int cw = pw / 2, gp = 16 * pw, bp = 32 * pw;
        for (int qj = 0; qj < 8; qj++) {
            int r0 = 2 * qj * pw, r1 = r0 + pw;
            pairSums(p, r0, r1, pairs, 0, cw);
            pairSums(p, gp + r0, gp + r1, pairs, cw, cw);
            pairSums(p, bp + r0, bp + r1, pairs, 2 * cw, cw);
            chroma(pairs, cw);
            interleave(pairs, cb, cr, qj * cw, cw);
        }
    }

    /**
     * sums[at + i] for i = 0, N, .. below count: the sums of the four codes of each 2 x 2 pixels of luma columns 2m and
     * 2m + 1 (codes 2i and 2i + N of rows r0 and r1 in block order, i = 4 N G + N m for luma group G) as ints (exact: the
     * same number as the scalar path's float sum of the four integer codes), as floats.
     */
    private static void pairSums(byte[] p, int r0, int r1, float[] sums, int at, int count) {
        for (int i = 0; i < count; i += N) {
            int k = 2 * i;
            ((FloatVector) ((IntVector) ByteVector.fromArray(B, p, r0 + k).convertShape(VectorOperators.B2I, VectorShapes.INT, 0)).and(0xFF)
                    .add(((IntVector) ByteVector.fromArray(B, p, r0 + k + N).convertShape(VectorOperators.B2I, VectorShapes.INT, 0)).and(0xFF))
                    .add(((IntVector) ByteVector.fromArray(B, p, r1 + k).convertShape(VectorOperators.B2I, VectorShapes.INT, 0)).and(0xFF))
                    .add(((IntVector) ByteVector.fromArray(B, p, r1 + k + N).convertShape(VectorOperators.B2I, VectorShapes.INT, 0)).and(0xFF))
                    .convertShape(VectorOperators.I2F, F, 0)).intoArray(sums, at + i);
        }
    }

    /** The r, g, b sums (at 0, count, 2 count of s) to Cb and Cr (T.871, a quarter of the sums' terms), in place of r and g. */
    private static void chroma(float[] s, int count) {
        // Constants as vectors and every vector operation written out here (see toRgb).
        FloatVector quarter = FloatVector.broadcast(F, 0.25f), half = FloatVector.broadcast(F, 0.5f);
        FloatVector kbr = FloatVector.broadcast(F, -0.168736f), kbg = FloatVector.broadcast(F, 0.331264f);
        FloatVector krg = FloatVector.broadcast(F, 0.418688f), krb = FloatVector.broadcast(F, 0.081312f);
        for (int i = 0; i < count; i += N) {
            FloatVector r = FloatVector.fromArray(F, s, i), g = FloatVector.fromArray(F, s, count + i), b = FloatVector.fromArray(F, s, 2 * count + i);
            r.mul(kbr).sub(g.mul(kbg)).add(b.mul(half)).mul(quarter).intoArray(s, i);
            r.mul(half).sub(g.mul(krg)).sub(b.mul(krb)).mul(quarter).intoArray(s, count + i);
        }
    }

    /**
     * Cb and Cr in luma-group order (at 0 and count of s: luma group G, column pair m at 4 N G + N m) to chroma row at
     * `row` of the planes: chroma group h, column m takes the even lanes of luma groups 2h and 2h + 1, column 4 + m the odd.
     */
    private static void interleave(float[] s, float[] cbPlane, float[] crPlane, int row, int count) {
        for (int hg = 0; hg < count; hg += GROUP) {
            for (int m = 0; m < 4; m++) {
                int at = hg + m * N;
                FloatVector cb0 = FloatVector.fromArray(F, s, at), cb1 = FloatVector.fromArray(F, s, at + 4 * N);
                FloatVector cr0 = FloatVector.fromArray(F, s, count + at), cr1 = FloatVector.fromArray(F, s, count + at + 4 * N);
                cb0.rearrange(EVEN).blend(cb1.rearrange(EVEN), UPPER).intoArray(cbPlane, row + at);
                cb0.rearrange(ODD).blend(cb1.rearrange(ODD), UPPER).intoArray(cbPlane, row + at + 4 * N);
                cr0.rearrange(EVEN).blend(cr1.rearrange(EVEN), UPPER).intoArray(crPlane, row + at);
                cr0.rearrange(ODD).blend(cr1.rearrange(ODD), UPPER).intoArray(crPlane, row + at + 4 * N);
            }
        }
    }

    /**
     * The 8 x 8 blocks of the 8 plane rows from base (row stride s; block order, lane b of each vector is a block):
     * forward by rows, then by columns, quantised and dequantised, inverse by columns, then by rows; each line as
     * {@link BlockDct#forwardLine} and {@link BlockDct#inverseLine} compute it, lane by lane. Each pass is a method of
     * its own taking arrays and offsets: no vector crosses a call, so each compiles to registers inlined or not.
     */
    private static void blocks(float[] d, int base, int s, float[] f, float[] q) {
        for (int j = 0; j < 8; j++) {   // rows: the columns k of a group are vectors N apart
            for (int o = base + j * s; o < base + j * s + s; o += GROUP) {
                forwardLines(d, o, N);
            }
        }
        for (int t = 0; t < s; t += N) {   // columns: the rows j are vectors s apart; column k of the group's blocks
            forwardLines(d, base + t, s);
            inverseLines(d, base + t, s, f, q, 8 * N * ((t / N) & 7));
        }
        for (int j = 0; j < 8; j++) {
            for (int o = base + j * s; o < base + j * s + s; o += GROUP) {
                inverseLines(d, o, N, null, null, 0);
            }
        }
    }

    /** jfdctflt.c's AAN forward DCT of the lines d[o + i stride + l], i = 0 .. 7, in lanes l; as BlockDct.forwardLine, in place. */
    private static void forwardLines(float[] d, int o, int stride) {
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
     * With tables (the columns: column k of N blocks, tk = 8 k N), the coefficients are first quantised to the nearest
     * integer (Rounding.nearest) and dequantised with the tables' entries (8 k + i) N, in the same registers. Measured
     * (in-JVM A/B, 1280x720, JDK 17): the quantisation as a pass of its own through memory, 0.15 ms a frame slower; the
     * columns' forward, quantisation and inverse in one method of their own, 0.1 ms faster, but with both butterflies
     * written twice; one method for all three uses, with flags, no faster than this.
     */
    private static void inverseLines(float[] d, int o, int stride, float[] f, float[] q, int tk) {
        FloatVector c0 = FloatVector.fromArray(F, d, o), c1 = FloatVector.fromArray(F, d, o + stride), c2 = FloatVector.fromArray(F, d, o + 2 * stride);
        FloatVector c3 = FloatVector.fromArray(F, d, o + 3 * stride), c4 = FloatVector.fromArray(F, d, o + 4 * stride), c5 = FloatVector.fromArray(F, d, o + 5 * stride);
        FloatVector c6 = FloatVector.fromArray(F, d, o + 6 * stride), c7 = FloatVector.fromArray(F, d, o + 7 * stride);
        if (f != null) {
            c0 = c0.mul(FloatVector.fromArray(F, f, tk)).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(FloatVector.fromArray(F, q, tk));
            c1 = c1.mul(FloatVector.fromArray(F, f, tk + N)).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(FloatVector.fromArray(F, q, tk + N));
            c2 = c2.mul(FloatVector.fromArray(F, f, tk + 2 * N)).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(FloatVector.fromArray(F, q, tk + 2 * N));
            c3 = c3.mul(FloatVector.fromArray(F, f, tk + 3 * N)).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(FloatVector.fromArray(F, q, tk + 3 * N));
            c4 = c4.mul(FloatVector.fromArray(F, f, tk + 4 * N)).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(FloatVector.fromArray(F, q, tk + 4 * N));
            c5 = c5.mul(FloatVector.fromArray(F, f, tk + 5 * N)).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(FloatVector.fromArray(F, q, tk + 5 * N));
            c6 = c6.mul(FloatVector.fromArray(F, f, tk + 6 * N)).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(FloatVector.fromArray(F, q, tk + 6 * N));
            c7 = c7.mul(FloatVector.fromArray(F, f, tk + 7 * N)).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(FloatVector.fromArray(F, q, tk + 7 * N));
        }
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

    /** The band's real rows back to codes in block order into p (T.871), each luma block's chroma spread over its pixels. */
    private void toRgb(byte[] p, int rows) {
        float[] y = luma;
        int cw = pw / 2, gp = 16 * pw, bp = 32 * pw;
        // Constants as vectors, int constants as scalar operands, and every vector operation written out here: C2 on
        // JDK 17 stops inlining at MaxInlineLevel (15), and the Vector API's own calls are nested deep enough that a
        // helper method or two between this loop and them leaves some as plain Java (many times slower).
        FloatVector level = FloatVector.broadcast(F, 128f), kr = FloatVector.broadcast(F, 1.402f), kgb = FloatVector.broadcast(F, 0.344136f);
        FloatVector kgr = FloatVector.broadcast(F, 0.714136f), kb = FloatVector.broadcast(F, 1.772f), magic = FloatVector.broadcast(F, Rounding.MAGIC);
        for (int j = 0; j < rows; j++) {
            int yo = j * pw, co = (j >> 1) * cw;
            for (int hg = 0; hg < cw; hg += GROUP) {
                for (int m = 0; m < 4; m++) {
                    // Columns 2m and 2m + 1 of the luma blocks of groups 2h and 2h + 1: chroma column m (even blocks) or 4 + m (odd).
                    int at = co + hg + m * N;
                    FloatVector cbLow = FloatVector.fromArray(F, cb, at), cbHigh = FloatVector.fromArray(F, cb, at + 4 * N);
                    FloatVector crLow = FloatVector.fromArray(F, cr, at), crHigh = FloatVector.fromArray(F, cr, at + 4 * N);
                    for (int e = 0; e < 2; e++) {
                        FloatVector b1 = e == 0 ? cbLow.rearrange(SPREAD_0).blend(cbHigh.rearrange(SPREAD_0), ODD_LANES) : cbLow.rearrange(SPREAD_1).blend(cbHigh.rearrange(SPREAD_1), ODD_LANES);
                        FloatVector r1 = e == 0 ? crLow.rearrange(SPREAD_0).blend(crHigh.rearrange(SPREAD_0), ODD_LANES) : crLow.rearrange(SPREAD_1).blend(crHigh.rearrange(SPREAD_1), ODD_LANES);
                        FloatVector red = r1.mul(kr), greenB = b1.mul(kgb), greenR = r1.mul(kgr), blue = b1.mul(kb);
                        for (int k = 2 * m; k < 2 * m + 2; k++) {
                            int i = yo + 2 * hg + e * GROUP + k * N;
                            FloatVector yy = FloatVector.fromArray(F, y, i).add(level);
                            ((ByteVector) yy.add(red).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0)).intoArray(p, i);
                            ((ByteVector) yy.sub(greenB).sub(greenR).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0)).intoArray(p, gp + i);
                            ((ByteVector) yy.add(blue).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0)).intoArray(p, bp + i);
                        }
                    }
                }
            }
        }
    }
}
