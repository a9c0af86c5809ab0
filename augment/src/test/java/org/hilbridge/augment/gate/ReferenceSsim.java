package org.hilbridge.augment.gate;

import org.hilbridge.augment.metrics.NoiseEstimate;

/** Ssim as first written (commit 7ba27b7): the reference for the fast {@link Ssim} (GateEquivalenceTest). Do not optimise. */
final class ReferenceSsim {
    /**
     * @param mean           mean SSIM
     * @param structure      variance-weighted mean of the structure term
     * @param worstTile      the lowest tile structure
     */
    record Result(double mean, double structure, double worstTile) {
    }

    /** Floor under the augmented image's local variance in the structure term, code units squared. */
    static final double STRUCTURE_FLOOR = Ssim.STRUCTURE_FLOOR;
    private static final double C1 = (0.01 * 255) * (0.01 * 255);
    private static final double C2 = (0.03 * 255) * (0.03 * 255);
    static final double WINDOW_SIGMA_PX = Ssim.WINDOW_SIGMA_PX;

    private float[] a, b, aa, bb, ab, t, line;
    private float[] columnSums = new float[0];
    private float[] ring = new float[0];
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
            line = new float[Math.max(w, h) + 2];
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
        double[] tileSum = new double[tiles * tiles];
        double[] tileWeight = new double[tiles * tiles];
        double sum = 0, structureSum = 0, weightSum = 0;
        for (int v = 0, p = 0; v < h; v++) {
            int ty = v * tiles / h;
            for (int u = 0; u < w; u++, p++) {
                double ma = a[p], mb = b[p];
                double va = Math.max(0, aa[p] - ma * ma), vb = Math.max(0, bb[p] - mb * mb), cov = ab[p] - ma * mb;
                double s = (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
                sum += s;
                // Structure: correlation of the two, weighted by the raw image's local variance.
                double st = Math.max(-1, Math.min(1, cov / Math.sqrt(va * (Math.max(0, vb - addedNoise) + STRUCTURE_FLOOR) + 1e-12)));
                structureSum += va * st;
                weightSum += va;
                int tile = ty * tiles + u * tiles / w;
                tileSum[tile] += va * st;
                tileWeight[tile] += va;
            }
        }
        double worst = 1;
        double meanWeight = weightSum / (tiles * tiles);
        for (int i = 0; i < tileSum.length; i++) {
            if (tileWeight[i] > 0.05 * meanWeight) {   // a tile with almost no raw structure (sky) has nothing to lose
                worst = Math.min(worst, tileSum[i] / tileWeight[i]);
            }
        }
        return new Result(sum / n, weightSum > 0 ? structureSum / weightSum : 1, worst);
    }

    /** 2 x 2 means (an odd last row or column is dropped). */
    static void halve(float[] src, int fullW, int fullH, float[] dst, int w, int h) {
        if (fullW < 2 || fullH < 2) {
            System.arraycopy(src, 0, dst, 0, Math.min(src.length, dst.length));
            return;
        }
        for (int v = 0; v < h; v++) {
            int r0 = 2 * v * fullW, r1 = r0 + fullW;
            for (int u = 0; u < w; u++) {
                int x = 2 * u;
                dst[v * w + u] = 0.25f * (src[r0 + x] + src[r0 + x + 1] + src[r1 + x] + src[r1 + x + 1]);
            }
        }
    }

    /**
     * A Gaussian of the given sigma by three box passes along rows and three along columns, in place. A box of
     * half-width r has variance r(r + 1)/3; three of them r(r + 1), so r = round((sqrt(1 + 4 sigma^2) - 1) / 2),
     * with the remaining variance (if the rounding left some) ignored.
     */
    private void gaussian(float[] img, int w, int h, double sigma) {
        int r = (int) Math.max(0, Math.round((Math.sqrt(1 + 4 * sigma * sigma) - 1) / 2));
        if (r == 0) {
            return;
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int v = 0; v < h; v++) {
                box(img, v * w, 1, w, r);
            }
            boxColumns(img, w, h, r);
        }
    }

    /** Box filter of half-width r down every column at once, row by row with a running sum per column (memory in order). */
    private void boxColumns(float[] img, int w, int h, int r) {
        if (columnSums.length != w) {
            columnSums = new float[w];
        }
        float[] sum = columnSums;
        java.util.Arrays.fill(sum, 0);
        for (int k = -r; k <= r; k++) {
            int row = w * Math.max(0, Math.min(h - 1, k));
            for (int u = 0; u < w; u++) {
                sum[u] += img[row + u];
            }
        }
        float inv = 1f / (2 * r + 1);
        // Rows leave the window r + 1 rows behind the one written: keep the last r + 1 original rows in a ring.
        int ringRows = r + 1;
        if (ring.length != ringRows * w) {
            ring = new float[ringRows * w];
        }
        for (int v = 0; v < h; v++) {
            int out = v * w;
            System.arraycopy(img, out, ring, (v % ringRows) * w, w);
            int enter = w * Math.min(h - 1, v + r + 1);
            int leaveRow = v - r;
            for (int u = 0; u < w; u++) {
                float leaving = leaveRow < 0 ? ring[0 * w + u] : ring[(leaveRow % ringRows) * w + u];
                img[out + u] = sum[u] * inv;
                sum[u] += img[enter + u] - leaving;
            }
        }
    }

    /** Box filter of half-width r along one line (start, stride, length), clamped at the ends, in place. */
    private void box(float[] img, int start, int stride, int length, int r) {
        float[] l = line;
        for (int i = 0; i < length; i++) {
            l[i] = img[start + i * stride];
        }
        float inv = 1f / (2 * r + 1);
        float sum = 0;
        for (int k = -r; k <= r; k++) {
            sum += l[Math.max(0, Math.min(length - 1, k))];
        }
        for (int i = 0; i < length; i++) {
            img[start + i * stride] = sum * inv;
            sum += l[Math.min(length - 1, i + r + 1)] - l[Math.max(0, i - r)];
        }
    }
}
