package org.hilbridge.augment.gate;

import org.hilbridge.augment.metrics.NoiseEstimate;

/**
 * SSIM of two luminance images after a Gaussian blur of each (Wang, Bovik, Sheikh, Simoncelli, "Image quality
 * assessment: from error visibility to structural similarity", IEEE TIP 13(4), 2004): local statistics under
 * a Gaussian window, C1 = (0.01 x 255)^2, C2 = (0.03 x 255)^2; the SSIM map's mean.
 *
 * <p>SSIM's luminance and contrast terms fall under every legitimate appearance change (fog lowers contrast
 * by design), so the gate leans on a structure term instead: the local correlation of the two blurred images,
 * cov / sqrt(var_raw (var_aug + floor)), which a locally affine change of brightness (fog, exposure,
 * vignetting, white balance on luma) leaves at 1, averaged with the raw image's local variance as weight (flat
 * areas hold no geometry to lose). Unlike SSIM's own structure term (with C3 in numerator and denominator),
 * it falls to 0 where textured raw content was painted flat, and to the lagged autocorrelation where content
 * moved. The variance floor keeps 8-bit quantisation of a faint (foggy) texture from counting as a loss, and
 * the white noise the augmentation added (sensor noise; estimated over the whole image, {@link NoiseEstimate})
 * is taken off the augmented image's local variance, since noise moves no geometry.
 * Reported: the image's weighted mean and the lowest of a tiles x tiles grid's.
 *
 * <p>Cost: everything after the blur is low-pass, so it runs at half resolution (2 x 2 means made by the gate, all lengths
 * halved for the blur's sigma; the window's is 1.5 half-resolution pixels, 3 of the full image, a little wider
 * than Wang et al.'s 1.5 so that a few samples of the half-resolution image fall in it), and every Gaussian is three passes
 * of a box filter of the same variance (Wells, "Efficient synthesis of Gaussian filters by cascaded uniform
 * filters", IEEE PAMI 8(2), 1986), a few additions a pixel whatever the sigma. The box filters write into a second
 * buffer instead of in place (no line copies), the rows four at a time (four running sums, independent chains of
 * additions the processor overlaps; each the same sequence of float additions as one row alone), the columns as
 * unit-stride loops over a row of running sums (vectorised by C2); the SSIM map's per-tile sums run in registers
 * along each tile's stretch of a row. Every sum keeps its order, so the results are the same doubles as one pass
 * per step (GateEquivalenceTest).
 */
final class Ssim {
    /**
     * @param mean           mean SSIM
     * @param structure      variance-weighted mean of the structure term
     * @param worstTile      the lowest tile structure
     */
    record Result(double mean, double structure, double worstTile) {
    }

    /** Floor under the augmented image's local variance in the structure term, code units squared. */
    static final double STRUCTURE_FLOOR = 0.25;
    private static final double C1 = (0.01 * 255) * (0.01 * 255);
    private static final double C2 = (0.03 * 255) * (0.03 * 255);
    static final double WINDOW_SIGMA_PX = 1.5;

    private float[] a, b, aa, bb, ab, t;
    private float[] columnSums = new float[0];
    /** Each column's tile index (u x tiles / w), for the width and tile count of the last frame. */
    private int[] tileColumn = new int[0];
    private int tileColumnTiles = -1;
    private double[] tileSum = new double[0];
    private double[] tileWeight = new double[0];
    private int size = -1;

