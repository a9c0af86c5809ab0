package org.hilbridge.augment.photometric;

/**
 * The sRGB transfer function (IEC 61966-2-1): decode 8-bit codes to linear light through a 256-entry table;
 * encode linear light to codes through a table indexed by the float's top bits (exponent and the first
 * {@value #MANTISSA_BITS} mantissa bits), so a look-up needs no branch, no multiply and no rounding. Immutable once built.
 *
 * <p>Encode accuracy: a cell spans a relative width of 2^-{@value #MANTISSA_BITS} of linear light, and the code moves by at most
 * 255 x 1.055 / 2.4 x 2^-{@value #MANTISSA_BITS} = 0.055 of a level across one (the curve's steepest slope
 * in log terms; the linear toe is flatter), so the table's code, the exact one at the cell's middle, is within
 * 0.53 of a level of the exact formula everywhere (pinned by SrgbCurveTest) and every decoded code encodes
 * back to itself. Linear light below 2^-13 (code 0.4, which rounds to 0) and above 1 saturates; NaN gives 0
 * or 255 by its sign bit.
 */
final class SrgbCurve {
    static final int MANTISSA_BITS = 11;
    private static final int SHIFT = 23 - MANTISSA_BITS;
    /** Bit patterns of the table's ends: 2^-13 and 1.0f. */
    private static final int LOW_BITS = Float.floatToRawIntBits(0x1.0p-13f);
    private static final int HIGH_BITS = Float.floatToRawIntBits(1f);
    private final float[] decode = new float[256];
    private final byte[] encode = new byte[((HIGH_BITS - LOW_BITS) >>> SHIFT) + 1];

    SrgbCurve() {
        for (int c = 0; c < 256; c++) {
            decode[c] = (float) toLinear(c / 255.0);
        }
        for (int i = 0; i < encode.length; i++) {
            // The cell's middle: its first pattern plus half a cell.
            double middle = Float.intBitsToFloat(LOW_BITS + (i << SHIFT) + (1 << (SHIFT - 1)));
            encode[i] = (byte) Math.round(255 * toSrgb(Math.min(1, middle)));
        }
        encode[encode.length - 1] = (byte) 255;
    }

    static double toLinear(double s) {
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    static double toSrgb(double l) {
        return l <= 0.0031308 ? 12.92 * l : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
    }

    float linear(int code) {
        return decode[code & 0xFF];
    }

    /** Linear to code from the table cell holding the float (see the class comment for the accuracy). */
    byte code(float linear) {
        return encode[cell(linear)];
    }

    /** The encode table's cell holding the float: its bits clamped to [2^-13, 1], offset and shifted. */
    private static int cell(float linear) {
        return (Math.min(Math.max(Float.floatToRawIntBits(linear), LOW_BITS), HIGH_BITS) - LOW_BITS) >>> SHIFT;
    }

    /** Decodes w pixels of interleaved rgb8 from offset into the three planes. */
    void decodeRow(byte[] rgb, int offset, int w, float[] r, float[] g, float[] b) {
        float[] table = decode;
        for (int u = 0, o = offset; u < w; u++, o += 3) {
            r[u] = table[rgb[o] & 0xFF];
            g[u] = table[rgb[o + 1] & 0xFF];
            b[u] = table[rgb[o + 2] & 0xFF];
        }
    }

    /** {@link #code} of w pixels in three planes into out, interleaved, from outOffset. */
    void encodeRow(float[] r, float[] g, float[] b, int w, byte[] out, int outOffset) {
        byte[] table = encode;
        for (int u = 0, o = outOffset; u < w; u++, o += 3) {
            out[o] = table[cell(r[u])];
            out[o + 1] = table[cell(g[u])];
            out[o + 2] = table[cell(b[u])];
        }
    }
}
