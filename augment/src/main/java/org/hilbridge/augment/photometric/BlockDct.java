package org.hilbridge.augment.photometric;

import org.hilbridge.augment.VectorApi;

/**
 * Compression artefacts as baseline JPEG makes them (ITU-T T.81 | ISO/IEC 10918-1) with JFIF's usual 4:2:0
 * sampling: JFIF YCbCr (ITU-T T.871, full range); chroma averaged over 2 x 2 pixels; 8 x 8 forward DCT of the
 * level-shifted samples; quantisation by the Annex K example tables scaled to a quality as the IJG library
 * does (scale = 5000 / q below 50, 200 - 2q above; entries (t scale + 50) / 100 clamped to [1, 255]);
 * dequantisation; inverse DCT; chroma replicated back over its 2 x 2 pixels; RGB. In place on rgb8; blocks at
 * the right and bottom edges read clamped pixels and write only inside the image.
 *
 * <p>The forward DCT is Arai, Agui and Nakajima's factorisation (Trans. IEICE E71(11), 1988) as the IJG
 * library's jfdctflt.c arranges it: its outputs are the true coefficients times 8 s(u) s(v), s(0) = 1,
 * s(k) = sqrt 2 cos(k pi / 16), folded into the quantiser. The inverse is the same factorisation run backwards,
 * as jidctflt.c arranges it: it takes the true coefficients times s(u) s(v) / 8, folded into the dequantiser,
 * and returns the samples; a column whose AC coefficients are all zero (after quantisation most are) is its DC
 * term repeated. Buffers are held between frames; one thread at a time.
 *
 * <p>Where the JVM has the Vector API, {@link BlockDctVector} runs the same pass band by band over planes, with
 * vectors, and gives the same bytes (about 4 times faster: 1.7-1.8 against 7.2-7.6 ms a 1280x720 frame, JDK 17); this class's scalar pass is the reference it is tested against and the path
 * without the module.
 */
