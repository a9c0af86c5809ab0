package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transmittance table against StrictMath.exp (the exact exp(-x) to 1 ulp, fdlibm). */
@Timeout(30)
class ExpTableTest {
    private final ExpTable table = new ExpTable();

    /** Nearest of 4096 steps a unit: |exp(-x) / exp(-step) - 1| <= exp(1 / 8192) - 1 = 1.22e-4, plus float rounding. */
    @Test
    void withinTheStepErrorOfTheExactExponentialUpToTwenty() {
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float x = i * 1e-5f;   // 0 .. 20
            if (x >= 20) {
                break;
            }
            double exact = StrictMath.exp(-x);
            double got = table.expNeg(x);
            if (x < 19.9998f) {   // the last half step rounds to 20, which gives 0
                worst = Math.max(worst, Math.abs(got / exact - 1));
            }
        }
        assertTrue(worst <= 1.25e-4, "worst relative error " + worst);
        assertTrue(worst >= 1.1e-4, "the sweep reaches the half-step boundaries: " + worst);
    }

    @Test
    void theEndsAndBadInput() {
        assertEquals(1f, table.expNeg(0f));
        assertEquals(1f, table.expNeg(-3f));
        assertEquals(1f, table.expNeg(Float.NaN));
        assertEquals(0f, table.expNeg(20f));
        assertEquals(0f, table.expNeg(Float.POSITIVE_INFINITY));
    }

    @Test
    void theRowFormEqualsTheSingleValueForm() {
        float[] d = new float[1003];
        for (int i = 0; i < d.length; i++) {
            d[i] = i == 7 ? Float.POSITIVE_INFINITY : i * 0.37f;
        }
        float beta = 0.05f;
        float[] out = new float[1000];
        table.expNegRow(beta, d, 3, 1000, new float[1000], out);
        for (int i = 0; i < 1000; i++) {
            assertEquals(table.expNeg(beta * d[3 + i]), out[i], "at " + (3 + i));
        }
    }
}
