package org.hilbridge.augment.photometric;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;
import org.hilbridge.augment.onnx.PlaneVector;

/**
 * {@link BlockDct}'s pass over planes, band by band (16 rows: one row of 4:2:0 macroblocks), with the JDK's Vector API
 * (module jdk.incubator.vector, an incubator in JDK 17) where C2 leaves the per-macroblock form scalar (its byte to
 * float conversions, table look-ups and float to byte clamps do not vectorise on JDK 17):
 * <ol>
 * <li>the band's rgb8 split into r, g, b byte planes ({@link PlaneVector});
 * <li>YCbCr (T.871) as vectors into a luma plane of 16 rows and two chroma planes of 8: the codes widened byte to int
 * to float, luma per pixel; chroma from the 2 x 2 sums, each pair of codes of a row read as one 16-bit lane (low byte
 * plus high byte), the two rows' pair sums added as ints (the four codes are integers, so their float sum in any order
 * is this exact integer);
 * <li>each 8 x 8 block's forward DCT: the rows by {@link BlockDct#forwardLine} (scalar, eight contiguous floats),
 * then the columns of every block in the band at once as vectors across the plane (lane u is column u), quantised,
 * dequantised and inverse-transformed by columns in the same registers; then the rows by {@link BlockDct#inverseLine};
 * <li>back to RGB as vectors, chroma replicated over its pixel pair by a lane shuffle, rounded by the magic sum and
 * clamped as ints, narrowed to bytes and merged into rgb8.
 * </ol>
 * Every pixel and coefficient goes through the same float operations in the same order as the scalar path
 * (IEEE 754 float arithmetic is the same in vector lanes; no fused multiply-add), so the output is the same bytes
 * ({@code BlockDctTest}). The column inverse runs in full where the scalar path skips flat columns and blocks; with
 * every AC term zero the full form adds and subtracts only zeros and returns the DC term exactly, as the skip does. Right
 * and bottom edges read clamped pixels, as the scalar path: the last row is repeated into the band's missing rows, the
 * last column into the padding columns. Buffers are held between frames; one thread at a time. Loaded only where
 * {@link BlockDct#vectorApiUsable}.
 *
 * <p>1280x720 at quality 60: about 3.4 against 8.3 ms a frame for the scalar pass (thread CPU time; AMD EPYC with
 * AVX-512, JDK 17.0.15, a loaded 2-core machine). How C2 on JDK 17 compiles this code decides everything, so each loop
 * is written as measured: every vector operation in the loop itself, with its float constants as vectors (C2 stops
 * inlining at MaxInlineLevel, 15, and a helper method or two between a loop and the Vector API left operations as
 * plain Java, several times slower); {@code convertShape} to a constant species, not {@code convert} (whose species is
 * computed); each shuffle a constant used directly; int and short constants as scalar operands (IntVector.zero and
 * int or short broadcasts held in a variable were allocated once a call, 384 bytes a band). Measured and dropped: rows
 * of N blocks in block order (each group of N blocks' codes reordered by byte shuffles so that the row transforms run as
 * vectors too): 2.4 ms a frame when C2 compiled it well, but in 4 of 6 runs C2 left part of it as objects (6 to 8.6 ms
 * and 40 to 58 MB allocated a frame); 256-bit vectors on this machine (slower than the scalar pass as first written).
 *
 * <p>Each of {@code blocks}, {@code toYcc} and {@code toRgb} is more Vector API code than C2 inlines while parsing one
 * compilation (blocks: about 23 of its 100 operations), so C2 inlines the rest late, dispatching each call by its type
 * profile behind a class_check trap. That holds only while the compilation's summed class_check count stays under
 * PerMethodTrapLimit (100): a few traps in a method inlined once per operation (the operator cache's {@code find})
 * were enough to turn the late calls into virtual calls and the vectors into objects, in about half of the test JVMs,
 * until {@code augment.OperatorCaches} filled the caches before any kernel runs ({@link BlockDct#VECTOR_PASS_IN_THE_CHAIN}
 * has the evidence). The loops stay as they are (splitting them to stay under that budget would mean at most some 20
 * operations a method, the intermediate values through memory).
 */