final class BlockDct {
    /** T.81 Table K.1, luminance, in natural (row-major) order. */
    private static final int[] LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    /** T.81 Table K.2, chrominance. */
    private static final int[] CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};

    /** LEVEL[c] = c as a float: a look-up in place of an int-to-float conversion (measured faster here). */
    private static final float[] LEVEL = new float[256];

    static {
        for (int c = 0; c < 256; c++) {
            LEVEL[c] = c;
        }
    }

    /** c[k][x] = C(k)/2 cos((2x + 1) k pi / 16): the orthonormal 8-point DCT-II basis. */
    private final float[] basis = new float[64];
    private final float[] aanScale = new float[8];
    /** Quantiser steps (true coefficient units) and, for the AAN outputs, their reciprocals with the scale folded in. */
    private final float[] qLuma = new float[64];
    private final float[] qChroma = new float[64];
    private final float[] fLuma = new float[64];
    private final float[] fChroma = new float[64];
    /** Dequantiser steps for the AAN inverse: step s(u) s(v) / 8. */
    private final float[] dLuma = new float[64];
    private final float[] dChroma = new float[64];
    private int quality = -1;
    private final float[][] yBlocks = {new float[64], new float[64], new float[64], new float[64]};
    private final float[] cb = new float[64];
    private final float[] cr = new float[64];
    /** The pass over planes with the Vector API (the same bytes), or null for the per-macroblock scalar pass. */
    private final BlockDctVector vector;

    /** The scalar pass. */
    BlockDct() {
        this(false);
    }

    /** @param vector run the pass with the Vector API ({@link BlockDctVector}; only where {@link #vectorApiUsable}) */
    BlockDct(boolean vector) {
        if (vector && !vectorApiUsable()) {
            throw new IllegalStateException("the Vector API pass was asked for, but this JVM lacks module jdk.incubator.vector or vectors of 8 or 16 floats");
        }
        this.vector = vector ? new BlockDctVector() : null;
        for (int k = 0; k < 8; k++) {
            double ck = k == 0 ? Math.sqrt(0.125) : 0.5;
            for (int x = 0; x < 8; x++) {
                basis[8 * k + x] = (float) (ck * Math.cos((2 * x + 1) * k * Math.PI / 16));
            }
            aanScale[k] = (float) (k == 0 ? 1 : Math.sqrt(2) * Math.cos(k * Math.PI / 16));
        }
    }

    private void tables(int q) {
        if (q == quality) {
            return;
        }
        int scale = q < 50 ? 5000 / q : 200 - 2 * q;
        for (int i = 0; i < 64; i++) {
            qLuma[i] = Math.max(1, Math.min(255, (LUMA[i] * scale + 50) / 100));
            qChroma[i] = Math.max(1, Math.min(255, (CHROMA[i] * scale + 50) / 100));
            float aan = 8 * aanScale[i / 8] * aanScale[i % 8];
            fLuma[i] = 1 / (qLuma[i] * aan);
            fChroma[i] = 1 / (qChroma[i] * aan);
            float inverseAan = aanScale[i / 8] * aanScale[i % 8] / 8;
            dLuma[i] = qLuma[i] * inverseAan;
            dChroma[i] = qChroma[i] * inverseAan;
        }
        if (vector != null) {
            vector.tables(fLuma, dLuma, fChroma, dChroma);
        }
        quality = q;
    }

    /**
     * Whether the chain runs the JPEG pass with {@link BlockDctVector} (1.7-1.8 against 7.2-7.6 ms a 1280x720 frame, JDK 17; 3.1 against 8.3 when the flag was set): yes, since
     * the Vector API's operator caches are filled before any kernel runs ({@code augment.OperatorCaches}).
     *
     * <p>Before that, in about half of the JVMs that first ran other augment tests (SensorAndLensTest, DefocusTest,
     * WetVectorTest; 8 of 24 JVMs counted), C2 on JDK 17.0.15 compiled {@code blocks}, {@code toYcc} and
     * {@code toRgb} with their vectors as objects, for good: 355 kB a 96x72 frame after 5000 frames, and
     * FogPhysicsTest's steady-state allocation check failed. {@code -XX:+LogCompilation} of 4 failing and 6 passing
     * JVMs: in every failing one, {@code VectorOperators$ImplCache.find} (inlined once per vector operation) carried 3
     * class_check traps ({@code <observe trap='class_check' count='3' total='300'/>} in blocks), taken by its own
     * compiled code at {@code supplier.apply} (bytecode 18) when the JPEG pass first used operators new to the JVM after
     * {@code find} had been compiled; in no passing one. C2 sums the trap counts of every method it inlines, once per
     * inlining, and past {@code PerMethodTrapLimit} (100) emits no class_check trap in that compilation
     * ({@code <observe trap='class_check' count='0' mcount='0' ccount='102'/>}). blocks inlines about 23 operations
     * while parsing and the rest (86 calls: add, sub, mul, intoArray) late, where their receivers are typed only as
     * FloatVector; with no trap allowed each became a guarded inline plus a virtual call (84 in blocks, 9 in toYcc, 13 in
     * toRgb; none in a passing JVM), the 8 stores lost their intrinsic (no {@code _VectorStoreOp}), and JFR showed the
     * fallbacks allocating (FloatVector.lanewiseTemplate, IntVector.max, reinterpretAsInts in blocks and toRgb). With
     * {@code -XX:PerMethodTrapLimit=100000} the same command failed 0 of 10 JVMs (4 of 10 without). With the caches
     * filled, {@code find} takes no trap (0 in 6 logged JVMs), the three methods compile with no virtual call (blocks
     * 3.6 kB of code against 13.8 kB), and the four-class command failed in none of 68 JVMs (29 runs). OperatorCachesTest
     * pins the filling. A/B in one JVM on the benchmark's frames (300 each, alternating; JDK 17, load average 1.5-3.9):
     * JPEG pass thread CPU p50 8.36 -> 3.12 ms, p99 12.91 -> 4.53; full chain p50 35.06 -> 29.77 ms, p99 49.04 -> 42.09;
     * both 0 bytes allocated a frame, every output byte the same.
     */
    static final boolean VECTOR_PASS_IN_THE_CHAIN = true;

    /**
     * Whether this JVM can run {@link BlockDctVector}: started with {@code --add-modules jdk.incubator.vector} (without
     * it that class must not be initialised) and vectors of 8 or 16 floats.
     */
    static boolean vectorApiUsable() {
        return VectorApi.present() && BlockDctVector.wideEnough();
    }

    /**
     * A band of codes that the chain may write a frame w pixels wide into, band by band, for {@link #quantiseBand} to
     * run on as soon as each band's last row is in (the vector pass's own block order: it then skips splitting each
     * band into planes and reordering them, and the codes stay in cache). Null for the scalar pass, which reads the
     * interleaved frame ({@link #quantise}).
     */
    BlockOrderCodes codeBlocks(int w) {
        return vector == null ? null : vector.codeBlocks(w);
    }

    /** The JPEG round trip of a w x h frame at quality q, in place on rgb (interleaved). */
    void quantise(int w, int h, int q, byte[] rgb) {
        tables(q);
        if (vector != null) {
            vector.quantise(w, h, rgb);
            return;
        }
        for (int by = 0; by < h; by += 16) {
            for (int bx = 0; bx < w; bx += 16) {
                toYcc(w, h, bx, by, rgb);
                for (float[] y : yBlocks) {
                    roundTrip(y, fLuma, dLuma);
                }
                roundTrip(cb, fChroma, dChroma);
                roundTrip(cr, fChroma, dChroma);
                toRgb(w, h, bx, by, rgb);
            }
        }
    }

    /**
     * The JPEG round trip at quality q of the band of rows by .. by + 15 of a w x h frame (by a multiple of 16) whose
     * codes are in codeBlocks (from {@link #codeBlocks}; its rows past the image are filled here, and its codes are
     * overwritten), into those rows of rgb (only written): the same bytes as {@link #quantise} of the frame gives there.
     */
    void quantiseBand(int w, int h, int q, int by, BlockOrderCodes codeBlocks, byte[] rgb) {
        tables(q);
        vector.quantiseBand(w, h, by, codeBlocks, rgb);
    }

    /**
     * The 16 x 16 pixels from (bx, by) (clamped to the image) to four luma blocks and the 2 x 2 averaged chroma
     * blocks: JFIF YCbCr (T.871), level-shifted by -128; one 2 x 2 quad of pixels at a time, so each chroma
     * sample is written once.
     */
    private void toYcc(int w, int h, int bx, int by, byte[] rgb) {
        float[] level = LEVEL;
        for (int qj = 0; qj < 8; qj++) {
            int j = 2 * qj;
            int row0 = Math.min(h - 1, by + j) * w, row1 = Math.min(h - 1, by + j + 1) * w;
            float[] yTop = yBlocks[(j >> 3) * 2], yTopRight = yBlocks[(j >> 3) * 2 + 1];
            int yRow = 8 * (j & 7);
            for (int qi = 0; qi < 8; qi++) {
                int i = 2 * qi;
                int u0 = Math.min(w - 1, bx + i), u1 = Math.min(w - 1, bx + i + 1);
                float[] yb = i < 8 ? yTop : yTopRight;
                int yi = yRow + (i & 7);
                int o00 = 3 * (row0 + u0), o01 = 3 * (row0 + u1), o10 = 3 * (row1 + u0), o11 = 3 * (row1 + u1);
                float r00 = level[rgb[o00] & 0xFF], g00 = level[rgb[o00 + 1] & 0xFF], b00 = level[rgb[o00 + 2] & 0xFF];
                float r01 = level[rgb[o01] & 0xFF], g01 = level[rgb[o01 + 1] & 0xFF], b01 = level[rgb[o01 + 2] & 0xFF];
                float r10 = level[rgb[o10] & 0xFF], g10 = level[rgb[o10 + 1] & 0xFF], b10 = level[rgb[o10 + 2] & 0xFF];
                float r11 = level[rgb[o11] & 0xFF], g11 = level[rgb[o11 + 1] & 0xFF], b11 = level[rgb[o11 + 2] & 0xFF];
                yb[yi] = 0.299f * r00 + 0.587f * g00 + 0.114f * b00 - 128;
                yb[yi + 1] = 0.299f * r01 + 0.587f * g01 + 0.114f * b01 - 128;
                yb[yi + 8] = 0.299f * r10 + 0.587f * g10 + 0.114f * b10 - 128;
                yb[yi + 9] = 0.299f * r11 + 0.587f * g11 + 0.114f * b11 - 128;
                float r = r00 + r01 + r10 + r11, g = g00 + g01 + g10 + g11, b = b00 + b01 + b10 + b11;
                int c = 8 * qj + qi;
                cb[c] = 0.25f * (-0.168736f * r - 0.331264f * g + 0.5f * b);
                cr[c] = 0.25f * (0.5f * r - 0.418688f * g - 0.081312f * b);
            }
        }
    }

    /** The blocks back to RGB (T.871) over the pixels of the 16 x 16 area that lie inside the image, chroma replicated over its quad. */
    private void toRgb(int w, int h, int bx, int by, byte[] rgb) {
        int jEnd = Math.min(16, h - by), iEnd = Math.min(16, w - bx);
        for (int j = 0; j < jEnd; j++) {
            int yRow = 8 * (j & 7), cRow = 8 * (j >> 1), o = 3 * ((by + j) * w + bx);
            toRgb(yBlocks[(j >> 3) * 2], yRow, cRow, 0, Math.min(8, iEnd), rgb, o);
            toRgb(yBlocks[(j >> 3) * 2 + 1], yRow, cRow, 8, iEnd, rgb, o);
        }
    }

    /** Pixels i0 .. i1 - 1 of one row of the area, their luma from block y (columns i mod 8) and their chroma replicated. */
    private void toRgb(float[] y, int yRow, int cRow, int i0, int i1, byte[] rgb, int rowOffset) {
        // Two pixels a chroma sample: its terms computed once for the pair (the same float operations per pixel).
        int i = i0, o = rowOffset + 3 * i0;
        for (; i + 1 < i1; i += 2, o += 6) {
            int c = cRow + (i >> 1), yi = yRow + (i & 7);
            float b1 = cb[c], r1 = cr[c];
            float red = 1.402f * r1, greenB = 0.344136f * b1, greenR = 0.714136f * r1, blue = 1.772f * b1;
            float y0 = y[yi] + 128, y1 = y[yi + 1] + 128;
            rgb[o] = toByte(y0 + red);
            rgb[o + 1] = toByte(y0 - greenB - greenR);
            rgb[o + 2] = toByte(y0 + blue);
            rgb[o + 3] = toByte(y1 + red);
            rgb[o + 4] = toByte(y1 - greenB - greenR);
            rgb[o + 5] = toByte(y1 + blue);
        }
        if (i < i1) {   // an odd last pixel at the image's right edge
            int c = cRow + (i >> 1);
            float yy = y[yRow + (i & 7)] + 128, b1 = cb[c], r1 = cr[c];
            rgb[o] = toByte(yy + 1.402f * r1);
            rgb[o + 1] = toByte(yy - 0.344136f * b1 - 0.714136f * r1);
            rgb[o + 2] = toByte(yy + 1.772f * b1);
        }
    }

    /** Forward DCT, quantise, dequantise, inverse DCT, in place. */
    private static void roundTrip(float[] x, float[] aanReciprocal, float[] aanStep) {
        forwardAan(x);
        for (int i = 0; i < 64; i++) {   // quantised (to the nearest integer), dequantised into the AAN inverse's scale
            x[i] = Rounding.nearest(x[i] * aanReciprocal[i]) * aanStep[i];
        }
        // A block whose AC coefficients all quantise to zero (common: flat sky, road) is its DC term everywhere;
        // the inverse would return exactly that (every line takes its flat-line path), so skip it.
        for (int i = 1; i < 64; i++) {
            if (x[i] != 0) {
                inverseAan(x);
                return;
            }
        }
        java.util.Arrays.fill(x, 1, 64, x[0]);
    }

    /** jfdctflt.c's AAN forward DCT on rows then columns, in place: out = 8 s(u) s(v) F(u, v). */
    static void forwardAan(float[] d) {
        // Each pass calls the line transform with a constant stride, which C2 folds into the addresses once inlined.
        for (int line = 0; line < 8; line++) {
            forwardLine(d, 8 * line, 1);
        }
        for (int line = 0; line < 8; line++) {
            forwardLine(d, line, 8);
        }
    }

    /** One 8-point line of jfdctflt.c's AAN forward DCT: d[o], d[o + stride], ... d[o + 7 stride], in place. */
    static void forwardLine(float[] d, int o, int stride) {
        float d0 = d[o], d1 = d[o + stride], d2 = d[o + 2 * stride], d3 = d[o + 3 * stride];
        float d4 = d[o + 4 * stride], d5 = d[o + 5 * stride], d6 = d[o + 6 * stride], d7 = d[o + 7 * stride];
        float tmp0 = d0 + d7, tmp7 = d0 - d7, tmp1 = d1 + d6, tmp6 = d1 - d6;
        float tmp2 = d2 + d5, tmp5 = d2 - d5, tmp3 = d3 + d4, tmp4 = d3 - d4;
        // Even part.
        float tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        d[o] = tmp10 + tmp11;
        d[o + 4 * stride] = tmp10 - tmp11;
        float z1 = (tmp12 + tmp13) * 0.707106781f;
        d[o + 2 * stride] = tmp13 + z1;
        d[o + 6 * stride] = tmp13 - z1;
        // Odd part.
        tmp10 = tmp4 + tmp5;
        tmp11 = tmp5 + tmp6;
        tmp12 = tmp6 + tmp7;
        float z5 = (tmp10 - tmp12) * 0.382683433f;
        float z2 = 0.541196100f * tmp10 + z5;
        float z4 = 1.306562965f * tmp12 + z5;
        float z3 = tmp11 * 0.707106781f;
        float z11 = tmp7 + z3, z13 = tmp7 - z3;
        d[o + 5 * stride] = z13 + z2;
        d[o + 3 * stride] = z13 - z2;
        d[o + stride] = z11 + z4;
        d[o + 7 * stride] = z11 - z4;
    }

    /**
     * jidctflt.c's AAN inverse DCT on columns then rows, in place: in, the true coefficients times s(u) s(v) / 8;
     * out, the samples.
     */
    static void inverseAan(float[] d) {
        for (int line = 0; line < 8; line++) {
            inverseLine(d, line, 8);
        }
        for (int line = 0; line < 8; line++) {
            inverseLine(d, 8 * line, 1);
        }
    }

    /** One 8-point line of jidctflt.c's AAN inverse DCT: d[o], d[o + stride], ... d[o + 7 stride], in place. */
    static void inverseLine(float[] d, int o, int stride) {
        float d0 = d[o], d1 = d[o + stride], d2 = d[o + 2 * stride], d3 = d[o + 3 * stride];
        float d4 = d[o + 4 * stride], d5 = d[o + 5 * stride], d6 = d[o + 6 * stride], d7 = d[o + 7 * stride];
        if (d1 == 0 && d2 == 0 && d3 == 0 && d4 == 0 && d5 == 0 && d6 == 0 && d7 == 0) {
            if (d0 != 0) {   // a flat line: the DC term everywhere
                for (int k = 1; k < 8; k++) {
                    d[o + k * stride] = d0;
                }
            }
            return;
        }
        // Even part.
        float tmp10 = d0 + d4, tmp11 = d0 - d4;
        float tmp13 = d2 + d6;
        float tmp12 = (d2 - d6) * 1.414213562f - tmp13;
        float tmp0 = tmp10 + tmp13, tmp3 = tmp10 - tmp13, tmp1 = tmp11 + tmp12, tmp2 = tmp11 - tmp12;
        // Odd part.
        float z13 = d5 + d3, z10 = d5 - d3, z11 = d1 + d7, z12 = d1 - d7;
        float tmp7 = z11 + z13;
        float t11 = (z11 - z13) * 1.414213562f;
        float z5 = (z10 + z12) * 1.847759065f;
        float t10 = z5 - z12 * 1.082392200f;
        float t12 = z5 - z10 * 2.613125930f;
        float tmp6 = t12 - tmp7;
        float tmp5 = t11 - tmp6;
        float tmp4 = t10 - tmp5;
        d[o] = tmp0 + tmp7;
        d[o + 7 * stride] = tmp0 - tmp7;
        d[o + stride] = tmp1 + tmp6;
        d[o + 6 * stride] = tmp1 - tmp6;
        d[o + 2 * stride] = tmp2 + tmp5;
        d[o + 5 * stride] = tmp2 - tmp5;
        d[o + 3 * stride] = tmp3 + tmp4;
        d[o + 4 * stride] = tmp3 - tmp4;
    }

    /** The orthonormal 8 x 8 inverse DCT by the matrix product, X = C^T F C (the reference the AAN form is tested against). */
    static float[] inverseReference(float[] f) {
        BlockDct d = new BlockDct();
        float[] out = new float[64];
        for (int j = 0; j < 8; j++) {
            for (int i = 0; i < 8; i++) {
                float s = 0;
                for (int u = 0; u < 8; u++) {
                    for (int v = 0; v < 8; v++) {
                        s += d.basis[8 * u + j] * f[8 * u + v] * d.basis[8 * v + i];
                    }
                }
                out[8 * j + i] = s;
            }
        }
        return out;
    }

    /** The orthonormal 8 x 8 DCT-II by the matrix product, F = C X C^T (the reference the AAN form is tested against). */
    static float[] forwardReference(float[] x) {
        BlockDct d = new BlockDct();
        float[] out = new float[64];
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                float s = 0;
                for (int j = 0; j < 8; j++) {
                    for (int i = 0; i < 8; i++) {
                        s += d.basis[8 * u + j] * x[8 * j + i] * d.basis[8 * v + i];
                    }
                }
                out[8 * u + v] = s;
            }
        }
        return out;
    }

    float aanScale(int k) {
        return aanScale[k];
    }

    /**
     * The nearest code (ties to even), clamped to [0, 255]; |v| &lt; 2^22 (a sample of a decoded block is within
     * a few hundred codes). Rounded first, then clamped as an int: the same code as clamping first (rounding is
     * monotone and 0 and 255 are integers), with integer min/max (one instruction each) in place of float
     * Math.min/max (several: NaN and -0 rules).
     */
    static byte toByte(float v) {
        return (byte) Math.min(Math.max(Rounding.nearestInt(v), 0), 255);
    }

}
