package org.hilbridge.augment.photometric;

/**
 * Compression artefacts as baseline JPEG makes them (ITU-T T.81 | ISO/IEC 10918-1): JFIF YCbCr (full range,
 * no chroma subsampling), 8 x 8 forward DCT-II of the level-shifted samples, quantisation by the Annex K
 * example tables scaled to a quality as the IJG library does (scale = 5000 / q below 50, 200 - 2q above;
 * entries (t scale + 50) / 100 clamped to [1, 255]), dequantisation, inverse DCT, back to RGB. Blocks at the
 * right and bottom edges read clamped pixels and write only inside the image. In place on rgb8.
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

    /** c[k][x] = C(k)/2 cos((2x + 1) k pi / 16): the orthonormal 8-point DCT-II basis. */
    private final float[] basis = new float[64];
    private final float[] qLuma = new float[64];
    private final float[] qChroma = new float[64];
    private int quality = -1;
    private final float[][] planes = {new float[64], new float[64], new float[64]};
    private final float[] tmp = new float[64];

    BlockDct() {
        for (int k = 0; k < 8; k++) {
            double ck = k == 0 ? Math.sqrt(0.125) : 0.5;
            for (int x = 0; x < 8; x++) {
                basis[8 * k + x] = (float) (ck * Math.cos((2 * x + 1) * k * Math.PI / 16));
            }
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
        }
        quality = q;
    }

    void quantise(int w, int h, int q, byte[] rgb) {
        tables(q);
        float[] y = planes[0], cb = planes[1], cr = planes[2];
        for (int by = 0; by < h; by += 8) {
            for (int bx = 0; bx < w; bx += 8) {
                for (int j = 0; j < 8; j++) {
                    int v = Math.min(h - 1, by + j);
                    for (int i = 0; i < 8; i++) {
                        int u = Math.min(w - 1, bx + i);
                        int o = 3 * (v * w + u);
                        float r = rgb[o] & 0xFF, g = rgb[o + 1] & 0xFF, b = rgb[o + 2] & 0xFF;
                        // JFIF (ITU-T T.871) YCbCr, level-shifted by -128.
                        y[8 * j + i] = 0.299f * r + 0.587f * g + 0.114f * b - 128;
                        cb[8 * j + i] = -0.168736f * r - 0.331264f * g + 0.5f * b;
                        cr[8 * j + i] = 0.5f * r - 0.418688f * g - 0.081312f * b;
                    }
                }
                roundTrip(y, qLuma);
                roundTrip(cb, qChroma);
                roundTrip(cr, qChroma);
                for (int j = 0; j < 8 && by + j < h; j++) {
                    for (int i = 0; i < 8 && bx + i < w; i++) {
                        int o = 3 * ((by + j) * w + bx + i);
                        float yy = y[8 * j + i] + 128, b1 = cb[8 * j + i], r1 = cr[8 * j + i];
                        rgb[o] = toByte(yy + 1.402f * r1);
                        rgb[o + 1] = toByte(yy - 0.344136f * b1 - 0.714136f * r1);
                        rgb[o + 2] = toByte(yy + 1.772f * b1);
                    }
                }
            }
        }
    }

    /** Forward DCT, quantise, dequantise, inverse DCT, in place: F = C X C^T, X = C^T F C. */
    private void roundTrip(float[] x, float[] table) {
        float[] c = basis;
        for (int k = 0; k < 8; k++) {          // tmp = C X (columns transformed)
            for (int i = 0; i < 8; i++) {
                float s = 0;
                for (int j = 0; j < 8; j++) {
                    s += c[8 * k + j] * x[8 * j + i];
                }
                tmp[8 * k + i] = s;
            }
        }
        for (int k = 0; k < 8; k++) {          // F = tmp C^T, quantised
            for (int l = 0; l < 8; l++) {
                float s = 0;
                for (int i = 0; i < 8; i++) {
                    s += tmp[8 * k + i] * c[8 * l + i];
                }
                float qv = table[8 * k + l];
                x[8 * k + l] = Math.round(s / qv) * qv;
            }
        }
        for (int j = 0; j < 8; j++) {          // tmp = C^T F
            for (int l = 0; l < 8; l++) {
                float s = 0;
                for (int k = 0; k < 8; k++) {
                    s += c[8 * k + j] * x[8 * k + l];
                }
                tmp[8 * j + l] = s;
            }
        }
        for (int j = 0; j < 8; j++) {          // X = tmp C
            for (int i = 0; i < 8; i++) {
                float s = 0;
                for (int l = 0; l < 8; l++) {
                    s += tmp[8 * j + l] * c[8 * l + i];
                }
                x[8 * j + i] = s;
            }
        }
    }

    private static byte toByte(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : (i > 255 ? 255 : i));
    }
}
