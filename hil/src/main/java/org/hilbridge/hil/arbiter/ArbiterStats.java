package org.hilbridge.hil.arbiter;

import java.util.Map;
import org.hilbridge.bridge.link.Verdict;

/**
 * Commands per source and verdict, and the loop latency of accepted attributed commands per stream (the
 * stream of the sample each command names) and over all of them ({@link LatencySummary#ALL_STREAMS}).
 */
public record ArbiterStats(Map<String, Map<Verdict, Long>> verdictsBySource, Map<String, LatencySummary> loopLatency) {
    public long count(Verdict v) {
        return verdictsBySource.values().stream().mapToLong(m -> m.getOrDefault(v, 0L)).sum();
    }

    /** The loop latency over every stream. */
    public LatencySummary allStreams() {
        return loopLatency.getOrDefault(LatencySummary.ALL_STREAMS, LatencySummary.NONE);
    }
}