final class BlockDctVector {
    /** Float lanes; ints as many lanes (same shape); bytes as many lanes (a quarter of the bits); shorts, one a pixel pair. */
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final VectorSpecies<Integer> I = VectorShapes.INT;
    private static final int N = F.length();
    private static final VectorSpecies<Byte> B = VectorShapes.BYTE;
    private static final VectorSpecies<Byte> PAIRS = VectorShapes.BYTE_PAIRS;
    /** Lane l of the first (second) half of 2N pixels takes chroma sample l / 2 (N / 2 + l / 2) of N. */
    private static final VectorShuffle<Float> LOW_HALF = VectorShuffle.fromOp(F, l -> l / 2);
    private static final VectorShuffle<Float> HIGH_HALF = VectorShuffle.fromOp(F, l -> (N + l) / 2);

    private int width = -1;
    /** Padded width: a multiple of 2N (so the chroma planes are whole vectors) and so of 16 (whole macroblocks). */
    private int pw;
    private byte[] band;
    private byte[] planes;
    private float[] luma;
    private float[] cb;
    private float[] cr;
    /** Quantiser tables tiled over N lanes: [N k + l] = table[8 k + (l mod 8)] for row k of a block. */
    private final float[] fLuma = new float[8 * N];
    private final float[] dLuma = new float[8 * N];
    private final float[] fChroma = new float[8 * N];
    private final float[] dChroma = new float[8 * N];

    /**
     * Whether the vectors hold 8 or 16 floats (AVX2, AVX-512: the shapes above, capped at 512 bits so that this class
     * initialises anywhere, are then right) and 32 bytes ({@link PlaneVector}); call only where the module is present.
     */
    static boolean wideEnough() {
        return (N == 8 || N == 16) && PlaneVector.wideEnough();
    }

    private void size(int w) {
        if (w == width) {
            return;
        }
        width = w;
        pw = (w + 2 * N - 1) / (2 * N) * 2 * N;
        band = new byte[3 * 16 * w];
        planes = new byte[3 * 16 * w];
        luma = new float[16 * pw];
        cb = new float[8 * (pw / 2)];
        cr = new float[8 * (pw / 2)];
    }

    private static void tile(float[] table, float[] tiled) {
        for (int k = 0; k < 8; k++) {
            for (int l = 0; l < N; l++) {
                tiled[N * k + l] = table[8 * k + (l & 7)];
            }
        }
    }

    /** The pass over the w x h rgb8 frame, in place, with the tables of {@link BlockDct} for the frame's quality. */
    void quantise(int w, int h, byte[] rgb, float[] fLumaTable, float[] dLumaTable, float[] fChromaTable, float[] dChromaTable) {
        size(w);
        tile(fLumaTable, fLuma);
        tile(dLumaTable, dLuma);
        tile(fChromaTable, fChroma);
        tile(dChromaTable, dChroma);
        int cw = pw / 2;
        for (int by = 0; by < h; by += 16) {
            int rows = Math.min(16, h - by), n = rows * w;
            System.arraycopy(rgb, 3 * by * w, band, 0, 3 * n);
            PlaneVector.split(band, planes, n);
            toYcc(w, rows, n);
            for (int r0 = 0; r0 < 16; r0 += 8) {
                blocks(luma, r0 * pw, pw, fLuma, dLuma);
            }
            blocks(cb, 0, cw, fChroma, dChroma);
            blocks(cr, 0, cw, fChroma, dChroma);
            toRgb(w, rows, n);
            PlaneVector.merge(planes, band, n);
            System.arraycopy(band, 0, rgb, 3 * by * w, 3 * n);
        }
    }



