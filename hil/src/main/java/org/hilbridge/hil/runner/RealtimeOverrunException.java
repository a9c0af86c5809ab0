package org.hilbridge.hil.runner;

import org.hilbridge.sim.time.SimTime;

/** The realtime pacer's fail policy: a physics step started later than the overrun tolerance allows. */
public final class RealtimeOverrunException extends RuntimeException {
    private final long simNanos;

    RealtimeOverrunException(long simNanos, long lateNanos, long toleranceNanos) {
        super(String.format("the step at t=%.3f s started %.3f ms late, over runner.overrun_tolerance_ms = %.3f (runner.overrun_policy = fail)",
                SimTime.toSeconds(simNanos), lateNanos / 1e6, toleranceNanos / 1e6));
        this.simNanos = simNanos;
    }

    public long simNanos() {
        return simNanos;
    }
}
