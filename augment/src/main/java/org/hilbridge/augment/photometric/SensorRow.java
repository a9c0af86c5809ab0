package org.hilbridge.augment.photometric;

/**
 * Stage 4 of the chain for one row: from scene radiance (a {@link PlanarRow}, overwritten: it is scratch) to rgb8
 * through the lens and the sensor (see {@link PhotometricBackend} for the physics and its sources): lens dirt,
 * vignetting, light level, exposure, white balance, Poisson-Gaussian noise, saturation, sRGB encode.
 *
 * <p>Each effect is a short loop over the row's planes with no call, branch or table look-up inside, so C2's
 * superword pass vectorises it; the noise deviates' table look-up runs in a loop of its own (after a vectorised
 * counter hash), the sRGB encode's cell index ({@link SrgbCurve#cellPlusMagic}) is computed in the last arithmetic
 * loop of each plane, and the encode's table look-up and interleaving store ({@link SrgbCurve#storeCells}) are the
 * last, scalar loop. Holds its row buffers between frames;
 * one thread at a time.
 */
final class SensorRow {
    /** 2^32 / golden ratio, odd: spreads neighbouring pixel counters over the hash's input (Knuth's multiplicative hashing). */
    static final int GOLDEN_GAMMA_32 = 0x9E3779B9;
    /** Bits of one channel's table index: three fields of the pixel's 32-bit hash. */
    private static final int INDEX_BITS = Integer.numberOfTrailingZeros(GaussianTable.SIZE);
    /** The middle field's shift: bits 11..20 for 10-bit indices (three disjoint fields need INDEX_BITS &lt;= 10). */
    private static final int MIDDLE_SHIFT = (32 - INDEX_BITS) / 2;
    private final SrgbCurve srgb;
    private final GaussianTable gauss;
    /** Light reaching the sensor per pixel (scene light level times the vignetting's falloff), and the noise deviates. */
    private float[] level = new float[0];
    private float[] zr = new float[0];
    private float[] zg = new float[0];
    private float[] zb = new float[0];
    private float[] dirtRow = new float[0];
    /** The row's noise hashes (one a pixel) and u times the golden gamma per column (see {@link #hashRow}). */
    private int[] hashes = new int[0];
    private int[] columnKey = new int[0];
    private float levelFilled = Float.NaN;

    SensorRow(SrgbCurve srgb, GaussianTable gauss) {
        this.srgb = srgb;
        this.gauss = gauss;
    }

    /** Call once a frame before the rows: sizes the buffers (allocates only when the width changes). */
    void startFrame(int w) {
        if (level.length != w) {
            level = new float[w];
            zr = new float[w];
            zg = new float[w];
            zb = new float[w];
            dirtRow = new float[w];
            hashes = new int[w];
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
            float[] nr = zr, ng = zg, nb = zb;
            // A counter-based generator: pixel p's bits are a hash of (frame key, p), so no state runs from pixel to
            // pixel and every pixel's noise is fixed by the seed alone. In 32-bit ints the hash loop vectorises (C2 has
            // vector int multiply, shift and xor; a 64-bit multiply has no AVX2 form); only the table look-up below stays
            // scalar. One hash a pixel gives the three channels' indices from disjoint bit fields (31..22, 20..11, 9..0;
            // every output bit of the hash is balanced and avalanches, NoiseHashTest), so the channels are independent.
            int rowKey = v * w * GOLDEN_GAMMA_32;
            hashRow(columnKey, rowKey ^ f.noiseKey32, hashes, w);
            int[] hash = hashes;
            for (int u = 0; u < w; u++) {
                int h = hash[u];
                nr[u] = gauss.at(h >>> (32 - INDEX_BITS));
                ng[u] = gauss.at(h >>> MIDDLE_SHIFT);   // at() keeps the low INDEX_BITS bits
                nb[u] = gauss.at(h);
            }
            noisy(r, lw, nr, f.a, f.b, f.gr, w);
            noisy(g, lw, ng, f.a, f.b, f.gg, w);
            noisy(b, lw, nb, f.a, f.b, f.gb, w);
        } else {
            clean(r, lw, f.gr, w);
            clean(g, lw, f.gg, w);
            clean(b, lw, f.gb, w);
        }
        srgb.storeCells(r, g, b, w, out, 3 * v * w);
    }

    /**
     * One plane: signal s = x level; Poisson-Gaussian sigma(s) = sqrt(a s + b) at s clamped to full scale (s &gt;= 0
     * holds: radiance is never negative), then saturation at full scale, the channel's gain and the sRGB encode's
     * cell ({@link SrgbCurve#cellPlusMagic}), in place. Math.min, not a
     * ternary: C2 on JDK 17 vectorises the former (vminps) and leaves a loop with the latter scalar.
     */
    private static void noisy(float[] x, float[] level, float[] z, float a, float b, float gain, int w) {
        for (int u = 0; u < w; u++) {
            float s = x[u] * level[u];
            float sigma = (float) Math.sqrt(a * Math.min(s, 1f) + b);
            x[u] = SrgbCurve.cellPlusMagic(Math.min(s + sigma * z[u], 1f) * gain);
        }
    }

    /**
     * h[u] = hash32(rowKey + columnKey[u]) with rowKey = (v w gamma) xor the channel's key and columnKey[u] = u gamma
     * (gamma = {@link #GOLDEN_GAMMA_32}): within a row a bijection of u, different for every (row, key). hash32 is
     * Wellons's "lowbias32" (C. Wellons, "Prospecting for hash functions", 2018, nullprogram.com: xorshift 16,
     * multiply 0x7feb352d, xorshift 15, multiply 0x846ca68b, xorshift 16; full avalanche, bias 0.17).
     */
    static void hashRow(int[] columnKey, int rowKey, int[] h, int w) {
        for (int u = 0; u < w; u++) {
            int x = rowKey + columnKey[u];
            x ^= x >>> 16;
            x *= 0x7feb352d;
            x ^= x >>> 15;
            x *= 0x846ca68b;
            x ^= x >>> 16;
            h[u] = x;
        }
    }

    /** One plane without noise: signal times the channel's gain, then the sRGB encode's cell, in place. */
    private static void clean(float[] x, float[] level, float gain, int w) {
        for (int u = 0; u < w; u++) {
            x[u] = SrgbCurve.cellPlusMagic(x[u] * level[u] * gain);
        }
    }
}
