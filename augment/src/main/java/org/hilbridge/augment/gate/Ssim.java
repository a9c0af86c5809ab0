package org.hilbridge.augment.gate;

/**
 * SSIM of two luminance images after a Gaussian blur of each (Wang, Bovik, Sheikh, Simoncelli, "Image quality
 * assessment: from error visibility to structural similarity", IEEE TIP 13(4), 2004): local statistics under
 * a Gaussian window of sigma 1.5 px (11 taps), C1 = (0.01 x 255)^2, C2 = (0.03 x 255)^2; the SSIM map's mean.
 *
 * <p>SSIM's luminance and contrast terms fall under every legitimate appearance change (fog lowers contrast
 * by design), so the gate leans on a structure term instead: the local correlation of the two blurred images,
 * cov / sqrt(var_raw (var_aug + floor)), which a locally affine change of brightness (fog, exposure,
 * vignetting, white balance on luma) leaves at 1, averaged with the raw image's local variance as weight (flat
 * areas hold no geometry to lose). Unlike SSIM's own structure term (with C3 in numerator and denominator),
 * it falls to 0 where textured raw content was painted flat, and to the lagged autocorrelation where content
 * moved. The variance floor keeps 8-bit quantisation of a faint (foggy) texture from counting as a loss.
 * Reported: the image's weighted mean and the lowest of a tiles x tiles grid's.
 */
final class Ssim {
    /**
     * @param mean           mean SSIM
     * @param structure      variance-weighted mean of the structure term (see {@link Ssim})
     * @param worstTile      the lowest tile structure
     */
    record Result(double mean, double structure, double worstTile) {
    }

    /** Floor under the augmented image's local variance in the structure term, code units squared. */
    static final double STRUCTURE_FLOOR = 0.25;

    private static final double C1 = (0.01 * 255) * (0.01 * 255);
    private static final double C2 = (0.03 * 255) * (0.03 * 255);
    private static final float[] WINDOW = gaussian(1.5, 5);

    private float[] a, b, aa, bb, ab, t;
    private int size = -1;

    Result compute(float[] lumA, float[] lumB, int w, int h, double blurSigma, int tiles) {
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
        System.arraycopy(lumA, 0, a, 0, n);
        System.arraycopy(lumB, 0, b, 0, n);
        if (blurSigma > 0) {
            float[] k = gaussian(blurSigma, (int) Math.ceil(3 * blurSigma));
            blur(a, w, h, k);
            blur(b, w, h, k);
        }
        for (int p = 0; p < n; p++) {
            aa[p] = a[p] * a[p];
            bb[p] = b[p] * b[p];
            ab[p] = a[p] * b[p];
        }
        blur(a, w, h, WINDOW);
        blur(b, w, h, WINDOW);
        blur(aa, w, h, WINDOW);
        blur(bb, w, h, WINDOW);
        blur(ab, w, h, WINDOW);
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
                double st = cov / Math.sqrt(va * (vb + STRUCTURE_FLOOR) + 1e-12);
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

    /** Separable blur in place with edge clamping. */
    private void blur(float[] img, int w, int h, float[] k) {
        int r = k.length / 2;
        for (int v = 0; v < h; v++) {
            int row = v * w;
            for (int u = 0; u < w; u++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    int x = u + i;
                    s += k[i + r] * img[row + (x < 0 ? 0 : (x >= w ? w - 1 : x))];
                }
                t[row + u] = s;
            }
        }
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    int y = v + i;
                    s += k[i + r] * t[(y < 0 ? 0 : (y >= h ? h - 1 : y)) * w + u];
                }
                img[v * w + u] = s;
            }
        }
    }

    static float[] gaussian(double sigma, int radius) {
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
        return k;
    }
}
