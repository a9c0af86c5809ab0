package org.hilbridge.hil.arbiter;

import org.HdrHistogram.Histogram;

/** A latency distribution's count and quantiles, ns (HdrHistogram: within 0.1 % of the recorded values). */
public record LatencySummary(long count, long p50Nanos, long p99Nanos, long maxNanos) {
    /** The key of the summary over every stream. */
    public static final String ALL_STREAMS = "*";
    public static final LatencySummary NONE = new LatencySummary(0, -1, -1, -1);

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencySummary(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
    }
}
