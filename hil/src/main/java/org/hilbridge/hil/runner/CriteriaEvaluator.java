package org.hilbridge.hil.runner;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.time.SimTime;

/** Turns a scenario's criteria and the run's events into pass/fail results with the measured values. */
final class CriteriaEvaluator {
    private CriteriaEvaluator() {
    }

    static List<CriterionResult> evaluate(Scenario.Criteria c, double durationS, List<RunEvent> events) {
        List<CriterionResult> out = new ArrayList<>();
        RunEvent goal = first(events, RunEvent.Kind.GOAL_REACHED);
        if (c.goalReached()) {
            double limit = Double.isNaN(c.maxTimeToGoalS()) ? durationS : c.maxTimeToGoalS();
            double at = goal == null ? Double.NaN : SimTime.toSeconds(goal.simNanos());
            out.add(new CriterionResult("goal_reached", goal != null && at <= limit,
                    goal == null ? "not reached" : String.format("reached at %.2f s", at), String.format("within %.2f s", limit)));
        }
        if (c.noCollision()) {
            List<RunEvent> hits = events.stream().filter(e -> e.kind() == RunEvent.Kind.COLLISION).toList();
            out.add(new CriterionResult("no_collision", hits.isEmpty(),
                    hits.isEmpty() ? "none" : hits.size() + " (first: " + hits.get(0).detail() + ")", "none"));
        }
        RunEvent stop = first(events, RunEvent.Kind.WATCHDOG_STOP);
        if (c.watchdogStopExpected()) {
            out.add(new CriterionResult("watchdog_stop", stop != null,
                    stop == null ? "none" : String.format("at %.3f s", SimTime.toSeconds(stop.simNanos())), "a safe stop"));
        } else {
            out.add(new CriterionResult("no_watchdog_stop", stop == null,
                    stop == null ? "none" : String.format("at %.3f s: %s", SimTime.toSeconds(stop.simNanos()), stop.detail()), "none"));
        }
        RunEvent over = first(events, RunEvent.Kind.OVERTURNED);
        out.add(new CriterionResult("upright", over == null,
                over == null ? "upright" : String.format("overturned at %.2f s", SimTime.toSeconds(over.simNanos())), "upright"));
        return out;
    }

    private static RunEvent first(List<RunEvent> events, RunEvent.Kind kind) {
        for (RunEvent e : events) {
            if (e.kind() == kind) {
                return e;
            }
        }
        return null;
    }
}
