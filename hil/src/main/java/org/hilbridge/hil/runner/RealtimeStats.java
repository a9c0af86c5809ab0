package org.hilbridge.hil.runner;

/**
 * How well a realtime run kept to the wall clock: the lateness of each physics step's start against its
 * deadline (jitter; quantiles in wall ns), overrun episodes (steps later than the tolerance) and, with the
 * slip policy, how far the schedule slipped in total.
 */
public record RealtimeStats(double realTimeFactor, String overrunPolicy, long steps, long jitterP50Nanos, long jitterP99Nanos,
                            long jitterMaxNanos, long overruns, long slippedNanos, long worstLatenessNanos) {
}
