package org.hilbridge.augment.photometric;

/**
 * Stage 4 of the chain for one row: from scene radiance (a {@link PlanarRow}, overwritten: it is scratch) to rgb8
 * through the lens and the sensor (see {@link PhotometricBackend} for the physics and its sources): lens dirt,
 * vignetting, light level, exposure, white balance, Poisson-Gaussian noise, saturation, sRGB encode.
 *
 * <p>Each effect is a short loop over the row's planes with no call, branch or table look-up inside, so C2's
 * superword pass vectorises it; the noise deviates' int-to-float step, which C2 on JDK 17 leaves scalar, runs with
 * the Vector API where the JVM has it ({@link SensorVector}; the same bits either way); so does the sRGB encode's cell
 * index from each plane's clamped linear values ({@link SrgbCurve#cell}: int operations on the floats' bits), and the
 * encode's table look-up and interleaving store ({@link SrgbCurve#storeCells}) are the last, scalar loop. Holds its
 * row buffers between frames; one thread at a time.
 *
 * <p>Noise deviates (since hilbridge-photometric-6): each channel's own 32-bit counter hash of (frame key, channel,
 * pixel), its four bytes summed and standardised: an Irwin-Hall sum of four discrete uniforms on 0..255 (J. O.
 * Irwin and P. Hall, Biometrika 19, 1927, for the continuous sum): mean 4 x 255 / 2 = 510 and variance
 * 4 (256^2 - 1) / 12 = 21845, so the deviate (sum - 510) / sqrt(21845) has mean 0 and variance 1 exactly,
 * skewness 0, excess kurtosis -6 (256^2 + 1) / (5 (256^2 - 1)) / 4 = -0.300 (a normal's is 0; a sum's excess
 * kurtosis is its terms' over their count), and extremes at +-3.450 (a normal's 1-in-1800 points), which
 * {@code NoiseDeviatesTest} pins. For the sensor-noise model only the first two moments matter (Foi et al.'s
 * heteroscedastic normal approximation is itself a two-moment fit). It replaced a 1024-entry table of normal draws
 * indexed by 10-bit fields of one hash a pixel, whose scalar look-up was the one loop of the pass outside SIMD code.
 */
final class SensorRow {
    /** 2^32 / golden ratio, odd: spreads neighbouring pixel counters over the hash's input (Knuth's multiplicative hashing). */
    static final int GOLDEN_GAMMA_32 = 0x9E3779B9;
    /** The float 2^23's bits: OR-ed with an int below 2^23, the float 2^23 + that int. */
    static final int TWO_23_BITS = 0x4B000000;
    /** 2^23 plus the byte sum's mean 510 (exact in a float). */
    static final float TWO_23_PLUS_MEAN = 8388608f + 510f;
    /** 1 / the byte sum's standard deviation, sqrt(4 (256^2 - 1) / 12) = sqrt(21845). */
    static final float INV_SD = (float) (1 / Math.sqrt(21845.0));
    private final SrgbCurve srgb;
    private final boolean vector;
    /** Light reaching the sensor per pixel (scene light level times the vignetting's falloff). */
    private float[] level = new float[0];
    private float[] dirtRow = new float[0];
    private final DirtSpans dirtSpans = new DirtSpans();
    /** One channel's deviates of the row, and their bits before the int-to-float step ({@link #deviateBits}). */
    private float[] z = new float[0];
    private int[] bits = new int[0];
    /** u times the golden gamma per column (see {@link #hashRow}). */
    private int[] columnKey = new int[0];
    private float levelFilled = Float.NaN;
    /** Where this frame's codes go in block order ({@link #startFrame(int, BlockOrderCodes)}), or null: interleaved into out. */
    private BlockOrderCodes codeBlocks;

    /** @param vector the deviates' int-to-float step with {@link SensorVector} (only where {@link SceneRow#vectorApiUsable}) */
    SensorRow(SrgbCurve srgb, boolean vector) {
        this.srgb = srgb;
        this.vector = vector;
    }

    /** Call once a frame before the rows: sizes the buffers (allocates only when the width changes); codes interleaved. */
    void startFrame(int w) {
        startFrame(w, null);
    }

    /**
     * Call once a frame before the rows: sizes the buffers (allocates only when the width changes). Where codeBlocks is
     * not null, the rows' codes go there in the JPEG pass's block order ({@link BlockDct#codeBlocks}) in place of the
     * interleaved frame handed to {@link #compute}.
     */
    void startFrame(int w, BlockOrderCodes codeBlocks) {
        this.codeBlocks = codeBlocks;
        if (level.length != w) {
            level = new float[w];
            dirtRow = new float[w];
            z = new float[w];
            bits = new int[w];
            columnKey = new int[w];
            for (int u = 0; u < w; u++) {
                columnKey[u] = u * GOLDEN_GAMMA_32;
            }
        }
        levelFilled = Float.NaN;
    }

