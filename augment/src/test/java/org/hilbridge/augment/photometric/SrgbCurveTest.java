package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The table-driven sRGB encode against the exact transfer function of IEC 61966-2-1 ({@link SrgbCurve#toSrgb}). */
@Timeout(60)
class SrgbCurveTest {
    private final SrgbCurve curve = new SrgbCurve();

    /**
     * The class comment's bound: half a level of rounding plus the code's change over half a cell, at most its slope in
     * ln x, 255 x 1.055 / 2.4 at x = 1, times ln(1 + 2^-(m + 1)) &lt; 2^-(m + 1): 0.555 for m = 10.
     */
    private static final double BOUND = 0.5 + 255 * 1.055 / 2.4 / (2 * SrgbCurve.CELLS_AN_OCTAVE);

    /** Every float in (0, 1) at a stride of 37 bit patterns: within {@link #BOUND} of the exact code. */
    @Test
    void encodeIsWithinHalfALevelAndHalfACellsChangeOfTheExactFormula() {
        double worst = 0;
        for (int bits = Float.floatToRawIntBits(0x1.0p-30f); bits < Float.floatToRawIntBits(1f); bits += 37) {
            float linear = Float.intBitsToFloat(bits);
            double exact = 255 * SrgbCurve.toSrgb(linear);
            worst = Math.max(worst, Math.abs((curve.code(linear) & 0xFF) - exact));
        }
        assertTrue(BOUND < 0.555, "the bound " + BOUND);
        assertTrue(worst <= BOUND, "worst error " + worst + " levels");
        assertTrue(worst >= 0.5, "the sweep reaches the rounding boundaries: " + worst);
    }

    /**
     * Every cell of the grid at both its ends (the code is monotone, so its extremes over a cell are there): one code
     * for the cell, within {@link #BOUND} of the exact code at either end; below the grid code 0, under 0.21 of a level.
     */
    @Test
    void everyCellIsWithinTheBoundAtBothEnds() {
        double worst = 0;
        int cells = 0;
        for (int bits = SrgbCurve.LOWEST_BITS; bits < Float.floatToRawIntBits(1f); bits += 1 << SrgbCurve.CELL_SHIFT, cells++) {
            float low = Float.intBitsToFloat(bits), high = Float.intBitsToFloat(bits + (1 << SrgbCurve.CELL_SHIFT) - 1);
            int code = curve.code(low) & 0xFF;
            assertEquals(code, curve.code(high) & 0xFF, "one code for the cell of " + low);
            double lowError = Math.abs(code - 255 * SrgbCurve.toSrgb(low)), highError = Math.abs(code - 255 * SrgbCurve.toSrgb(high));
            worst = Math.max(worst, Math.max(lowError, highError));
        }
        assertEquals(SrgbCurve.OCTAVES * SrgbCurve.CELLS_AN_OCTAVE, cells);
        assertTrue(worst <= BOUND, "worst error " + worst + " levels");
        float below = Math.nextDown(Float.intBitsToFloat(SrgbCurve.LOWEST_BITS));
        assertEquals(0, curve.code(below));
        assertTrue(255 * SrgbCurve.toSrgb(below) < 0.21);
    }

    @Test
    void everyCodeSurvivesDecodeAndEncode() {
        for (int c = 0; c < 256; c++) {
            assertEquals(c, curve.code(curve.linear(c)) & 0xFF, "code " + c);
        }
    }

    @Test
    void outOfRangeLightSaturates() {
        assertEquals(0, curve.code(-0.5f));
        assertEquals(0, curve.code(-0f));
        assertEquals(0, curve.code(0f));
        assertEquals(0, curve.code(Float.NEGATIVE_INFINITY));
        assertEquals(255, curve.code(1f) & 0xFF);
        assertEquals(255, curve.code(7.5f) & 0xFF);
        assertEquals(255, curve.code(Float.POSITIVE_INFINITY) & 0xFF);
        assertEquals(0, curve.code(Float.NaN), "NaN: 0");
        for (int nan : new int[] {0x7FC00000, 0x7F800001, 0x7FFFFFFF, 0xFFC00000, 0xFF800001, 0xFFFFFFFF}) {
            assertEquals(0, curve.code(Float.intBitsToFloat(nan)), "NaN " + Integer.toHexString(nan) + ": 0");
        }
        assertEquals(0, curve.code(Float.MIN_VALUE));
        assertEquals(0, curve.code(-Float.MIN_VALUE));
        assertEquals(255, curve.code(Math.nextDown(1f)) & 0xFF);
        assertEquals(255, curve.code(Math.nextUp(1f)) & 0xFF);
    }

    @Test
    void rowEncodeAndDecodeMatchTheSingleValueForms() {
        int w = 1000;
        // The row forms move 4 bytes a pixel: nothing before or after the row may change.
        byte[] guarded = new byte[3 * 5 + 2];
        java.util.Arrays.fill(guarded, (byte) 77);
        curve.encodeRow(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, new float[5], new float[5], 5, guarded, 1);
        assertEquals(77, guarded[0], "nothing written before the row");
        assertEquals(77, guarded[16], "nothing written after the row (its last pixel is stored byte by byte)");
        float[] five = new float[5];
        curve.decodeRow(new byte[15], 0, 5, five, five.clone(), five.clone());   // the last pixel ends the array: no read past it
        float[] r = new float[w], g = new float[w], b = new float[w];
        for (int i = 0; i < w; i++) {
            r[i] = (i - 100) / 800f;
            g[i] = i / 999f;
            b[i] = 1.5f - i / 500f;
        }
        float[] r0 = r.clone(), g0 = g.clone(), b0 = b.clone();
        byte[] out = new byte[3 * w + 10];
        curve.encodeRow(r, g, b, w, out, 10);   // overwrites the planes
        for (int i = 0; i < w; i++) {
            assertEquals(curve.code(r0[i]), out[10 + 3 * i], "red at " + r0[i]);
            assertEquals(curve.code(g0[i]), out[11 + 3 * i], "green at " + g0[i]);
            assertEquals(curve.code(b0[i]), out[12 + 3 * i], "blue at " + b0[i]);
        }
        curve.decodeRow(out, 10, w, r, g, b);
        for (int i = 0; i < w; i++) {
            assertEquals(curve.linear(out[10 + 3 * i]), r[i]);
            assertEquals(curve.linear(out[12 + 3 * i]), b[i]);
        }
    }
}