    /** The band's rows (the last repeated to 16) from the byte planes to the luma and chroma planes, level-shifted luma. */
    private void toYcc(int w, int rows, int n) {
        byte[] p = planes;
        float[] y = luma;
        int cw = pw / 2;
        // Constants as vectors and every vector operation written out here (see toRgb).
        FloatVector kyr = FloatVector.broadcast(F, 0.299f), kyg = FloatVector.broadcast(F, 0.587f), kyb = FloatVector.broadcast(F, 0.114f);
        FloatVector level = FloatVector.broadcast(F, 128f), quarter = FloatVector.broadcast(F, 0.25f), half = FloatVector.broadcast(F, 0.5f);
        FloatVector kbr = FloatVector.broadcast(F, -0.168736f), kbg = FloatVector.broadcast(F, 0.331264f);
        FloatVector krg = FloatVector.broadcast(F, 0.418688f), krb = FloatVector.broadcast(F, 0.081312f);
        IntVector low = IntVector.broadcast(I, 0xFF);
        for (int j = 0; j < 16; j++) {
            int o = Math.min(j, rows - 1) * w, yo = j * pw, u = 0;
            for (; u <= w - N; u += N) {
                FloatVector r = (FloatVector) ByteVector.fromArray(B, p, o + u).convertShape(VectorOperators.B2I, I, 0).reinterpretAsInts().and(low).convertShape(VectorOperators.I2F, F, 0);
                FloatVector g = (FloatVector) ByteVector.fromArray(B, p, n + o + u).convertShape(VectorOperators.B2I, I, 0).reinterpretAsInts().and(low).convertShape(VectorOperators.I2F, F, 0);
                FloatVector b = (FloatVector) ByteVector.fromArray(B, p, 2 * n + o + u).convertShape(VectorOperators.B2I, I, 0).reinterpretAsInts().and(low).convertShape(VectorOperators.I2F, F, 0);
                r.mul(kyr).add(g.mul(kyg)).add(b.mul(kyb)).sub(level).intoArray(y, yo + u);
            }
            for (; u < w; u++) {
                y[yo + u] = 0.299f * (p[o + u] & 0xFF) + 0.587f * (p[n + o + u] & 0xFF) + 0.114f * (p[2 * n + o + u] & 0xFF) - 128;
            }
            java.util.Arrays.fill(y, yo + w, yo + pw, y[yo + w - 1]);
        }
        for (int qj = 0; qj < 8; qj++) {
            int o0 = Math.min(2 * qj, rows - 1) * w, o1 = Math.min(2 * qj + 1, rows - 1) * w, co = qj * cw, c = 0;
            for (; 2 * c <= w - 2 * N; c += N) {
                // Codes 2c and 2c + 1 of a row as one 16-bit lane: their sum is its low byte plus its high byte.
                ShortVector s0 = ByteVector.fromArray(PAIRS, p, o0 + 2 * c).reinterpretAsShorts(), s1 = ByteVector.fromArray(PAIRS, p, o1 + 2 * c).reinterpretAsShorts();
                FloatVector r = (FloatVector) s0.and((short) 0xFF).add(s0.lanewise(VectorOperators.LSHR, 8)).add(s1.and((short) 0xFF)).add(s1.lanewise(VectorOperators.LSHR, 8))
                        .convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                s0 = ByteVector.fromArray(PAIRS, p, n + o0 + 2 * c).reinterpretAsShorts();
                s1 = ByteVector.fromArray(PAIRS, p, n + o1 + 2 * c).reinterpretAsShorts();
                FloatVector g = (FloatVector) s0.and((short) 0xFF).add(s0.lanewise(VectorOperators.LSHR, 8)).add(s1.and((short) 0xFF)).add(s1.lanewise(VectorOperators.LSHR, 8))
                        .convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                s0 = ByteVector.fromArray(PAIRS, p, 2 * n + o0 + 2 * c).reinterpretAsShorts();
                s1 = ByteVector.fromArray(PAIRS, p, 2 * n + o1 + 2 * c).reinterpretAsShorts();
                FloatVector b = (FloatVector) s0.and((short) 0xFF).add(s0.lanewise(VectorOperators.LSHR, 8)).add(s1.and((short) 0xFF)).add(s1.lanewise(VectorOperators.LSHR, 8))
                        .convertShape(VectorOperators.S2I, I, 0).convertShape(VectorOperators.I2F, F, 0);
                r.mul(kbr).sub(g.mul(kbg)).add(b.mul(half)).mul(quarter).intoArray(cb, co + c);
                r.mul(half).sub(g.mul(krg)).sub(b.mul(krb)).mul(quarter).intoArray(cr, co + c);
            }
            for (; c < cw; c++) {   // the pairs past the last whole vector, and the padding: clamped columns
                int u0 = Math.min(w - 1, 2 * c), u1 = Math.min(w - 1, 2 * c + 1);
                float r = (p[o0 + u0] & 0xFF) + (p[o0 + u1] & 0xFF) + (p[o1 + u0] & 0xFF) + (p[o1 + u1] & 0xFF);
                float g = (p[n + o0 + u0] & 0xFF) + (p[n + o0 + u1] & 0xFF) + (p[n + o1 + u0] & 0xFF) + (p[n + o1 + u1] & 0xFF);
                float b = (p[2 * n + o0 + u0] & 0xFF) + (p[2 * n + o0 + u1] & 0xFF) + (p[2 * n + o1 + u0] & 0xFF) + (p[2 * n + o1 + u1] & 0xFF);
                cb[co + c] = 0.25f * (-0.168736f * r - 0.331264f * g + 0.5f * b);
                cr[co + c] = 0.25f * (0.5f * r - 0.418688f * g - 0.081312f * b);
            }
        }
    }

