package org.hilbridge.hil.regress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hilbridge.hil.runner.CriterionResult;

/**
 * The HTML report ({@code index.html} under --out): summary tables across the sweep (per scenario and per
 * value of each swept key: runs, passes, time to goal, mean speed, worst cross-track error, least clearance),
 * then each run with its criteria and its PNGs (runs/NAME/*.png).
 */
public final class HtmlReport {
    public static final String FILE_NAME = "index.html";

    private HtmlReport() {
    }

    public static void write(String suiteName, List<RunResult> results, Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        long passed = results.stream().filter(RunResult::passed).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>hilbridge regress: ").append(esc(suiteName))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
                        + "td,th{border:1px solid #bbb;padding:3px 8px;text-align:left}.pass{color:#070}.fail{color:#b00;font-weight:bold}"
                        + "img{max-width:45%;margin:4px;border:1px solid #ccc}</style></head><body>\n");
        h.append("<h1>Suite ").append(esc(suiteName)).append("</h1>\n<p>").append(results.size()).append(" runs, ").append(passed)
                .append(" passed, ").append(results.size() - passed).append(" failed.</p>\n");

        h.append("<h2>Outcomes by scenario</h2>\n");
        groupTable(h, "scenario", results, RunResult::scenario);
        Set<String> keys = new LinkedHashSet<>();
        results.forEach(r -> keys.addAll(r.sweepValues().keySet()));
        for (String key : keys) {
            h.append("<h2>Outcomes by ").append(esc(key)).append("</h2>\n");
            groupTable(h, key, results.stream().filter(r -> r.sweepValues().containsKey(key)).toList(), r -> r.scenario() + " / " + r.sweepValues().get(key));
        }

        h.append("<h2>Runs</h2>\n<table><tr><th>run</th><th>verdict</th><th>failed criteria (measured, required)</th></tr>\n");
        for (RunResult r : results) {
            h.append("<tr><td><a href=\"#").append(esc(r.name())).append("\">").append(esc(r.name())).append("</a></td>").append(verdict(r.passed()))
                    .append("<td>").append(r.passed() ? "" : esc(JUnitXmlReport.failureMessage(r))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (RunResult r : results) {
            h.append("<h3 id=\"").append(esc(r.name())).append("\">").append(esc(r.name())).append("</h3>\n<p>scenario ").append(esc(r.scenario()));
            r.sweepValues().forEach((k, v) -> h.append(", ").append(esc(k)).append(" = ").append(esc(v)));
            h.append(String.format(Locale.ROOT, "; %.1f s of sim time in %.2f s</p>%n", r.simSeconds(), r.wallSeconds()));
            if (r.error() != null) {
                h.append("<p class=\"fail\">error: ").append(esc(r.error())).append("</p>\n");
            }
            h.append("<table><tr><th>criterion</th><th>verdict</th><th>measured</th><th>required</th></tr>\n");
            for (CriterionResult c : r.criteria()) {
                h.append("<tr><td>").append(esc(c.name())).append("</td>").append(verdict(c.passed())).append("<td>").append(esc(c.measured()))
                        .append("</td><td>").append(esc(c.required())).append("</td></tr>\n");
            }
            h.append("</table>\n<div>");
            r.images().forEach((caption, f) -> h.append("<img src=\"runs/").append(esc(r.name())).append('/').append(esc(f)).append("\" alt=\"")
                    .append(esc(caption)).append("\" title=\"").append(esc(caption)).append("\">"));
            h.append("</div>\n");
        }
        h.append("</body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    private static void groupTable(StringBuilder h, String label, List<RunResult> results, Function<RunResult, String> group) {
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        results.forEach(r -> groups.computeIfAbsent(group.apply(r), k -> new ArrayList<>()).add(r));
        h.append("<table><tr><th>").append(esc(label)).append("</th><th>runs</th><th>passed</th><th>mean time to goal, s</th>"
                + "<th>mean speed to the goal, m/s</th><th>max cross-track error, m</th><th>min obstacle clearance, m</th></tr>\n");
        groups.forEach((k, rs) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(rs.size()).append("</td><td>")
                .append(rs.stream().filter(RunResult::passed).count()).append("</td><td>").append(mean(rs, RunResult.TIME_TO_GOAL_S)).append("</td><td>")
                .append(mean(rs, RunResult.MEAN_SPEED_MPS)).append("</td><td>").append(extreme(rs, RunResult.MAX_CROSS_TRACK_M, true)).append("</td><td>")
                .append(extreme(rs, RunResult.MIN_CLEARANCE_M, false)).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    /** Mean over the runs that measured it; a run that never reached the goal shows as "n not reached". */
    private static String mean(List<RunResult> rs, String metric) {
        double[] v = rs.stream().mapToDouble(r -> r.metric(metric)).filter(Double::isFinite).toArray();
        String m = v.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", java.util.Arrays.stream(v).average().orElse(Double.NaN));
        return v.length < rs.size() && metric.equals(RunResult.TIME_TO_GOAL_S) ? m + " (" + (rs.size() - v.length) + " not reached)" : m;
    }

    private static String extreme(List<RunResult> rs, String metric, boolean max) {
        double[] v = rs.stream().mapToDouble(r -> r.metric(metric)).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", max ? java.util.Arrays.stream(v).max().getAsDouble() : java.util.Arrays.stream(v).min().getAsDouble());
    }

    private static String verdict(boolean passed) {
        return passed ? "<td class=\"pass\">PASS</td>" : "<td class=\"fail\">FAIL</td>";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
