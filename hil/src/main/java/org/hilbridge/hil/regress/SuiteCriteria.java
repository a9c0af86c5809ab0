package org.hilbridge.hil.regress;

/**
 * A scenario's criteria in a suite (launch/suites/README.md, "criteria"). NaN: not checked. Goal,
 * collision and watchdog are handed to the runner as the scenario's own criteria; the others are measured
 * by {@link RunMeasurements} after the run.
 *
 * @param goalWithinS            the goal must be reached within this many seconds of sim time
 * @param noCollision            no obstacle may be touched
 * @param maxCrossTrackErrorM    the largest distance of the vehicle's CG from the route, m
 * @param minObstacleClearanceM  the smallest distance of the vehicle's CG from an obstacle's edge, m
 * @param watchdogStopExpected   a watchdog safe stop is expected (otherwise one fails the run); null: as the scenario says
 * @param maxLoopLatencyP99Ms    bound on the p99 loop latency over every stream, ms
 */
public record SuiteCriteria(double goalWithinS, boolean noCollision, double maxCrossTrackErrorM, double minObstacleClearanceM,
                            Boolean watchdogStopExpected, double maxLoopLatencyP99Ms) {
    public static SuiteCriteria none() {
        return new SuiteCriteria(Double.NaN, false, Double.NaN, Double.NaN, null, Double.NaN);
    }
}
