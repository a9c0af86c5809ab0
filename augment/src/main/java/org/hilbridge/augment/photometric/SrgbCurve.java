package org.hilbridge.augment.photometric;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
 *
 * <p>The table stays although its look-up is scalar: a vectorised arithmetic encode (a degree-5 polynomial in
 * x^(1/4), two float square roots, within 0.0021 of a level, fused into the sensor pass) measured 0.9 ms a
 * 1280x720 frame slower in the chain on the benchmark machine (AMD EPYC, JDK 17; A/B in one JVM): three vector
 * square roots a value cost more than a look-up. The row forms move a pixel's three codes with one 4-byte load or
 * store (a VarHandle view of the byte[]) instead of three byte accesses.
 */
final class SrgbCurve {
    static final int MANTISSA_BITS = 11;
    private static final int SHIFT = 23 - MANTISSA_BITS;
    /** Bit patterns of the table's ends: 2^-13 and 1.0f. */
    private static final int LOW_BITS = Float.floatToRawIntBits(0x1.0p-13f);
    private static final int HIGH_BITS = Float.floatToRawIntBits(1f);
    /** Four bytes at any offset of a byte[], little-endian: one load or store moves a pixel's three codes (and one spare byte). */
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
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

    /**
     * Decodes w pixels of interleaved rgb8 from offset into the three planes: one 4-byte load a pixel (its three codes
     * and the next pixel's first, unused), the row's last pixel byte by byte (so nothing past the row is read).
     */
    void decodeRow(byte[] rgb, int offset, int w, float[] r, float[] g, float[] b) {
        float[] table = decode;
        int o = offset;
        for (int u = 0; u < w - 1; u++, o += 3) {
            int word = (int) INT_LE.get(rgb, o);
            r[u] = table[word & 0xFF];
            g[u] = table[(word >>> 8) & 0xFF];
            b[u] = table[(word >>> 16) & 0xFF];
        }
        if (w > 0) {
            r[w - 1] = table[rgb[o] & 0xFF];
            g[w - 1] = table[rgb[o + 1] & 0xFF];
            b[w - 1] = table[rgb[o + 2] & 0xFF];
        }
    }

    /**
     * {@link #code} of w pixels in three planes into out, interleaved, from outOffset, writing nothing outside the
     * row's 3 w bytes: one 4-byte store a pixel (the spare byte is overwritten by the next pixel's), the row's last
     * pixel byte by byte.
     */
    void encodeRow(float[] r, float[] g, float[] b, int w, byte[] out, int outOffset) {
        byte[] table = encode;
        int o = outOffset;
        for (int u = 0; u < w - 1; u++, o += 3) {
            INT_LE.set(out, o, (table[cell(r[u])] & 0xFF) | (table[cell(g[u])] & 0xFF) << 8 | table[cell(b[u])] << 16);
        }
        if (w > 0) {
            out[o] = table[cell(r[w - 1])];
            out[o + 1] = table[cell(g[w - 1])];
            out[o + 2] = table[cell(b[w - 1])];
        }
    }
}
