package org.hilbridge.augment.metrics;

/**
 * Variance of the white noise in a grey image by Immerkaer's estimator ("Fast noise variance estimation",
 * Computer Vision and Image Understanding 64(2), 1996): sigma = sqrt(pi / 2) / (6 (W - 2)(H - 2)) sum |I * N|
 * with N = [1 -2 1; -2 4 -2; 1 -2 1], a mask that cancels the image's own structure up to second order.
 */
public final class NoiseEstimate {
    private NoiseEstimate() {
    }

    public static double variance(float[] img, int w, int h) {
        if (w < 3 || h < 3) {
            return 0;
        }
        double sum = 0;
        for (int v = 1; v < h - 1; v++) {
            int up = (v - 1) * w, row = v * w, dn = (v + 1) * w;
            for (int u = 1; u < w - 1; u++) {
                float e = img[up + u - 1] - 2 * img[up + u] + img[up + u + 1]
                        - 2 * img[row + u - 1] + 4 * img[row + u] - 2 * img[row + u + 1]
                        + img[dn + u - 1] - 2 * img[dn + u] + img[dn + u + 1];
                sum += Math.abs(e);
            }
        }
        double sigma = Math.sqrt(Math.PI / 2) * sum / (6.0 * (w - 2) * (h - 2));
        return sigma * sigma;
    }
}