    /**
     * The 8 x 8 blocks of the 8 plane rows from base (row stride s, a multiple of N): forward by rows, then by columns,
     * quantised and dequantised, inverse by columns (these three as vectors across the rows), then inverse by rows.
     */
    private static void blocks(float[] d, int base, int s, float[] f, float[] q) {
        for (int k = 0; k < 8; k++) {
            for (int u = 0; u < s; u += 8) {
                BlockDct.forwardLine(d, base + k * s + u, 1);
            }
        }
        FloatVector f0 = FloatVector.fromArray(F, f, 0), f1 = FloatVector.fromArray(F, f, N), f2 = FloatVector.fromArray(F, f, 2 * N), f3 = FloatVector.fromArray(F, f, 3 * N);
        FloatVector f4 = FloatVector.fromArray(F, f, 4 * N), f5 = FloatVector.fromArray(F, f, 5 * N), f6 = FloatVector.fromArray(F, f, 6 * N), f7 = FloatVector.fromArray(F, f, 7 * N);
        FloatVector q0 = FloatVector.fromArray(F, q, 0), q1 = FloatVector.fromArray(F, q, N), q2 = FloatVector.fromArray(F, q, 2 * N), q3 = FloatVector.fromArray(F, q, 3 * N);
        FloatVector q4 = FloatVector.fromArray(F, q, 4 * N), q5 = FloatVector.fromArray(F, q, 5 * N), q6 = FloatVector.fromArray(F, q, 6 * N), q7 = FloatVector.fromArray(F, q, 7 * N);
        for (int u = 0; u < s; u += N) {
            int o = base + u;
            FloatVector d0 = FloatVector.fromArray(F, d, o), d1 = FloatVector.fromArray(F, d, o + s), d2 = FloatVector.fromArray(F, d, o + 2 * s);
            FloatVector d3 = FloatVector.fromArray(F, d, o + 3 * s), d4 = FloatVector.fromArray(F, d, o + 4 * s), d5 = FloatVector.fromArray(F, d, o + 5 * s);
            FloatVector d6 = FloatVector.fromArray(F, d, o + 6 * s), d7 = FloatVector.fromArray(F, d, o + 7 * s);
            // Forward: BlockDct.forwardLine, lane by lane.
            FloatVector tmp0 = d0.add(d7), tmp7 = d0.sub(d7), tmp1 = d1.add(d6), tmp6 = d1.sub(d6);
            FloatVector tmp2 = d2.add(d5), tmp5 = d2.sub(d5), tmp3 = d3.add(d4), tmp4 = d3.sub(d4);
            FloatVector tmp10 = tmp0.add(tmp3), tmp13 = tmp0.sub(tmp3), tmp11 = tmp1.add(tmp2), tmp12 = tmp1.sub(tmp2);
            FloatVector c0 = tmp10.add(tmp11), c4 = tmp10.sub(tmp11);
            FloatVector z1 = tmp12.add(tmp13).mul(0.707106781f);
            FloatVector c2 = tmp13.add(z1), c6 = tmp13.sub(z1);
            tmp10 = tmp4.add(tmp5);
            tmp11 = tmp5.add(tmp6);
            tmp12 = tmp6.add(tmp7);
            FloatVector z5 = tmp10.sub(tmp12).mul(0.382683433f);
            FloatVector z2 = tmp10.mul(0.541196100f).add(z5);
            FloatVector z4 = tmp12.mul(1.306562965f).add(z5);
            FloatVector z3 = tmp11.mul(0.707106781f);
            FloatVector z11 = tmp7.add(z3), z13 = tmp7.sub(z3);
            FloatVector c5 = z13.add(z2), c3 = z13.sub(z2), c1 = z11.add(z4), c7 = z11.sub(z4);
            // Quantised to the nearest integer (Rounding.nearest) and dequantised into the inverse's scale.
            c0 = c0.mul(f0).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(q0);
            c1 = c1.mul(f1).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(q1);
            c2 = c2.mul(f2).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(q2);
            c3 = c3.mul(f3).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(q3);
            c4 = c4.mul(f4).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(q4);
            c5 = c5.mul(f5).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(q5);
            c6 = c6.mul(f6).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(q6);
            c7 = c7.mul(f7).add(Rounding.MAGIC).sub(Rounding.MAGIC).mul(q7);
            // Inverse: BlockDct.inverseLine, lane by lane, in full.
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
            e0.sub(e7).intoArray(d, o + 7 * s);
            e1.add(e6).intoArray(d, o + s);
            e1.sub(e6).intoArray(d, o + 6 * s);
            e2.add(e5).intoArray(d, o + 2 * s);
            e2.sub(e5).intoArray(d, o + 5 * s);
            e3.add(e4).intoArray(d, o + 3 * s);
            e3.sub(e4).intoArray(d, o + 4 * s);
        }
        for (int k = 0; k < 8; k++) {
            for (int u = 0; u < s; u += 8) {
                BlockDct.inverseLine(d, base + k * s + u, 1);
            }
        }
    }



