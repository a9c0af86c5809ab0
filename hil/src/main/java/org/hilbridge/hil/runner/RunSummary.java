package org.hilbridge.hil.runner;

import java.util.List;
import java.util.Map;
import org.hilbridge.hil.arbiter.ArbiterStats;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.hil.events.RunEvent;

/**
 * The end of a run: what happened, what the arbiter decided, what the sinks lost, and the verdict. The
 * trajectory is x, y pairs every 0.1 s of sim time; {@code realtime} is null unless the run was paced in
 * real time; {@code lockstepAnswer} is null unless it was paced in lockstep, and then holds the wall time the
 * controller took to answer each control sample (sim time stands still meanwhile, so the loop latency in sim
 * time is 0). A run stopped by a realtime overrun (policy fail) has not passed. {@code augment}: one entry per
 * augmented camera (empty without augmentation).
 */
public record RunSummary(String scenario, long seed, String pacing, double simSeconds, double wallSeconds, double distanceM,
                         double maxSpeedMps, List<RunEvent> events, ArbiterStats arbiter, Map<String, Long> sinkDrops,
                         List<CriterionResult> criteria, boolean stoppedByRequest, double[] trajectoryXyM, RealtimeStats realtime,
                         LatencySummary lockstepAnswer, List<AugmentSummary> augment) {
    public boolean passed() {
        return !stoppedByRequest && !overrunStopped() && criteria.stream().allMatch(CriterionResult::passed);
    }

    /** Whether the run stopped because a step overran its realtime deadline (policy fail). */
    public boolean overrunStopped() {
        return events.stream().anyMatch(e -> e.kind() == RunEvent.Kind.REALTIME_OVERRUN);
    }

    public double realTimeFactor() {
        return simSeconds / wallSeconds;
    }
}
