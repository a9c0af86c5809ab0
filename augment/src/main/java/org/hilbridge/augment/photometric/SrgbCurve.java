package org.hilbridge.augment.photometric;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The sRGB transfer function (IEC 61966-2-1): decode 8-bit codes to linear light through a 256-entry table;
 * encode linear light to codes by arithmetic that C2 vectorises (no table: a look-up, and the
 * Float.floatToRawIntBits a bit-indexed table needs, keep a loop scalar on JDK 17; two float square roots and a
 * polynomial do not). Immutable once built.
 *
 * <p>Encode: the power segment 255 (1.055 x^(1/2.4) - 0.055) is a polynomial of degree 5 in q = x^(1/4) = sqrt(sqrt(x))
 * (x^(1/2.4) = q^(5/3), smooth on q in [0.0031308^(1/4), 1] = [0.2365, 1]), fitted by Chebyshev interpolation
 * at 400 nodes (numpy's Chebyshev.fit, converted to monomials; the coefficients rounded to float): within 0.0021 of a
 * level of the exact segment over the whole range, float evaluation included. (A polynomial in sqrt(x) alone, one
 * square root less, needs degree 8 for 0.014 of a level: no faster; one over the whole range, toe included, is
 * off by 0.4 of a level at degree 9: the toe's kink.) The linear toe 255 x 12.92 is exact. The segment is chosen
 * without a branch: the code is max(power, min(toe, 255 x 0.04045)), since the power segment lies below the toe's
 * line on both sides of their meeting point 0.0031308 (and the polynomial below it down to 0), and above the toe's
 * top, 255 x 0.04045, past it. The code is rounded by the 1.5 x 2^23 magic sum ({@link Rounding}), so the encoded
 * byte is within 0.5021 of a level of the exact formula everywhere (pinned by SrgbCurveTest) and every decoded
 * code encodes back to itself. Linear light at or below 0 gives 0, at or above 1 gives 255; NaN gives 0.
 */
final class SrgbCurve {
    /** The toe's top code: 255 times the sRGB value where the linear toe ends (IEC 61966-2-1: 0.04045). */
    private static final float TOE_TOP_CODE = 255 * 0.04045f;
    /** 255 x (1.055 q^(5/3) - 0.055) = sum C_k q^k on [0.0031308^(1/4), 1] (see the class comment for the fit). */
    private static final float C0 = -15.678250312805176f;
    private static final float C1 = 41.691349029541016f;
    private static final float C2 = 318.6938781738281f;
    private static final float C3 = -144.68386840820312f;
    private static final float C4 = 71.64762115478516f;
    private static final float C5 = -16.672061920166016f;
    /** Four bytes at any offset of a byte[], little-endian: one store writes a pixel's three codes (and one spare byte). */
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private final float[] decode = new float[256];

    SrgbCurve() {
        for (int c = 0; c < 256; c++) {
            decode[c] = (float) toLinear(c / 255.0);
        }
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

    /** Linear light to its 8-bit code (see the class comment for the accuracy). */
    byte encode(float linear) {
        return (byte) Float.floatToRawIntBits(codePlusMagic(linear));
    }

    /**
     * The code as a float plus {@link Rounding#MAGIC}: the sum's low mantissa bits hold the rounded code (0 to 255), so
     * its raw bits' low byte is the code. Straight-line float arithmetic (min, max, sqrt, multiply, add): inlined into
     * a loop it vectorises.
     */
    private static float codePlusMagic(float linear) {
        return code(linear) + Rounding.MAGIC;
    }

    /** The code before rounding: in [0, 255.0021], within 0.0021 of 255 times the exact formula; NaN for NaN. */
    static float code(float linear) {
        // max(x, 0) as (x + |x|) / 2 (exact; Math.abs is one cheap vector op, each Math.min or max several), then min(x, 1).
        float x = Math.min((linear + Math.abs(linear)) * 0.5f, 1f);
        float q = (float) Math.sqrt((float) Math.sqrt(x));
        float power = C0 + q * (C1 + q * (C2 + q * (C3 + q * (C4 + q * C5))));
        return Math.max(power, Math.min(255 * 12.92f * x, TOE_TOP_CODE));
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
     * {@link #encode} of w pixels in three planes into out, interleaved, from outOffset (writing nothing outside the
     * row's 3 w bytes). The planes are overwritten (with the codes plus the magic constant): the code arithmetic runs
     * in one vectorised loop a plane, in place, and only the interleaving store is scalar: one 4-byte store a pixel
     * (the spare byte is overwritten by the next pixel's), the row's last pixel byte by byte.
     */
    void encodeRow(float[] r, float[] g, float[] b, int w, byte[] out, int outOffset) {
        codesInPlace(r, w);
        codesInPlace(g, w);
        codesInPlace(b, w);
        int o = outOffset;
        for (int u = 0; u < w - 1; u++, o += 3) {
            INT_LE.set(out, o, codes(r[u], g[u], b[u]));
        }
        if (w > 0) {
            int last = codes(r[w - 1], g[w - 1], b[w - 1]);
            out[o] = (byte) last;
            out[o + 1] = (byte) (last >>> 8);
            out[o + 2] = (byte) (last >>> 16);
        }
    }

    /**
     * Three codes-plus-magic packed little-endian (red in the low byte): each float's raw bits are 0x4B40_0000 (the
     * magic's) plus the code, so its low byte is the code and the next byte 0; blue's higher bits shift out.
     */
    private static int codes(float r, float g, float b) {
        return (Float.floatToRawIntBits(r) & 0xFF) | (Float.floatToRawIntBits(g) & 0xFF) << 8 | Float.floatToRawIntBits(b) << 16;
    }

    private static void codesInPlace(float[] x, int w) {
        for (int u = 0; u < w; u++) {
            x[u] = codePlusMagic(x[u]);
        }
    }
}