    /** The band's real rows back to codes in the byte planes (T.871), chroma replicated over its pixel pair. */
    private void toRgb(int w, int rows, int n) {
        byte[] p = planes;
        float[] y = luma;
        int cw = pw / 2;
        // Constants as vectors, and every vector operation written out here: C2 on JDK 17 stops inlining at
        // MaxInlineLevel (15), and the Vector API's own calls are nested deep enough that a helper method or two
        // between this loop and them leaves some as plain Java (many times slower).
        FloatVector level = FloatVector.broadcast(F, 128f), kr = FloatVector.broadcast(F, 1.402f), kgb = FloatVector.broadcast(F, 0.344136f);
        FloatVector kgr = FloatVector.broadcast(F, 0.714136f), kb = FloatVector.broadcast(F, 1.772f), magic = FloatVector.broadcast(F, Rounding.MAGIC);
        for (int j = 0; j < rows; j++) {
            int o = j * w, yo = j * pw, co = (j >> 1) * cw, u = 0;
            for (; u <= w - 2 * N; u += 2 * N) {
                FloatVector cbs = FloatVector.fromArray(F, cb, co + u / 2), crs = FloatVector.fromArray(F, cr, co + u / 2);
                FloatVector b1 = cbs.rearrange(LOW_HALF), r1 = crs.rearrange(LOW_HALF);
                FloatVector yy = FloatVector.fromArray(F, y, yo + u).add(level);
                int at = o + u;
                yy.add(r1.mul(kr)).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(p, at);
                yy.sub(b1.mul(kgb)).sub(r1.mul(kgr)).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(p, n + at);
                yy.add(b1.mul(kb)).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(p, 2 * n + at);
                b1 = cbs.rearrange(HIGH_HALF);
                r1 = crs.rearrange(HIGH_HALF);
                yy = FloatVector.fromArray(F, y, yo + u + N).add(level);
                at = o + u + N;
                yy.add(r1.mul(kr)).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(p, at);
                yy.sub(b1.mul(kgb)).sub(r1.mul(kgr)).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(p, n + at);
                yy.add(b1.mul(kb)).add(magic).reinterpretAsInts().sub(Rounding.MAGIC_BITS).max(0).min(255).convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(p, 2 * n + at);
            }
            for (; u < w; u++) {
                int c = co + (u >> 1);
                float yy = y[yo + u] + 128, b1 = cb[c], r1 = cr[c];
                p[o + u] = BlockDct.toByte(yy + 1.402f * r1);
                p[n + o + u] = BlockDct.toByte(yy - 0.344136f * b1 - 0.714136f * r1);
                p[2 * n + o + u] = BlockDct.toByte(yy + 1.772f * b1);
            }
        }
    }
}
