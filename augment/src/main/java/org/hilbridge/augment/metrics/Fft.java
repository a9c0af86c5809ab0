package org.hilbridge.augment.metrics;

/** In-place radix-2 Cooley-Tukey FFT (Cooley and Tukey, Math. Comp. 19, 1965) of a square power-of-two array, rows then columns. */
final class Fft {
    private Fft() {
    }

    static void transform2d(double[] re, double[] im, int n) {
        double[] r = new double[n], i = new double[n];
        for (int row = 0; row < n; row++) {
            System.arraycopy(re, row * n, r, 0, n);
            System.arraycopy(im, row * n, i, 0, n);
            transform(r, i);
            System.arraycopy(r, 0, re, row * n, n);
            System.arraycopy(i, 0, im, row * n, n);
        }
        for (int col = 0; col < n; col++) {
            for (int k = 0; k < n; k++) {
                r[k] = re[k * n + col];
                i[k] = im[k * n + col];
            }
            transform(r, i);
            for (int k = 0; k < n; k++) {
                re[k * n + col] = r[k];
                im[k * n + col] = i[k];
            }
        }
    }

    static void transform(double[] re, double[] im) {
        int n = re.length;
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length " + n + " is not a power of two");
        }
        for (int i = 1, j = 0; i < n; i++) {   // bit-reversal permutation
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wr = Math.cos(angle), wi = Math.sin(angle);
            for (int start = 0; start < n; start += len) {
                double cr = 1, ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = start + k, b = a + len / 2;
                    double tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
    }
}
