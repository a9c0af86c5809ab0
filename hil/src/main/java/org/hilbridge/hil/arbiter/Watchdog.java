package org.hilbridge.hil.arbiter;

import org.hilbridge.sim.time.SimTime;

/**
 * Trips when no valid command has been accepted for {@code timeoutS} of sim time (counted from the run's
 * start until the first command). A tripped watchdog means a safe stop: full throttle off, the configured
 * brake, steering held where it was.
 */
public final class Watchdog {
    private final long timeoutNanos;

    public Watchdog(double timeoutS) {
        if (!(timeoutS > 0) || !Double.isFinite(timeoutS)) {
            throw new IllegalArgumentException("watchdog.timeout_s = " + timeoutS + " is not allowed: it must be a finite number > 0");
        }
        this.timeoutNanos = SimTime.fromSeconds(timeoutS);
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    /** Whether the time since the last accepted command (or since the start, before any) exceeds the timeout. */
    public boolean expired(long nowNanos, long lastAcceptedNanos, long startNanos) {
        long since = lastAcceptedNanos < 0 ? startNanos : lastAcceptedNanos;
        return nowNanos - since > timeoutNanos;
    }
}
