package org.hilbridge.sim.time;

/**
 * The simulation clock: integer nanoseconds advanced by a fixed physics step. Never reads the wall clock,
 * so a run is reproducible bit for bit; pacing against wall time belongs to the runner (hil).
 */
public final class SimClock {
    /** Default physics step: 1 ms (1 kHz). */
    public static final long DEFAULT_STEP_NANOS = SimTime.NANOS_PER_MILLI;

    private final long stepNanos;
    private long nowNanos;
    private long stepCount;

    public SimClock(long stepNanos) {
        this(stepNanos, 0L);
    }

    public SimClock(long stepNanos, long startNanos) {
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("physics step " + stepNanos + " ns is not allowed: it must be > 0 ns");
        }
        if (startNanos < 0) {
            throw new IllegalArgumentException("start time " + startNanos + " ns is not allowed: it must be >= 0 ns");
        }
        this.stepNanos = stepNanos;
        this.nowNanos = startNanos;
    }

    public long nowNanos() {
        return nowNanos;
    }

    public long stepNanos() {
        return stepNanos;
    }

    public double stepSeconds() {
        return SimTime.toSeconds(stepNanos);
    }

    public long stepCount() {
        return stepCount;
    }

    /** Advances by one step and returns the new time. */
    public long advance() {
        nowNanos = StrictMath.addExact(nowNanos, stepNanos);
        stepCount++;
        return nowNanos;
    }
}
