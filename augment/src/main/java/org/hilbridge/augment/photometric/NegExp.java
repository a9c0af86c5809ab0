package org.hilbridge.augment.photometric;

/**
 * exp(-x) for x &gt;= 0 by arithmetic that C2 vectorises: exp(-x) = exp(-x / 32)^32, the inner exponential by its
 * Taylor series to degree 7 (y = x / 32 in [0, 0.625] for x in [0, 20]: remainder below y^8 / 8! = 5.8e-7, 1.1e-6
 * relative), then five squarings (which multiply the relative error by 32). Relative error below 5e-5 against
 * StrictMath.exp (pinned by NegExpTest), a fifth of a hundredth of an 8-bit code; x &gt;= 20 (exp(-x) below 2e-9)
 * gives 0, x &lt;= 0 gives 1. Deterministic on every JVM (only +, *, min and max, each correctly rounded in Java),
 * unlike Math.exp. It replaced a table at 4096 steps a unit: a table look-up keeps a loop scalar on JDK 17, and
 * this loop runs as SIMD code at about half the table's cost per pixel on the benchmark machine. A NaN x gives
 * NaN (the renderer's distances are never NaN: it gives +inf for the sky); the sRGB encode turns it into code 0.
 * Stateless.
 */
final class NegExp {
    static final float MAX_X = 20;

    private NegExp() {
    }

    /** exp(-x), see the class comment. Straight-line float arithmetic: inlined into a loop it vectorises. */
    static float expNeg(float x) {
        float c = Math.min(Math.max(x, 0f), MAX_X);
        float y = c * (1f / 32);
        // Taylor series of exp(-y) to y^7, Horner form.
        float p = 1 - y * (1 - y * (1f / 2 - y * (1f / 6 - y * (1f / 24 - y * (1f / 120 - y * (1f / 720 - y * (1f / 5040)))))));
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        // 0 at MAX_X, 1 below it (MAX_X - c is at least an ulp of 20, 2^-19: times 2^40 saturates).
        float below = Math.min((MAX_X - c) * 0x1.0p40f, 1f);
        return p * below;
    }

    /**
     * exp(-beta d[from + i]) for i in [0, n) into out. d's row is first copied to index 0 of a buffer (a loop
     * whose array index carries an offset stays scalar on JDK 17).
     */
    static void expNegRow(float beta, float[] d, int from, int n, float[] buffer, float[] out) {
        System.arraycopy(d, from, buffer, 0, n);
        for (int i = 0; i < n; i++) {
            out[i] = expNeg(beta * buffer[i]);
        }
    }
}
