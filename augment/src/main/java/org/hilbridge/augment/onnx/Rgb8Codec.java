package org.hilbridge.augment.onnx;

/**
 * The conversion between an sRGB code (0-255) and a model's normalised float, per channel c, with mean m_c and
 * standard deviation s_c (augment.onnx.mean, std).
 *
 * <p>In: x = code a_c + b_c with a_c = 1 / (255 s_c) and b_c = -m_c / s_c, i.e. (code / 255 - m_c) / s_c.
 *
 * <p>Out, the inverse code = 255 (y s_c + m_c), saturated to 0..255 and rounded half to even, as ONNX's
 * QuantizeLinear does (Operators.md, QuantizeLinear: "y = saturate(round(x / y_scale) + y_zero_point)", "rounding
 * to nearest ties to even"; ONNX Runtime's CPU kernel, mlas/lib/quantize.cpp, divides by the scale, clamps to the
 * range in float and converts with round-to-nearest-even), so that the folded model can end in that one kernel:
 * <ul>
 * <li>all means 0: code = round(y / q_c) with q_c = 1 / (255 s_c), QuantizeLinear's own division;</li>
 * <li>otherwise: code = round(y k_c + o_c) with k_c = 255 s_c and o_c = 255 m_c. QuantizeLinear's zero point is an
 * integer, so it could hold o_c exactly only where 255 m_c is integral (ImageNet's 255 x 0.485 = 123.675 is
 * not): the multiply-add is its own step, then a QuantizeLinear with scale 1.</li>
 * </ul>
 * Every constant is a float and every step one IEEE 754 binary32 operation (a division; or a multiply, then an
 * add, each rounded), in Java and in ONNX Runtime's Div, Mul, Add, BatchNormalization and QuantizeLinear alike,
 * so the Java path of {@link OnnxBackend} and the nodes {@link Rgb8Folding} adds to a model give the same codes.
 */
record Rgb8Codec(float[] inScale, float[] inOffset, boolean outMeanZero, float[] outQuantum, float[] outScale, float[] outOffset) {
    static Rgb8Codec of(double[] mean, double[] std) {
        float[] a = new float[3], b = new float[3], q = new float[3], k = new float[3], o = new float[3];
        boolean meanZero = true;
        for (int c = 0; c < 3; c++) {
            a[c] = (float) (1 / (255 * std[c]));
            b[c] = (float) (-mean[c] / std[c]);
            q[c] = (float) (1 / (255 * std[c]));
            k[c] = (float) (255 * std[c]);
            o[c] = (float) (255 * mean[c]);
            meanZero &= mean[c] == 0;
        }
        return new Rgb8Codec(a, b, meanZero, q, k, o);
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

    /** The code for the model's output y in channel c (the class comment's formula). */
    int output(int c, float y) {
        return code(outMeanZero ? y / outQuantum[c] : y * outScale[c] + outOffset[c]);
    }

    /**
     * QuantizeLinear's last steps with zero point 0 on a uint8: clamp to [0, 255] in float, then round half to even
     * (Math.rint). As in ONNX Runtime's kernel a NaN gives 0 (there MAXPS returns its second operand for a NaN; here
     * the clamp keeps the NaN and (int) NaN is 0); clamping first or last is the same, the bounds being integers.
     */
    static int code(float v) {
        return (int) Math.rint(Math.min(Math.max(v, 0f), 255f));
    }
}
