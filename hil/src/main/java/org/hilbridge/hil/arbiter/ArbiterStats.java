package org.hilbridge.hil.arbiter;

import org.hilbridge.bridge.link.Verdict;

import java.util.Arrays;
import java.util.Map;

/** Commands per source and verdict, and the loop latencies (sim ns) of accepted attributed commands. */
public record ArbiterStats(Map<String, Map<Verdict, Long>> verdictsBySource, long[] loopLatenciesNanos) {
    public long count(Verdict v) {
        return verdictsBySource.values().stream().mapToLong(m -> m.getOrDefault(v, 0L)).sum();
    }

    /** The q-quantile (0..1) of the loop latency in sim ns, nearest rank; -1 with no samples. */
    public long latencyQuantileNanos(double q) {
        if (loopLatenciesNanos.length == 0) {
            return -1;
        }
        long[] sorted = loopLatenciesNanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
