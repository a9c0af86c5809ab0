package org.hilbridge.hil.regress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hilbridge.hil.runner.CriterionResult;

/**
 * The outcome of one run, as the reports show it and as a shard stores it for `hilbridge regress merge`.
 *
 * @param index       the run's place in the suite's expansion (reports list runs in this order)
 * @param sweepValues the swept keys and this run's values
 * @param error       why the run could not complete (an exception), or null
 * @param metrics     measured figures for the sweep table, name to value (NaN: not measured)
 * @param images      report images, caption to file name relative to the run's folder
 */
public record RunResult(int index, String name, String suite, String scenario, Map<String, String> sweepValues, boolean passed,
                        List<CriterionResult> criteria, double simSeconds, double wallSeconds, String error,
                        Map<String, Double> metrics, Map<String, String> images) {
    public static final String TIME_TO_GOAL_S = "time_to_goal_s";
    public static final String MAX_CROSS_TRACK_M = "max_cross_track_error_m";
    public static final String MIN_CLEARANCE_M = "min_obstacle_clearance_m";
    public static final String DISTANCE_M = "distance_m";
    public static final String MEAN_SPEED_MPS = "mean_speed_mps";
    public static final String LOOP_LATENCY_P99_MS = "loop_latency_p99_ms";
    public static final List<String> METRICS = List.of(TIME_TO_GOAL_S, MAX_CROSS_TRACK_M, MIN_CLEARANCE_M, DISTANCE_M, MEAN_SPEED_MPS,
            LOOP_LATENCY_P99_MS);

    public RunResult {
        sweepValues = Collections.unmodifiableMap(new LinkedHashMap<>(sweepValues));
        criteria = List.copyOf(criteria);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }

    public List<CriterionResult> failed() {
        return criteria.stream().filter(c -> !c.passed()).toList();
    }

    public double metric(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }
}
