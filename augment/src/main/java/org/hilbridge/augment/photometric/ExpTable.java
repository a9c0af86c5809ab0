package org.hilbridge.augment.photometric;

/**
 * exp(-x) for x &gt;= 0 from a table at the nearest of 4096 steps per unit (relative error under 1.3e-4, a
 * hundredth of an 8-bit code; exp(-x) below 2e-9 from x = 20 on is returned as 0). Deterministic on every JVM,
 * unlike Math.exp, and several times faster than StrictMath.exp in a per-pixel loop. (A two-level table, exp(-i)
 * = high[i / 256] low[i % 256], small enough for L1, measured slower: neighbouring pixels' distances are close,
 * so the single table's look-ups mostly hit cache lines already loaded.)
 */
final class ExpTable {
    private static final float STEPS_PER_UNIT = 4096;
    private static final float MAX_X = 20;
    private final float[] table = new float[(int) (MAX_X * STEPS_PER_UNIT) + 1];

    ExpTable() {
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) StrictMath.exp(-i / (double) STEPS_PER_UNIT);
        }
        table[table.length - 1] = 0;   // x >= MAX_X (the clamped step lands on the last entry) gives 0
    }

    float expNeg(float x) {
        return table[step(x)];
    }

    /**
     * exp(-beta d[from + i]) for i in [0, n) into out. d's row is first copied to index 0 of a buffer (a loop
     * whose array index carries an offset stays scalar on JDK 17); x is clamped to [0, MAX_X], a NaN gives
     * exp(-0) = 1.
     */
    void expNegRow(float beta, float[] d, int from, int n, float[] buffer, float[] out) {
        System.arraycopy(d, from, buffer, 0, n);
        float[] t = table;
        for (int i = 0; i < n; i++) {
            out[i] = t[step(beta * buffer[i])];
        }
    }

    /** round(4096 x) (ties to even) for x clamped to [0, MAX_X]; NaN (not &gt;= 0) gives 0. */
    private static int step(float x) {
        float clamped = x >= 0 ? Math.min(x, MAX_X) : 0f;
        return Rounding.nearestInt(clamped * STEPS_PER_UNIT);
    }
}
