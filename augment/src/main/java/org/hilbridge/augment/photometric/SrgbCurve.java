package org.hilbridge.augment.photometric;

/**
 * The sRGB transfer function (IEC 61966-2-1): decode 8-bit codes to linear light through a 256-entry table,
 * encode linear light in [0, 1] to codes through a {@value #ENCODE_STEPS}-step table (rounded to nearest; fine enough that
 * every code survives decode and encode unchanged). Immutable once built.
 */
final class SrgbCurve {
    static final int ENCODE_STEPS = 65536;
    private final float[] decode = new float[256];
    private final byte[] encode = new byte[ENCODE_STEPS + 1];

    SrgbCurve() {
        for (int c = 0; c < 256; c++) {
            decode[c] = (float) toLinear(c / 255.0);
        }
        for (int i = 0; i <= ENCODE_STEPS; i++) {
            encode[i] = (byte) Math.round(255 * toSrgb((double) i / ENCODE_STEPS));
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

    /**
     * Linear to code, from the nearest of 65536 steps: a step moves the code by at most 12.92 x 255 / 65536 =
     * 0.05 (the curve's steepest slope, at black), so decode then encode returns every code unchanged.
     */
    byte code(float linear) {
        if (!(linear > 0)) {
            return 0;
        }
        if (linear >= 1) {
            return (byte) 255;
        }
        return encode[(int) (linear * ENCODE_STEPS + 0.5f)];
    }
}
