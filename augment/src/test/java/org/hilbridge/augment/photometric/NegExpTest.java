package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The arithmetic exp(-x) against StrictMath.exp (the exact exp(-x) to 1 ulp, fdlibm). */
@Timeout(30)
class NegExpTest {
    /** The bound the class comment derives: Taylor remainder 1.1e-6 relative, times 32 by the squarings, plus float rounding. */
    @Test
    void withinFiveHundredthsOfAPermilleOfTheExactExponentialUpToTwenty() {
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float x = i * 1e-5f;   // 0 .. 20
            if (x >= 20) {
                break;
            }
            double exact = StrictMath.exp(-x);
            worst = Math.max(worst, Math.abs(NegExp.expNeg(x) / exact - 1));
        }
        assertTrue(worst <= 5e-5, "worst relative error " + worst);
        assertTrue(worst > 1e-7, "an approximation, not the exact function: " + worst);
    }

    @Test
    void theEndsAndBadInput() {
        assertEquals(1f, NegExp.expNeg(0f));
        assertEquals(1f, NegExp.expNeg(-3f));
        assertEquals(1f, NegExp.expNeg(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(NegExp.expNeg(Float.NaN)), "NaN is not a distance: it stays NaN");
        assertEquals(0f, NegExp.expNeg(20f));
        assertEquals(0f, NegExp.expNeg(Float.POSITIVE_INFINITY));
        assertTrue(NegExp.expNeg(19.99f) > 0, "just below 20 it is still exp(-x)");
    }

    @Test
    void theRowFormEqualsTheSingleValueForm() {
        float[] d = new float[1003];
        for (int i = 0; i < d.length; i++) {
            d[i] = i == 7 ? Float.POSITIVE_INFINITY : i * 0.37f;
        }
        float beta = 0.05f;
        float[] out = new float[1000];
        NegExp.expNegRow(beta, d, 3, 1000, new float[1000], out);
        for (int i = 0; i < 1000; i++) {
            assertEquals(NegExp.expNeg(beta * d[3 + i]), out[i], "at " + (3 + i));
        }
    }
}