    /** Row v of {@code row} to rgb8 in out (or into the JPEG pass's band of block-order codes, see startFrame); dirtMask: the lens dirt's opacity per pixel (read only where f.dirt). */
    void compute(FrameConstants f, float[] dirtMask, int v, PlanarRow row, byte[] out) {
        int w = f.w;
        float[] r = row.r, g = row.g, b = row.b;
        if (f.dirt) {
            dirt(f, dirtMask, v, r, g, b);
        }
        float[] lw = level;
        float light = f.light;
        if (f.vignetting) {
            // cos^4 of the angle off the axis: cos^2 = 1 / (1 + x^2 + y^2) in normalised image coordinates.
            float y = (v - f.cy) * f.invFy;
            float y2 = 1 + y * y, vk = f.vk;
            float[] x2 = f.x2;
            for (int u = 0; u < w; u++) {
                float cos2 = 1 / (y2 + x2[u]);
                lw[u] = light * (1 - vk * (1 - cos2 * cos2));
            }
            levelFilled = Float.NaN;
        } else if (levelFilled != light) {
            java.util.Arrays.fill(lw, 0, w, light);
            levelFilled = light;
        }
        if (f.noisy) {
            noisyPlane(r, lw, rowKey(v, w, f.noiseKey, 0), f.a, f.b, f.gr, w);
            noisyPlane(g, lw, rowKey(v, w, f.noiseKey, 1), f.a, f.b, f.gg, w);
            noisyPlane(b, lw, rowKey(v, w, f.noiseKey, 2), f.a, f.b, f.gb, w);
        } else {
            clean(r, lw, f.gr, w);
            clean(g, lw, f.gg, w);
            clean(b, lw, f.gb, w);
        }
        cellsInPlace(r, w);
        cellsInPlace(g, w);
        cellsInPlace(b, w);
        BlockOrderCodes blocks = codeBlocks;
        if (blocks == null) {
            srgb.storeCells(r, g, b, w, out, 3 * v * w);
        } else {
            SrgbCurve.storeCodesInBlockOrder(r, w, blocks.paddedWidth, blocks.lanes, blocks.codes, blocks.row(v, 0));
            SrgbCurve.storeCodesInBlockOrder(g, w, blocks.paddedWidth, blocks.lanes, blocks.codes, blocks.row(v, 1));
            SrgbCurve.storeCodesInBlockOrder(b, w, blocks.paddedWidth, blocks.lanes, blocks.codes, blocks.row(v, 2));
        }
    }

    /**
     * Lens dirt over row v: each value x (1 - 0.7 m) + m glow with m = dk mask, only over the row's span with dirt
     * ({@link DirtSpans}): where the mask is 0, m = 0 and each value becomes x 1 + 0, itself for any x but -0 (then +0,
     * which encodes as -0 does: code 0), so the same bytes. A method of its own, so that the row method compiled for
     * frames without dirt stays as small as before (inlined there, the span code made the per-pixel chain 1-4 % slower
     * in A/B runs).
     */
    private void dirt(FrameConstants f, float[] dirtMask, int v, float[] r, float[] g, float[] b) {
        int w = f.w;
        DirtSpans spans = dirtSpans.of(dirtMask, w);
        int from = spans.from(v), to = spans.to(v);
        float dk = f.dk, glow = f.glow;
        float[] mask = dirtRow;
        System.arraycopy(dirtMask, v * w + from, mask, from, to - from);   // at the same index below, so the loop vectorises
        for (int u = from; u < to; u++) {
            float m = dk * mask[u];
            float keep = 1 - 0.7f * m;
            float add = m * glow;
            r[u] = r[u] * keep + add;
            g[u] = g[u] * keep + add;
            b[u] = b[u] * keep + add;
        }
    }

    /** Each value of x[0 .. w), at most 1 or NaN, to its encode cell ({@link SrgbCurve#cellAsFloat}), in place. */
    private void cellsInPlace(float[] x, int w) {
        if (vector) {
            SensorVector.cellsInPlace(x, w);
        } else {
            SrgbCurve.cellsInPlace(x, 0, w);
        }
    }

    /**
     * The row key of channel c (0 red, 1 green, 2 blue) in row v of a frame w wide with the frame's 64-bit noise key: a
     * counter-based generator, pixel p's bits a hash of (frame key, channel, p), so no state runs from pixel to pixel
     * and every pixel's noise is fixed by the seed alone. Each channel has its own key (the two 32-bit halves of the
     * frame's key, and the low half of that key after one more round of SplitMix64's finaliser), so the channels' hashes are
     * unrelated ({@code NoiseDeviatesTest}).
     */
    static int rowKey(int v, int w, long frameKey, int c) {
        int channelKey = c == 0 ? (int) frameKey : c == 1 ? (int) (frameKey >>> 32) : (int) FrameConstants.mix64(frameKey);
        return v * w * GOLDEN_GAMMA_32 ^ channelKey;
    }

