package org.hilbridge.tests.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints benchmark figures one per line, in the form DESIGN.md fixes so scripts can collect them:
 * {@code bench <name> <metric> <value> <unit> ref <reference-name> <value> ratio <value/ref>}.
 */
final class BenchReport {
    private final PrintStream out;

    BenchReport(PrintStream out) {
        this.out = out;
    }

    void figure(String bench, String metric, double value, String unit) {
        out.printf(Locale.ROOT, "bench %s %s %.4g %s%n", bench, metric, value, unit);
    }

    void figure(String bench, String metric, double value, String unit, String refName, double refValue) {
        out.printf(Locale.ROOT, "bench %s %s %.4g %s ref %s %.4g ratio %.4g%n", bench, metric, value, unit, refName, refValue, value / refValue);
    }

    void note(String text) {
        out.println("# " + text);
    }
}
