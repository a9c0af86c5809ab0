package org.hilbridge.hil.cli;

import java.io.PrintStream;
import java.util.Map;
import org.hilbridge.hil.arbiter.ArbiterStats;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.runner.CriterionResult;
import org.hilbridge.hil.runner.AugmentSummary;
import org.hilbridge.hil.runner.RealtimeStats;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.sim.time.SimTime;

/** The one-screen summary at the end of a run. */
final class SummaryPrinter {
    private SummaryPrinter() {
    }

    static void print(RunSummary s, PrintStream out) {
        out.println();
        out.printf("summary: %s (seed %d, %s)%n", s.scenario(), s.seed(), s.pacing());
        out.printf("  sim time      %.2f s in %.2f s wall (%.1fx real time)%s%n", s.simSeconds(), s.wallSeconds(), s.realTimeFactor(),
                s.stoppedByRequest() ? ", STOPPED EARLY on request" : "");
        RealtimeStats rt = s.realtime();
        if (rt != null) {
            out.printf("  realtime      factor %.2f, step jitter p50 %.1f us, p99 %.1f us, max %.1f us; %d overruns (%s)%s%n", rt.realTimeFactor(),
                    rt.jitterP50Nanos() / 1e3, rt.jitterP99Nanos() / 1e3, rt.jitterMaxNanos() / 1e3, rt.overruns(), rt.overrunPolicy(),
                    rt.slippedNanos() > 0 ? String.format(", slipped %.1f ms", rt.slippedNanos() / 1e6) : "");
        }
        out.printf("  motion        %.1f m driven, max speed %.2f m/s%n", s.distanceM(), s.maxSpeedMps());
        ArbiterStats a = s.arbiter();
        StringBuilder verdicts = new StringBuilder();
        for (Verdict v : Verdict.values()) {
            long n = a.count(v);
            if (n > 0) {
                verdicts.append(v.name().toLowerCase()).append(' ').append(n).append("  ");
            }
        }
        out.printf("  commands      %s%n", verdicts.length() == 0 ? "none" : verdicts.toString().trim());
        for (Map.Entry<String, LatencySummary> e : a.loopLatency().entrySet()) {
            LatencySummary l = e.getValue();
            if (l.count() > 0 && !e.getKey().equals(LatencySummary.ALL_STREAMS)) {
                out.printf("  loop latency  %-12s p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d commands (capture to command, sim time)%n",
                        e.getKey(), ms(l.p50Nanos()), ms(l.p99Nanos()), ms(l.maxNanos()), l.count());
            }
        }
        LatencySummary answers = s.lockstepAnswer();
        if (answers != null && answers.count() > 0) {
            // Lockstep holds sim time while the controller works: its real answer time is wall time.
            out.printf("  lockstep      answered in p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d samples (wall time from a control sample's hand-off "
                    + "to its command)%n", ms(answers.p50Nanos()), ms(answers.p99Nanos()), ms(answers.maxNanos()), answers.count());
        }
        for (AugmentSummary g : s.augment()) {
            out.printf("  augment       %-12s %d frames: %d augmented, %d rejected by the gate, %d late (%s), %d failed%n", g.streamId(), g.frames(),
                    g.augmented(), g.rejected(), g.late(), AugmentSummary.REALTIME.equals(g.discipline())
                            ? String.format("%.1f %% missed the %.1f ms deadline", 100 * g.deadlineMissRate(), g.deadlineNanos() / 1e6)
                            : "synchronous: every result waited for", g.failed());
        }
        for (Map.Entry<String, Long> d : s.sinkDrops().entrySet()) {
            out.printf("  sink %-12s lost %d samples to a full queue%n", d.getKey(), d.getValue());
        }
        for (RunEvent e : s.events()) {
            if (e.kind() != RunEvent.Kind.FAULT_END) {
                out.printf("  event         t=%.3f s %s %s%n", SimTime.toSeconds(e.simNanos()), e.kind(), e.detail());
            }
        }
        for (CriterionResult c : s.criteria()) {
            out.printf("  %-4s %-18s measured %s; required %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.measured(), c.required());
        }
        out.printf("  result        %s%n", s.stoppedByRequest() ? "STOPPED" : (s.passed() ? "PASS" : "FAIL"));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
