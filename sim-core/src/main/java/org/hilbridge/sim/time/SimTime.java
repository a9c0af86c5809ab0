package org.hilbridge.sim.time;

/** Conversions between sim time (integer nanoseconds, the only time sim-core keeps) and seconds. */
public final class SimTime {
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    public static final long NANOS_PER_MILLI = 1_000_000L;

    private SimTime() {
    }

    public static double toSeconds(long nanos) {
        return nanos / (double) NANOS_PER_SECOND;
    }

    /** Rounds to the nearest nanosecond; rejects NaN, infinities and values that overflow a long. */
    public static long fromSeconds(double seconds) {
        if (!Double.isFinite(seconds) || StrictMath.abs(seconds) > Long.MAX_VALUE / (double) NANOS_PER_SECOND) {
            throw new IllegalArgumentException("time " + seconds + " s is not a finite time representable in nanoseconds");
        }
        return StrictMath.round(seconds * NANOS_PER_SECOND);
    }

    /** Period in nanoseconds of a rate in hertz (rounded to the nearest nanosecond). */
    public static long periodOfHz(double rateHz) {
        if (!(rateHz > 0) || !Double.isFinite(rateHz)) {
            throw new IllegalArgumentException("rate " + rateHz + " Hz is not allowed: it must be a finite number > 0");
        }
        return StrictMath.round(NANOS_PER_SECOND / rateHz);
    }
}
