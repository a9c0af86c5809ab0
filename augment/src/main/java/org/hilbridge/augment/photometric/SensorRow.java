package org.hilbridge.augment.photometric;

/**
 * Stage 4 of the chain for one row: from scene radiance (a {@link PlanarRow}, overwritten: it is scratch) to rgb8
 * through the lens and the sensor (see {@link PhotometricBackend} for the physics and its sources): lens dirt,
 * vignetting, light level, exposure, white balance, Poisson-Gaussian noise, saturation, sRGB encode.
 *
 * <p>Dirt and the light level (vignetting) are short loops over the row with no call, branch or table look-up
 * inside, so C2's superword pass vectorises them. The noisy exposure (per channel: counter hash, deviate, signal,
 * sigma, noise, saturation, gain and the sRGB encode's cell, {@link SrgbCurve#cellPlusMagic}) runs as one Vector API
 * kernel a vector of pixels at a time ({@link SensorVector}) where the JVM has the module, and otherwise (and for the
 * row's tail) as the same operations pixel by pixel ({@link #noisyCell}): the same bits either way. Without noise,
 * one short vectorised loop a plane. The encode's table look-up and interleaving store ({@link SrgbCurve#storeCells})
 * are the last, scalar loop. Holds its row buffers between frames; one thread at a time.
 *
 * <p>Noise deviates (since hilbridge-photometric-6): each channel's own 32-bit counter hash of (frame key, channel,
 * pixel), its four bytes summed and standardised: an Irwin-Hall sum of four discrete uniforms on 0..255 (J. O. Irwin,
 * Biometrika 19, 1927; P. Hall, ibid.): mean 510 and variance 4 (256^2 - 1) / 12 = 21845, so the deviate
 * (sum - 510) / sqrt(21845) has mean 0 and variance 1 exactly, skewness 0, excess kurtosis
 * -6 (256^2 + 1) / (5 (256^2 - 1)) / 4 = -0.300 (a normal's is 0), and its extremes at +-3.45 (a normal's
 * 1-in-3700 points); by the central limit theorem its distribution is close to a normal's (pinned by
 * {@code NoiseDeviatesTest}). It replaced a 1024-entry table of normal draws indexed by 10-bit fields of one hash a
 * pixel: the table's scalar look-up was the one loop of the pass left outside SIMD code (12 % of the weather chain).
 */
final class SensorRow {
    /** 2^32 / golden ratio, odd: spreads neighbouring pixel counters over the hash's input (Knuth's multiplicative hashing). */
    static final int GOLDEN_GAMMA_32 = 0x9E3779B9;
    /** lowbias32's multipliers (see {@link #hash32}). */
    static final int HASH_M1 = 0x7feb352d;
    static final int HASH_M2 = 0x846ca68b;
    /** The float 2^23's bits: OR-ed with an int below 2^23, the float 2^23 + that int. */
    static final int TWO_23_BITS = 0x4B000000;
    /** 2^23 plus the byte sum's mean 510 (exact in a float). */
    static final float TWO_23_PLUS_MEAN = 8388608f + 510f;
    /** 1 / the byte sum's standard deviation sqrt(4 (256^2 - 1) / 12) = sqrt(21845). */
    static final float INV_SD = (float) (1 / Math.sqrt(21845.0));
    private final SrgbCurve srgb;
    private final boolean vector;
    /** Light reaching the sensor per pixel (scene light level times the vignetting's falloff). */
    private float[] level = new float[0];
    private float[] dirtRow = new float[0];
    /** u times the golden gamma per column (see {@link #hashRow}). */
    private int[] columnKey = new int[0];
    private float levelFilled = Float.NaN;

    /** @param vector run the noisy exposure with {@link SensorVector} (only where {@link SceneRow#vectorApiUsable}) */
    SensorRow(SrgbCurve srgb, boolean vector) {
        this.srgb = srgb;
        this.vector = vector;
    }

    /** Call once a frame before the rows: sizes the buffers (allocates only when the width changes). */
    void startFrame(int w) {
        if (level.length != w) {
            level = new float[w];
            dirtRow = new float[w];
            columnKey = new int[w];
            for (int u = 0; u < w; u++) {
                columnKey[u] = u * GOLDEN_GAMMA_32;
            }
        }
        levelFilled = Float.NaN;
    }

