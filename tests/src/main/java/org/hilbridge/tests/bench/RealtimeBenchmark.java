package org.hilbridge.tests.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The 1 kHz realtime loop's jitter (issue 7): each physics step's lateness against its wall-clock deadline,
 * p50 / p99 / max, with G1 (the JVM's defaults, and a rig's settings: {@link #G1_RIG_NOTE}) and with ZGC, idle (ground truth only, in-process route follower) and with the full
 * default sensor set served over the protobuf socket to the reference autonomy stack in its own JVM, which
 * drives; each in its own JVM ({@link RealtimeProbe}); the reference measured in the same run is a bare
 * park-then-spin loop in the same kind of JVM (the floor this machine allows). Also the simulation thread's
 * steady-state allocation per step, the stop-the-world pauses of the measured run (from the JVM's safepoint log: count,
 * total, longest, by cause), each thread's allocation rate, and in the full case the stack's loop latency p50 / p99. Goal: p99 &lt;= 100 us and no steady-state allocation on the simulation thread.
 */
final class RealtimeBenchmark implements Benchmark {
    private static final double SECONDS = 20;
    /**
     * The collectors measured, each with its JVM options. G1 is the JDK's default G1 (heap sized by the JVM).
     * G1_rig is G1 with the settings a HIL rig would run it with: {@value #G1_RIG_NOTE}
     */
    private static final Map<String, List<String>> GCS = gcs();
    static final String G1_RIG_NOTE = "a fixed, pre-touched 4 GB heap: the default heap starts at 1/64 of RAM, grows, and faults "
            + "its new pages in (before the camera's image pool, a new 7.4 MB image per frame whose range, depth and normals planes are "
            + "humongous in G1's 2 MB regions crossed the initiating occupancy every few seconds, each crossing a young pause with a "
            + "concurrent start); GuaranteedSafepointInterval=0: no periodic Cleanup safepoint every "
            + "second (a diagnostic HotSpot option, hence UnlockDiagnosticVMOptions); MaxGCPauseMillis and the young generation "
            + "stay G1's own (not tuned here)";

    private static Map<String, List<String>> gcs() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("G1", List.of("-XX:+UseG1GC"));
        m.put("G1_rig", List.of("-XX:+UseG1GC", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:GuaranteedSafepointInterval=0"));
        m.put("ZGC", List.of("-XX:+UseZGC"));
        return m;
    }

    @Override
    public String name() {
        return "realtime";
    }

    @Override
    public String description() {
        return "1 kHz realtime loop jitter p50/p99/max (G1, G1 with a rig's settings, ZGC; idle, full sensor set with the reference stack, "
                + "and that pinned) against a bare park-then-spin loop";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        report.note(String.format("%.0f s per measurement (each after a 10 s warm-up run in its JVM, realtime pacing at factor 100), %d cores, JDK %s", SECONDS,
                Runtime.getRuntime().availableProcessors(), Runtime.version()));
        report.note("G1_rig options: " + String.join(" ", GCS.get("G1_rig")) + " (" + G1_RIG_NOTE + ")");
        for (String gc : GCS.keySet()) {
            Map<String, Double> floor = probe(gc, "floor").figures();
            report.note(String.format("%s floor (bare park-then-spin loop): p50 %.1f us, p99 %.1f us, max %.1f us, load average %s", gc,
                    floor.get("p50_ns") / 1e3, floor.get("p99_ns") / 1e3, floor.get("max_ns") / 1e3, loadAverage()));
            // full_pinned: the same full load with the simulation thread alone on the last core under SCHED_FIFO,
            // everything else on the others (CorePinning: how a HIL rig is set up).
            for (String load : List.of("idle", "full", "full_pinned")) {
                Probe run = probe(gc, load);
                Map<String, Double> m = run.figures();
                String key = gc.toLowerCase() + "_" + load;
                report.note(String.format("%s %s: %d steps, %.0f overruns, %.1f bytes allocated per step on the simulation thread, "
                                + "its CPU time %.1f s over %.1f s of wall time, load average %s", gc, load, m.get("steps").longValue(), m.get("overruns"),
                        m.get("alloc_bytes_per_step"), m.get("sim_cpu_s"), m.get("wall_s"), loadAverage()));
                report.figure(name(), "jitter_p50_us_" + key, m.get("p50_ns") / 1e3, "us", "floor_p50_" + gc, floor.get("p50_ns") / 1e3);
                report.figure(name(), "jitter_p99_us_" + key, m.get("p99_ns") / 1e3, "us", "floor_p99_" + gc, floor.get("p99_ns") / 1e3);
                report.figure(name(), "jitter_max_us_" + key, m.get("max_ns") / 1e3, "us", "floor_max_" + gc, floor.get("max_ns") / 1e3);
                report.figure(name(), "jitter_p99_us_" + key + "_vs_goal", m.get("p99_ns") / 1e3, "us", "issue7_goal", 100);
                report.figure(name(), "sim_thread_alloc_bytes_per_step_" + key, m.get("alloc_bytes_per_step"), "B");
                report.note(String.format("%s %s: stop-the-world pauses (safepoints) %.0f, total %.1f ms, longest %.2f ms, by cause: %s; allocation by thread (MB/s, largest first): %s", gc, load,
                        m.get("stw_pauses"), m.get("stw_total_ms"), m.get("stw_max_ms"), run.safepointCauses(), run.threadAllocation()));
                if (load.startsWith("full")) {
                    // The reference stack's loop latency (capture to command arrival at the arbiter) while the loop served it.
                    long answered = m.get("loop_count").longValue();
                    report.note(String.format("%s %s: the reference stack answered %d samples%s", gc, load, answered,
                            answered == 0 ? " (none in time: an overloaded machine; no loop latency to report)" : ""));
                    if (answered > 0) {
                        report.figure(name(), "stack_loop_latency_p50_ms_" + key, m.get("loop_p50_ns") / 1e6, "ms");
                        report.figure(name(), "stack_loop_latency_p99_ms_" + key, m.get("loop_p99_ns") / 1e6, "ms");
                    }
                }
            }
        }
    }

    /** The 1-minute load average (a loaded machine's figures measure its load, not the loop), or "n/a". */
    private static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format("%.2f", l);
    }

    /** A probe's figures by name, and its line of allocation rates by thread. */
    private record Probe(Map<String, Double> figures, String threadAllocation, String safepointCauses) {
    }

    /** Runs RealtimeProbe in a child JVM with the given collector's options; returns its figures by name. */
    private static Probe probe(String gc, String what) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path safepoints = Files.createTempFile("hilbridge-bench-safepoints-", ".log");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(GCS.get(gc));
        // Every stop-the-world pause with its cause and length (RealtimeProbe.Pauses reads the measured run's).
        cmd.addAll(List.of("-Xlog:safepoint=info:file=" + safepoints + ":uptimenanos", "-D" + RealtimeProbe.SAFEPOINT_LOG_PROPERTY + "=" + safepoints));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RealtimeProbe.class.getName(), what, Double.toString(SECONDS)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String line = null;
        String rates = "n/a";
        String causes = "n/a";
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                all.append(l).append('\n');
                if (l.startsWith("probe ")) {
                    line = l;
                } else if (l.startsWith("alloc_mb_per_s")) {
                    rates = l.substring("alloc_mb_per_s".length()).trim();
                } else if (l.startsWith("safepoints_by_cause ")) {
                    causes = l.substring("safepoints_by_cause ".length());
                }
            }
        }
        boolean ended = p.waitFor(Math.round(SECONDS * 4 + 60), TimeUnit.SECONDS);
        Files.deleteIfExists(safepoints);
        if (!ended || p.exitValue() != 0 || line == null) {
            p.destroyForcibly();
            throw new IllegalStateException("realtime probe " + what + " with " + gc + " failed: " + all);
        }
        String[] f = line.split(" ");
        Map<String, Double> out = new HashMap<>();
        for (int i = 2; i + 1 < f.length; i += 2) {
            out.put(f[i], Double.parseDouble(f[i + 1]));
        }
        return new Probe(out, rates, causes);
    }
}
