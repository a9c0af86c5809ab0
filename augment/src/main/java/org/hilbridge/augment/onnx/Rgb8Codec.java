package org.hilbridge.augment.onnx;

/**
 * The conversion between an sRGB code (0-255) and a model's normalised float, per channel c, with mean m_c and
 * standard deviation s_c (augment.onnx.mean, std): in, x = code a_c + b_c with a_c = 1 / (255 s_c) and
 * b_c = -m_c / s_c, i.e. (code / 255 - m_c) / s_c; out, code = clamp(trunc(y k_c + o_c), 0, 255) with
 * k_c = 255 s_c and o_c = 255 m_c + 0.5 (the + 0.5 makes truncation round to nearest for y k_c + 255 m_c
 * &gt;= -0.5). Every constant is a float and every step one float operation (a multiply, then an add, each
 * rounded: Java's float arithmetic and ONNX Runtime's Mul and Add alike, IEEE 754 binary32), so the Java path of
 * {@link OnnxBackend} and the nodes {@link Rgb8Folding} adds to a model give the same codes.
 */
record Rgb8Codec(float[] inScale, float[] inOffset, float[] outScale, float[] outOffset) {
    static Rgb8Codec of(double[] mean, double[] std) {
        float[] a = new float[3], b = new float[3], k = new float[3], o = new float[3];
        for (int c = 0; c < 3; c++) {
            a[c] = (float) (1 / (255 * std[c]));
            b[c] = (float) (-mean[c] / std[c]);
            k[c] = (float) (255 * std[c]);
            o[c] = (float) (255 * mean[c] + 0.5);
        }
        return new Rgb8Codec(a, b, k, o);
    }

    /** The model's input for a code in channel c: one float multiply, one float add (as the folded Mul, Add). */
    float input(int c, int code) {
        return (float) code * inScale[c] + inOffset[c];
    }

    /** Per channel and code, {@link #input}: the Java path's table. */
    float[][] inputTable() {
        float[][] table = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int code = 0; code < 256; code++) {
                table[c][code] = input(c, code);
            }
        }
        return table;
    }
}
