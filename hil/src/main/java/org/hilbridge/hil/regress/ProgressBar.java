package org.hilbridge.hil.regress;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * One line per finished run: a bar, runs done / total, passes and failures so far, and the ETA (the mean
 * wall time per finished run times the runs left, divided among the jobs already in the mean). Lines, not
 * carriage returns, so CI logs read as well as a terminal.
 */
final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintStream out;
    private final int total;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private int done;
    private int passed;

    ProgressBar(PrintStream out, int total, LongSupplier nanoClock) {
        this.out = out;
        this.total = total;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    synchronized void finished(RunResult r) {
        done++;
        if (r.passed()) {
            passed++;
        }
        out.println(line(r));
        out.flush();
    }

    synchronized String line(RunResult last) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        double elapsedS = (nanoClock.getAsLong() - startNanos) / 1e9;
        // Runs finish at an average rate of done / elapsed (all jobs together): the rest take (total - done) / rate.
        double etaS = done == 0 ? Double.NaN : elapsedS / done * (total - done);
        return String.format("[%s%s] %d/%d  pass %d  fail %d  ETA %s  %s %s", "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, passed,
                done - passed, eta(etaS), last.passed() ? "PASS" : "FAIL", last.name());
    }

    private static String eta(double s) {
        if (Double.isNaN(s)) {
            return "?";
        }
        long r = Math.round(s);
        return r >= 60 ? String.format("%dm%02ds", r / 60, r % 60) : r + "s";
    }
}
