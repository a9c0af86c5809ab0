package org.hilbridge.hil.arbiter;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The loop latency of the system under test, per stream: from a sample's capture to the arrival of the
 * command that names it (sim ns; in realtime runs sim time follows the wall clock). HdrHistogram with three
 * significant digits up to a minute; not thread-safe (the arbiter records under its lock).
 */
final class LoopLatency {
    static final long MAX_NANOS = 60_000_000_000L;
    private final Map<String, Histogram> byStream = new TreeMap<>();
    private final Histogram all = new Histogram(MAX_NANOS, 3);

    void record(String streamId, long latencyNanos) {
        long v = Math.max(0, Math.min(MAX_NANOS, latencyNanos));
        byStream.computeIfAbsent(streamId, s -> new Histogram(MAX_NANOS, 3)).recordValue(v);
        all.recordValue(v);
    }

    /** Quantiles per stream, and over all streams under the key {@link LatencySummary#ALL_STREAMS}. */
    Map<String, LatencySummary> summaries() {
        Map<String, LatencySummary> out = new TreeMap<>();
        byStream.forEach((stream, h) -> out.put(stream, LatencySummary.of(h)));
        out.put(LatencySummary.ALL_STREAMS, LatencySummary.of(all));
        return out;
    }
}