    /**
     * One plane with noise: the channel's deviates (hash and byte sum in one int loop, then the int-to-float step,
     * with the Vector API where the JVM has it), then the signal loop ({@link #noisy}).
     */
    private void noisyPlane(float[] x, float[] level, int rowKey, float a, float noiseB, float gain, int w) {
        deviateBits(columnKey, rowKey, bits, w);
        if (vector) {
            SensorVector.deviates(bits, z, w);
        } else {
            deviates(bits, z, w);
        }
        noisy(x, level, z, a, noiseB, gain, w);
    }

    /**
     * One plane: signal s = x level; Poisson-Gaussian sigma(s) = sqrt(a s + b) at s clamped to full scale (s &gt;= 0
     * holds: radiance is never negative), then saturation at full scale, the channel's gain and the sRGB encode's
     * clamp to 1, in place (the encode's cell follows, {@link #cellsInPlace}). Math.min, not a ternary: C2 on JDK 17
     * vectorises the former (vminps) and leaves a loop with the latter scalar. Saturation and the encode's clamp are one
     * Math.min: for a gain g &gt; 0, min(min(v, 1) g, 1) = min(v g, min(g, 1)) exactly (rounding is monotone, so
     * fl(min(v, 1) g) = min(fl(v g), g)), one Math.min (several instructions a vector) fewer: 0.42 against 0.54 ms a
     * 1280x720 plane. The value is at most 1 or NaN, as the cell's vector step needs.
     */
    private static void noisy(float[] x, float[] level, float[] z, float a, float b, float gain, int w) {
        float cap = Math.min(gain, 1f);
        for (int u = 0; u < w; u++) {
            float s = x[u] * level[u];
            float sigma = (float) Math.sqrt(a * Math.min(s, 1f) + b);
            x[u] = Math.min((s + sigma * z[u]) * gain, cap);
        }
    }

    /**
     * bits[u] = {@link #deviateBits(int)} of hash32(rowKey + columnKey[u]) (see {@link #hashRow}): int arithmetic only,
     * so C2's superword pass vectorises the loop (int multiply, shifts, xor, and, add, or).
     */
    static void deviateBits(int[] columnKey, int rowKey, int[] bits, int w) {
        for (int u = 0; u < w; u++) {
            bits[u] = deviateBits(hash32(rowKey + columnKey[u]));
        }
    }

    /** z[u] = {@link #deviateOfBits}(bits[u]): the scalar path of {@link SensorVector#deviates}. */
    static void deviates(int[] bits, float[] z, int w) {
        for (int u = 0; u < w; u++) {
            z[u] = deviateOfBits(bits[u]);
        }
    }

    /**
     * A hash's deviate in bits: its four bytes' sum (two 16-bit pair sums, then one add) under the exponent of 2^23,
     * that is the float 2^23 + sum ({@link #deviateOfBits} goes on from there).
     */
    static int deviateBits(int h) {
        int pairs = (h & 0x00FF00FF) + ((h >>> 8) & 0x00FF00FF);
        return ((pairs & 0xFFFF) + (pairs >>> 16)) | TWO_23_BITS;
    }

    /** The standard deviate (sum - 510) / sqrt(21845) from {@link #deviateBits(int)}'s bits (sum - 510 is exact). */
    static float deviateOfBits(int bits) {
        return (Float.intBitsToFloat(bits) - TWO_23_PLUS_MEAN) * INV_SD;
    }

    /** A hash's standard deviate (see the class comment). */
    static float deviate(int h) {
        return deviateOfBits(deviateBits(h));
    }

    /**
     * Wellons's "lowbias32" (C. Wellons, "Prospecting for hash functions", 2018, nullprogram.com: xorshift 16,
     * multiply 0x7feb352d, xorshift 15, multiply 0x846ca68b, xorshift 16; a bijection, full avalanche, bias 0.17).
     */
    static int hash32(int x) {
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        x ^= x >>> 16;
        return x;
    }

    /**
     * h[u] = hash32(rowKey + columnKey[u]) with rowKey = (v w gamma) xor the channel's key and columnKey[u] = u gamma
     * (gamma = {@link #GOLDEN_GAMMA_32}): within a row a bijection of u, different for every (row, key). The pass's
     * hashes, as a loop for {@code NoiseHashTest}.
     */
    static void hashRow(int[] columnKey, int rowKey, int[] h, int w) {
        for (int u = 0; u < w; u++) {
            h[u] = hash32(rowKey + columnKey[u]);
        }
    }

    /**
     * One plane without noise: signal times the channel's gain, clamped to 1 (NaN kept) for the encode's cell
     * ({@link #cellsInPlace}), in place.
     */
    private static void clean(float[] x, float[] level, float gain, int w) {
        for (int u = 0; u < w; u++) {
            x[u] = Math.min(x[u] * level[u] * gain, 1f);
        }
    }
}
