package org.hilbridge.hil.runner;

import java.util.List;
import java.util.Map;
import org.hilbridge.hil.arbiter.ArbiterStats;
import org.hilbridge.hil.events.RunEvent;

/**
 * The end of a run: what happened, what the arbiter decided, what the sinks lost, and the verdict. The
 * trajectory is x, y pairs every 0.1 s of sim time.
 */
public record RunSummary(String scenario, long seed, String pacing, double simSeconds, double wallSeconds, double distanceM,
                         double maxSpeedMps, List<RunEvent> events, ArbiterStats arbiter, Map<String, Long> sinkDrops,
                         List<CriterionResult> criteria, boolean stoppedByRequest, double[] trajectoryXyM) {
    public boolean passed() {
        return !stoppedByRequest && criteria.stream().allMatch(CriterionResult::passed);
    }

    public double realTimeFactor() {
        return simSeconds / wallSeconds;
    }
}