    /** Row v of {@code row} to rgb8 in out; dirtMask: the lens dirt's opacity per pixel (read only where f.dirt). */
    void compute(FrameConstants f, float[] dirtMask, int v, PlanarRow row, byte[] out) {
        int w = f.w;
        float[] r = row.r, g = row.g, b = row.b;
        if (f.dirt) {
            float dk = f.dk, glow = f.glow;
            float[] mask = dirtRow;
            System.arraycopy(dirtMask, v * w, mask, 0, w);   // indexed from 0 below, so the loop vectorises
            for (int u = 0; u < w; u++) {
                float m = dk * mask[u];
                float keep = 1 - 0.7f * m;
                float add = m * glow;
                r[u] = r[u] * keep + add;
                g[u] = g[u] * keep + add;
                b[u] = b[u] * keep + add;
            }
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
            // A counter-based generator: pixel p's bits are a hash of (frame key, channel, p), so no state runs from
            // pixel to pixel and every pixel's noise is fixed by the seed alone. Each channel has its own key (three
            // 32-bit words of the frame's 64-bit key, mixed again for the third), so the channels are independent.
            int rowKey = v * w * GOLDEN_GAMMA_32;
            long key = f.noiseKey;
            int keyR = rowKey ^ (int) key, keyG = rowKey ^ (int) (key >>> 32), keyB = rowKey ^ (int) FrameConstants.mix64(key);
            if (vector) {
                SensorVector.noisy(r, g, b, lw, columnKey, keyR, keyG, keyB, f.a, f.b, f.gr, f.gg, f.gb, w);
            } else {
                noisyPlane(r, lw, columnKey, keyR, f.a, f.b, f.gr, w);
                noisyPlane(g, lw, columnKey, keyG, f.a, f.b, f.gg, w);
                noisyPlane(b, lw, columnKey, keyB, f.a, f.b, f.gb, w);
            }
        } else {
            clean(r, lw, f.gr, w);
            clean(g, lw, f.gg, w);
            clean(b, lw, f.gb, w);
        }
        srgb.storeCells(r, g, b, w, out, 3 * v * w);
    }

    /** The scalar path of {@link SensorVector#noisy}: one plane, pixel by pixel ({@link #noisyCell}). */
    private static void noisyPlane(float[] x, float[] level, int[] columnKey, int key, float a, float noiseB, float gain, int w) {
        for (int u = 0; u < w; u++) {
            x[u] = noisyCell(x[u] * level[u], deviate(hash32(key + columnKey[u])), a, noiseB, gain);
        }
    }

    /**
     * A pixel's channel from its signal s = x level and deviate z: Poisson-Gaussian sigma(s) = sqrt(a s + b) at s
     * clamped to full scale (s &gt;= 0 holds: radiance is never negative), then saturation at full scale, the channel's
     * gain and the sRGB encode's cell ({@link SrgbCurve#cellPlusMagic}). {@link SensorVector} does the same in lanes.
     */
    static float noisyCell(float s, float z, float a, float noiseB, float gain) {
        float sigma = (float) Math.sqrt(Math.min(s, 1f) * a + noiseB);
        return SrgbCurve.cellPlusMagic(Math.min(s + sigma * z, 1f) * gain);
    }

    /**
     * Wellons's "lowbias32" (C. Wellons, "Prospecting for hash functions", 2018, nullprogram.com: xorshift 16,
     * multiply 0x7feb352d, xorshift 15, multiply 0x846ca68b, xorshift 16; a bijection, full avalanche, bias 0.17).
     */
    static int hash32(int x) {
        x ^= x >>> 16;
        x *= HASH_M1;
        x ^= x >>> 15;
        x *= HASH_M2;
        x ^= x >>> 16;
        return x;
    }

    /**
     * The standard deviate of a hash: its four bytes' sum, minus the mean 510, over the standard deviation sqrt(21845)
     * (see the class comment). The sum as two 16-bit pair sums and then one add; sum - 510 is exact in a float.
     */
    static float deviate(int h) {
        int pairs = (h & 0x00FF00FF) + ((h >>> 8) & 0x00FF00FF);
        int sum = (pairs & 0xFFFF) + (pairs >>> 16);
        return (Float.intBitsToFloat(sum | TWO_23_BITS) - TWO_23_PLUS_MEAN) * INV_SD;
    }

    /**
     * h[u] = hash32(rowKey + columnKey[u]) with rowKey = (v w gamma) xor the channel's key and columnKey[u] = u gamma
     * (gamma = {@link #GOLDEN_GAMMA_32}): within a row a bijection of u, different for every (row, key); the pass's
     * per-pixel hashes, as a loop for {@code NoiseHashTest}.
     */
    static void hashRow(int[] columnKey, int rowKey, int[] h, int w) {
        for (int u = 0; u < w; u++) {
            h[u] = hash32(rowKey + columnKey[u]);
        }
    }

    /** One plane without noise: signal times the channel's gain, then the sRGB encode's cell, in place. */
    private static void clean(float[] x, float[] level, float gain, int w) {
        for (int u = 0; u < w; u++) {
            x[u] = SrgbCurve.cellPlusMagic(x[u] * level[u] * gain);
        }
    }
}
