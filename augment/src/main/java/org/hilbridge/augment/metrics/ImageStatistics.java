package org.hilbridge.augment.metrics;

import java.util.List;

/**
 * Handcrafted statistics of one image, the feature space of the realism metrics (no learned network):
 * <ul>
 * <li>colour moments: mean, standard deviation and skewness of each sRGB channel (Stricker and Orengo,
 * "Similarity of color images", SPIE 2420, 1995): 9 numbers;
 * <li>gradient histogram: the share of the luminance's Sobel gradient energy in each of 8 orientation bins
 * (a global HOG, Dalal and Triggs, CVPR 2005), and the log of the mean gradient magnitude: 9 numbers;
 * <li>spectral slope: the slope of log power against log spatial frequency of the radially averaged power
 * spectrum of the (Hann-windowed, 128 x 128 resampled) luminance; natural photographs are near -2 (Field,
 * JOSA A 4(12), 1987; van der Schaaf and van Hateren, Vision Research 36(17), 1996): 1 number;
 * <li>noise residual: log of Immerkaer's noise sigma ({@link NoiseEstimate}): 1 number.
 * </ul>
 */
public final class ImageStatistics {
    public static final List<String> NAMES = List.of("mean_r", "mean_g", "mean_b", "std_r", "std_g", "std_b", "skew_r", "skew_g", "skew_b",
            "grad_0", "grad_22", "grad_45", "grad_67", "grad_90", "grad_112", "grad_135", "grad_157", "log_grad_mean",
            "spectral_slope", "log_noise_sigma");
    static final int SPECTRUM_SIZE = 128;

    private ImageStatistics() {
    }

    /** The {@link #NAMES} features of an rgb8 image, width x height. */
    public static double[] of(int w, int h, byte[] rgb) {
        double[] f = new double[NAMES.size()];
        int n = w * h;
        float[] lum = new float[n];
        double[] sum = new double[3], sq = new double[3], cube = new double[3];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) {
                double x = (rgb[3 * p + c] & 0xFF) / 255.0;
                sum[c] += x;
            }
            lum[p] = 0.299f * (rgb[3 * p] & 0xFF) + 0.587f * (rgb[3 * p + 1] & 0xFF) + 0.114f * (rgb[3 * p + 2] & 0xFF);
        }
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) {
                double d = (rgb[3 * p + c] & 0xFF) / 255.0 - sum[c] / n;
                sq[c] += d * d;
                cube[c] += d * d * d;
            }
        }
        for (int c = 0; c < 3; c++) {
            double sd = Math.sqrt(sq[c] / n);
            f[c] = sum[c] / n;
            f[3 + c] = sd;
            f[6 + c] = sd > 1e-9 ? cube[c] / n / (sd * sd * sd) : 0;
        }
        double[] bins = new double[8];
        double magnitude = 0;
        for (int v = 1; v < h - 1; v++) {
            for (int u = 1; u < w - 1; u++) {
                int p = v * w + u;
                double gx = (lum[p - w + 1] + 2 * lum[p + 1] + lum[p + w + 1]) - (lum[p - w - 1] + 2 * lum[p - 1] + lum[p + w - 1]);
                double gy = (lum[p + w - 1] + 2 * lum[p + w] + lum[p + w + 1]) - (lum[p - w - 1] + 2 * lum[p - w] + lum[p - w + 1]);
                double m = Math.sqrt(gx * gx + gy * gy);
                double angle = Math.atan2(gy, gx);   // orientation modulo pi, 8 bins of 22.5 degrees
                if (angle < 0) {
                    angle += Math.PI;
                }
                bins[Math.min(7, (int) (angle / Math.PI * 8))] += m;
                magnitude += m;
            }
        }
        for (int k = 0; k < 8; k++) {
            f[9 + k] = magnitude > 0 ? bins[k] / magnitude : 0;
        }
        int inner = Math.max(1, (w - 2) * (h - 2));
        f[17] = Math.log(1 + magnitude / inner);
        f[18] = spectralSlope(lum, w, h);
        f[19] = Math.log(1e-3 + Math.sqrt(NoiseEstimate.variance(lum, w, h)));
        return f;
    }

    /** Least-squares slope of log radial power on log frequency, frequencies 2 to 48 cycles per 128 samples. */
    static double spectralSlope(float[] lum, int w, int h) {
        int s = SPECTRUM_SIZE;
        double[] re = new double[s * s], im = new double[s * s];
        double mean = 0;
        for (int j = 0; j < s; j++) {
            for (int i = 0; i < s; i++) {
                double x = lum[Math.min(h - 1, j * h / s) * w + Math.min(w - 1, i * w / s)];
                re[j * s + i] = x;
                mean += x;
            }
        }
        mean /= s * s;
        for (int j = 0; j < s; j++) {
            double wj = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / (s - 1));
            for (int i = 0; i < s; i++) {
                double wi = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (s - 1));
                re[j * s + i] = (re[j * s + i] - mean) * wi * wj;   // Hann window against edge leakage
            }
        }
        Fft.transform2d(re, im, s);
        double[] power = new double[s];
        int[] count = new int[s];
        for (int j = 0; j < s; j++) {
            int fy = j <= s / 2 ? j : j - s;
            for (int i = 0; i < s; i++) {
                int fx = i <= s / 2 ? i : i - s;
                int r = (int) Math.round(Math.sqrt(fx * fx + fy * fy));
                if (r < s) {
                    power[r] += re[j * s + i] * re[j * s + i] + im[j * s + i] * im[j * s + i];
                    count[r]++;
                }
            }
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int r = 2; r <= 48; r++) {
            if (count[r] == 0 || power[r] <= 0) {
                continue;
            }
            double x = Math.log(r), y = Math.log(power[r] / count[r]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            m++;
        }
        return m < 2 ? 0 : (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }
}