    /**
     * @param halfA      the raw image's luminance at half resolution (2 x 2 means), w x h; not modified
     * @param halfB      the augmented image's, likewise
     * @param blurSigma  the blur before the statistics, in full-resolution pixels
     */
    Result compute(float[] halfA, float[] halfB, int w, int h, double blurSigma, int tiles) {
        int n = w * h;
        if (size != n) {
            a = new float[n];
            b = new float[n];
            aa = new float[n];
            bb = new float[n];
            ab = new float[n];
            t = new float[n];
            size = n;
        }
        System.arraycopy(halfA, 0, a, 0, n);
        System.arraycopy(halfB, 0, b, 0, n);
        if (blurSigma > 0) {
            gaussian(a, w, h, blurSigma / 2);
            gaussian(b, w, h, blurSigma / 2);
        }
        // Noise the augmentation added, as a variance: Immerkaer's estimate on each blurred image, the raw's taken off.
        double addedNoise = Math.max(0, NoiseEstimate.variance(b, w, h) - NoiseEstimate.variance(a, w, h));
        for (int p = 0; p < n; p++) {
            aa[p] = a[p] * a[p];
            bb[p] = b[p] * b[p];
            ab[p] = a[p] * b[p];
        }
        double window = WINDOW_SIGMA_PX;
        gaussian(a, w, h, window);
        gaussian(b, w, h, window);
        gaussian(aa, w, h, window);
        gaussian(bb, w, h, window);
        gaussian(ab, w, h, window);
        int tileCount = tiles * tiles;
        if (tileSum.length != tileCount) {
            tileSum = new double[tileCount];
            tileWeight = new double[tileCount];
        }
        java.util.Arrays.fill(tileSum, 0);
        java.util.Arrays.fill(tileWeight, 0);
        if (tileColumn.length != w || tileColumnTiles != tiles) {
            tileColumn = new int[w];
            for (int u = 0; u < w; u++) {
                tileColumn[u] = u * tiles / w;
            }
            tileColumnTiles = tiles;
        }
        double sum = 0, structureSum = 0, weightSum = 0;
        for (int v = 0; v < h; v++) {
            int tileRow = v * tiles / h * tiles;
            // Each tile's stretch of this row: its sums in registers, added in the same order as pixel by pixel.
            for (int u = 0; u < w; ) {
                int tile = tileRow + tileColumn[u];
                double ts = tileSum[tile], tw = tileWeight[tile];
                int end = u + 1;
                while (end < w && tileColumn[end] == tileColumn[u]) {
                    end++;
                }
                for (int p = v * w + u, stop = v * w + end; p < stop; p++) {
                    double ma = a[p], mb = b[p];
                    double va = Math.max(0, aa[p] - ma * ma), vb = Math.max(0, bb[p] - mb * mb), cov = ab[p] - ma * mb;
                    double s = (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
                    sum += s;
                    // Structure: correlation of the two, weighted by the raw image's local variance.
                    double st = Math.max(-1, Math.min(1, cov / Math.sqrt(va * (Math.max(0, vb - addedNoise) + STRUCTURE_FLOOR) + 1e-12)));
                    double weighted = va * st;
                    structureSum += weighted;
                    weightSum += va;
                    ts += weighted;
                    tw += va;
                }
                tileSum[tile] = ts;
                tileWeight[tile] = tw;
                u = end;
            }
        }
        double worst = 1;
        double meanWeight = weightSum / tileCount;
        for (int i = 0; i < tileCount; i++) {
            if (tileWeight[i] > 0.05 * meanWeight) {   // a tile with almost no raw structure (sky) has nothing to lose
                worst = Math.min(worst, tileSum[i] / tileWeight[i]);
            }
        }
        return new Result(sum / n, weightSum > 0 ? structureSum / weightSum : 1, worst);
    }

    /**
     * A Gaussian of the given sigma by three box passes along rows and three along columns, in place (through the
     * scratch buffer t). A box of half-width r has variance r(r + 1)/3; three of them r(r + 1), so
     * r = round((sqrt(1 + 4 sigma^2) - 1) / 2), with the remaining variance (if the rounding left some) ignored.
     */
    private void gaussian(float[] img, int w, int h, double sigma) {
        int r = (int) Math.max(0, Math.round((Math.sqrt(1 + 4 * sigma * sigma) - 1) / 2));
        if (r == 0) {
            return;
        }
        for (int pass = 0; pass < 3; pass++) {
            boxRows(img, t, w, h, r);
            boxColumns(t, img, w, h, r);
        }
    }

    /**
     * Box filter of half-width r along every row of src into dst, clamped at the ends: a running sum, started as the
     * sum of the window at the row's start and moved by (entering - leaving) a pixel. Four rows at a time: four
     * independent chains of additions.
     */
    private static void boxRows(float[] src, float[] dst, int w, int h, int r) {
        float inv = 1f / (2 * r + 1);
        // Pixels whose window needs no clamp: i - r >= 0 and i + r + 1 <= w - 1.
        int lo = Math.min(w, r), hi = Math.max(lo, w - r - 1);
        int v = 0;
        for (; v + 4 <= h; v += 4) {
            int o0 = v * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            float s0 = startSum(src, o0, w, r), s1 = startSum(src, o1, w, r), s2 = startSum(src, o2, w, r), s3 = startSum(src, o3, w, r);
            for (int i = 0; i < lo; i++) {
                int e = Math.min(w - 1, i + r + 1), l = Math.max(0, i - r);
                dst[o0 + i] = s0 * inv;
                s0 += src[o0 + e] - src[o0 + l];
                dst[o1 + i] = s1 * inv;
                s1 += src[o1 + e] - src[o1 + l];
                dst[o2 + i] = s2 * inv;
                s2 += src[o2 + e] - src[o2 + l];
                dst[o3 + i] = s3 * inv;
                s3 += src[o3 + e] - src[o3 + l];
            }
            for (int i = lo; i < hi; i++) {
                int e = i + r + 1, l = i - r;
                dst[o0 + i] = s0 * inv;
                s0 += src[o0 + e] - src[o0 + l];
                dst[o1 + i] = s1 * inv;
                s1 += src[o1 + e] - src[o1 + l];
                dst[o2 + i] = s2 * inv;
                s2 += src[o2 + e] - src[o2 + l];
                dst[o3 + i] = s3 * inv;
                s3 += src[o3 + e] - src[o3 + l];
            }
            for (int i = hi; i < w; i++) {
                int e = Math.min(w - 1, i + r + 1), l = Math.max(0, i - r);
                dst[o0 + i] = s0 * inv;
                s0 += src[o0 + e] - src[o0 + l];
                dst[o1 + i] = s1 * inv;
                s1 += src[o1 + e] - src[o1 + l];
                dst[o2 + i] = s2 * inv;
                s2 += src[o2 + e] - src[o2 + l];
                dst[o3 + i] = s3 * inv;
                s3 += src[o3 + e] - src[o3 + l];
            }
        }
        for (; v < h; v++) {
            int o = v * w;
            float s = startSum(src, o, w, r);
            for (int i = 0; i < w; i++) {
                dst[o + i] = s * inv;
                s += src[o + Math.min(w - 1, i + r + 1)] - src[o + Math.max(0, i - r)];
            }
        }
    }

    /** The running sum's start: the window around pixel 0 of the line at o, clamped, summed from its left end. */
    private static float startSum(float[] src, int o, int w, int r) {
        float s = 0;
        for (int k = -r; k <= r; k++) {
            s += src[o + Math.max(0, Math.min(w - 1, k))];
        }
        return s;
    }

    /** Box filter of half-width r down every column of src into dst, clamped: a running sum per column, row by row (memory in order). */
    private void boxColumns(float[] src, float[] dst, int w, int h, int r) {
        if (columnSums.length != w) {
            columnSums = new float[w];
        }
        float[] sum = columnSums;
        java.util.Arrays.fill(sum, 0);
        for (int k = -r; k <= r; k++) {
            int row = w * Math.max(0, Math.min(h - 1, k));
            for (int u = 0; u < w; u++) {
                sum[u] += src[row + u];
            }
        }
        float inv = 1f / (2 * r + 1);
        for (int v = 0; v < h; v++) {
            int out = v * w, enter = w * Math.min(h - 1, v + r + 1), leave = w * Math.max(0, v - r);
            for (int u = 0; u < w; u++) {
                dst[out + u] = sum[u] * inv;
                sum[u] += src[enter + u] - src[leave + u];
            }
        }
    }
}
