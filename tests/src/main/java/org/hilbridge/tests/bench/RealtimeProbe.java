package org.hilbridge.tests.bench;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.runner.RealtimeStats;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.stack.StackMain;

/**
 * One measurement of {@link RealtimeBenchmark}, in its own JVM (so each garbage collector is measured
 * alone): {@code floor} is a bare 1 kHz park-then-spin loop with nothing to do (what this machine and JVM
 * allow); {@code idle} runs the off-road scenario in realtime with ground truth only and the in-process route
 * follower; {@code full} runs it with the full default sensor set, served on the protobuf socket to the
 * reference autonomy stack in a child JVM ({@code hilbridge stack}, as {@code hilbridge demo} starts it), which
 * holds the lease and drives. Prints one line: {@code probe <what> steps <n> p50_ns <v> p99_ns <v> max_ns <v>
 * overruns <n> alloc_bytes_per_step <v> loop_count <n> loop_p50_ns <v> loop_p99_ns <v> sim_cpu_s <v> wall_s <v>} (the loop latency of
 * whoever drives, from the arbiter; the simulation thread's CPU time and the run's wall time). Each measured run
 * follows a 10 s warm-up run of the same scenario in the same JVM (realtime pacing at factor 100: steady state, not the JIT's start-up).
 */
public final class RealtimeProbe {
    private static final long STEP_NANOS = 1_000_000;
    private static final long SPIN_NANOS = 200_000;
    /** Sim seconds of the warm-up run before a measured run. */
    private static final double WARM_UP_S = 10;

    /** The file the JVM writes its safepoint log to ({@code -Xlog:safepoint:file=<it>:uptimenanos}), set by RealtimeBenchmark. */
    static final String SAFEPOINT_LOG_PROPERTY = "hilbridge.bench.safepoint_log";
    private static final Pattern SAFEPOINT =
            Pattern.compile("^\\[(\\d+)ns\\] Safepoint \"([^\"]+)\".*Total: (\\d+) ns");

    private RealtimeProbe() {
    }

    /**
     * The stop-the-world pauses of the measured run, from HotSpot's safepoint log (unified logging, tag
     * {@code safepoint}: one line per safepoint with its operation and "Total" time from the request to the
     * threads' release, which is what a Java thread waiting for its deadline sees): a garbage collector's pauses
     * are its safepoints (G1: G1CollectForAllocation, G1Concurrent, ...; ZGC: ZMarkStart, ZMarkEnd, ZRelocateStart).
     */
    record Pauses(long count, long totalNanos, long maxNanos, String byCause) {
        static Pauses of(String logFile, long fromUptimeNanos, long toUptimeNanos) throws IOException {
            if (logFile == null) {
                return new Pauses(0, 0, 0, "n/a");
            }
            long count = 0;
            long total = 0;
            long max = 0;
            Map<String, long[]> causes = new TreeMap<>();
            for (String line : Files.readAllLines(Path.of(logFile))) {
                Matcher m = SAFEPOINT.matcher(line);
                if (!m.find()) {
                    continue;
                }
                long at = Long.parseLong(m.group(1));
                if (at < fromUptimeNanos || at > toUptimeNanos) {
                    continue;
                }
                long nanos = Long.parseLong(m.group(3));
                count++;
                total += nanos;
                max = Math.max(max, nanos);
                long[] c = causes.computeIfAbsent(m.group(2), k -> new long[2]);
                c[0]++;
                c[1] = Math.max(c[1], nanos);
            }
            StringBuilder b = new StringBuilder();
            causes.forEach((k, v) -> b.append(String.format("%s%s=%d(max_%.2fms)", b.length() == 0 ? "" : " ", k, v[0], v[1] / 1e6)));
            return new Pauses(count, total, max, b.length() == 0 ? "none" : b.toString());
        }
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        double seconds = Double.parseDouble(args[1]);
        if (what.equals("floor")) {
            floor(seconds);
        } else {
            run(what.startsWith("full"), what.endsWith("_pinned"), seconds);
        }
    }

    /** The pacer's wait alone, at 1 kHz: lateness of each wake-up against its deadline. */
    private static void floor(double seconds) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        long steps = Math.round(seconds * 1000);
        long start = System.nanoTime();
        for (long k = 1; k <= steps; k++) {
            long deadline = start + k * STEP_NANOS;
            long now = System.nanoTime();
            while (deadline - now > SPIN_NANOS) {
                LockSupport.parkNanos(deadline - now - SPIN_NANOS);
                now = System.nanoTime();
            }
            while (now < deadline) {
                Thread.onSpinWait();
                now = System.nanoTime();
            }
            h.recordValue(Math.max(0, now - deadline));
        }
        System.out.printf("probe floor steps %d p50_ns %d p99_ns %d max_ns %d overruns 0 alloc_bytes_per_step 0%n", h.getTotalCount(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
    }

    private static void run(boolean fullSensorSet, boolean pinned, double seconds) throws Exception {
        CorePinning pinning = pinned ? CorePinning.ofCallingThread() : null;
        List<String> scenarioSets = List.of("duration_s=" + seconds);
        Scenario s = DefaultScenario.load(scenarioSets);
        if (!fullSensorSet) {
            s = new Scenario(s.name(), s.seed(), s.durationS(), s.world(), s.weather(), s.vehicle(), s.initial(),
                    s.sensors().stream().filter(x -> x.type().equals("ground_truth")).toList(), s.route(), s.goal(), s.faults(), s.criteria());
        }
        warmUp(s);
        List<String> sets = new ArrayList<>(List.of("runner.progress_every_s=0", "runner.pacing=realtime"));
        if (fullSensorSet) {
            // The closed loop of `hilbridge demo` (DemoCommand): the reference stack in its own JVM is the only
            // controller, over the protobuf socket on loopback, holding the lease.
            sets.addAll(List.of("controller.type=none", "socket.enabled=true", "socket.bind_address=127.0.0.1", "socket.port=0",
                    "arbiter.lease_mode=exclusive"));
        }
        BridgeConfig c = new BridgeConfigLoader().load(null, Map.of(), sets);
        // The run's own lines (progress is off: only what it reports at the end, e.g. camera frames skipped) go to the log.
        Runner r = new Runner(s, c, System.out);
        SocketServer socket = null;
        Process stack = null;
        Path stackLog = null;
        if (fullSensorSet) {
            socket = SocketServer.start(c.socket(), r.streams(), r.arbiter());
            r.attach(socket); // the runner closes it after the last sample
            stackLog = Files.createTempFile("hilbridge-bench-stack-", ".log");
            stack = startStack(socket.port(), scenarioSets, stackLog, pinning);
            Process child = stack;
            if (!socket.awaitClients(1, () -> !child.isAlive())) {
                throw new IllegalStateException("the reference stack did not connect; its log: " + Files.readString(stackLog));
            }
        } else {
            r.attachSynchronous(RouteFollower.along(s, c.controllerSpeedMps(), c.controllerLookaheadM()));
        }
        try {
            measure(r, fullSensorSet, pinning, seconds);
        } finally {
            if (socket != null) {
                socket.close();
            }
            if (stack != null) {
                // The bridge has closed the session: the stack reports and exits by itself.
                if (!stack.waitFor(10, TimeUnit.SECONDS)) {
                    stack.destroyForcibly();
                }
                Files.deleteIfExists(stackLog);
            }
        }
    }

    /**
     * A short run of the same scenario and sensors in this JVM before the measured one, so that the JIT has
     * compiled the step, the sensors and the renderer: the measured jitter and allocation are the loop's steady
     * state, not the compiler's start-up. It is paced in real time at the largest factor allowed (100: as fast as
     * the machine steps, no waiting) so that it runs the realtime code the measured run runs (the pacer and its
     * jitter histogram, the pipelined sensors), for {@value #WARM_UP_S} s of sim time: enough steps (one pacer
     * record each) for C2 to compile the per-step methods. The JIT's requests matter for the allocation figure:
     * a C2 compile request resolves every string constant of the method's class on the requesting thread
     * (HotSpot's CompileBroker::compile_method), so the first C2 compile of HdrHistogram's recordValue,
     * requested by the simulation thread ~5 s into a cold realtime run, allocated ~4 kB there (49 strings; JFR
     * allocation events, issue 7). The floor loop needs no warm-up.
     */
    private static void warmUp(Scenario s) throws Exception {
        Scenario w = new Scenario(s.name(), s.seed(), WARM_UP_S, s.world(), s.weather(), s.vehicle(), s.initial(), s.sensors(), s.route(), s.goal(),
                s.faults(), s.criteria());
        BridgeConfig c = new BridgeConfigLoader().load(null, Map.of(), List.of("runner.progress_every_s=0", "runner.pacing=realtime",
                "runner.realtime_factor=100"));
        Runner r = new Runner(w, c, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        r.attachSynchronous(RouteFollower.along(w, c.controllerSpeedMps(), c.controllerLookaheadM()));
        r.run();
    }

    /**
     * The reference stack ({@code hilbridge stack}) in a child JVM like the demo's, on the probe's socket, driving
     * the same scenario; its output goes to {@code log}.
     */
    private static Process startStack(int port, List<String> scenarioSets, Path log, CorePinning pinning) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        if (pinning != null) {
            cmd.addAll(List.of("taskset", "-c", pinning.otherCpus())); // the stack stays off the simulation thread's core
        }
        cmd.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), StackMain.class.getName(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--scenario", DefaultScenario.path().toString(), "--report-every-s", "0"));
        for (String set : scenarioSets) {
            cmd.add("--set");
            cmd.add(set);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The allocated bytes of every live thread (ThreadMXBean; -1 for a thread that ended meanwhile is left out).
     * The threads are enumerated from the root thread group, not with Thread.getAllStackTraces, which stops the
     * JVM at a safepoint (a "ThreadDump" pause the loop would see).
     */
    private static Map<Thread, Long> allocatedBytes(ThreadMXBean threads) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 32];
        int n = root.enumerate(all, true);
        Map<Thread, Long> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Thread t = all[i];
            long b = threads.getThreadAllocatedBytes(t.getId());
            if (b >= 0) {
                out.put(t, b);
            }
        }
        return out;
    }

    private static void measure(Runner r, boolean fullSensorSet, CorePinning pinning, double seconds) throws Exception {
        // The simulation thread's allocation over the middle half of the run (steady state: after the
        // start-up, before the end), read from a watcher thread.
        Thread sim = Thread.currentThread();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] window = new long[2];
        // Every thread's allocation over the same window: which threads' garbage drives the collector's pauses.
        Map<String, Long> perThread = new TreeMap<>();
        Thread watcher = new Thread(() -> {
            try {
                Thread.sleep(Math.round(seconds * 250));
                Map<Thread, Long> start = allocatedBytes(threads);
                window[0] = threads.getThreadAllocatedBytes(sim.getId());
                Thread.sleep(Math.round(seconds * 500));
                window[1] = threads.getThreadAllocatedBytes(sim.getId());
                for (Map.Entry<Thread, Long> e : allocatedBytes(threads).entrySet()) {
                    long delta = e.getValue() - start.getOrDefault(e.getKey(), 0L);
                    // Threads of one kind (render pool, event loops) are summed under their name without the number.
                    perThread.merge(e.getKey().getName().replaceAll("-?\\d+$", ""), delta, Long::sum);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alloc-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Thread repin = null;
        if (pinning != null) {
            pinning.apply();
            // The run starts its worker threads (renderer, LiDAR sealer, augmentation) from this thread, so they
            // start on its core: move them off once they exist.
            repin = new Thread(() -> {
                try {
                    for (long ms : new long[] {200, 1000, 3000}) {
                        Thread.sleep(ms);
                        pinning.apply();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "repin");
            repin.setDaemon(true);
            repin.start();
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long uptimeStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
        RunSummary sum = r.run();
        long uptimeEndMs = ManagementFactory.getRuntimeMXBean().getUptime();
        // The simulation thread's CPU time next to the wall time (a spinning pacer uses its core; a thread that
        // got much less CPU than wall time was descheduled: the machine's load, not the loop).
        double simCpuS = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wallS = (System.nanoTime() - wall0) / 1e9;
        watcher.join();
        if (repin != null) {
            repin.join();
        }
        RealtimeStats rt = sum.realtime();
        double allocPerStep = (window[1] - window[0]) / (seconds * 500);
        // The allocation rate of each thread (kind) over the middle half, largest first, in MB/s.
        StringBuilder rates = new StringBuilder("alloc_mb_per_s");
        perThread.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> rates.append(String.format(" %s=%.2f", e.getKey().replace(' ', '_'), e.getValue() / 1e6 / (seconds * 0.5))));
        System.out.println(rates);
        Pauses pauses = Pauses.of(System.getProperty(SAFEPOINT_LOG_PROPERTY), uptimeStartMs * 1_000_000, (uptimeEndMs + 1) * 1_000_000);
        System.out.println("safepoints_by_cause " + pauses.byCause());
        // The loop latency of the system under test (capture to command arrival, measured by the arbiter): the
        // reference stack's in the full case, the in-process route follower's otherwise.
        LatencySummary loop = sum.arbiter().allStreams();
        System.out.printf("probe %s steps %d p50_ns %d p99_ns %d max_ns %d overruns %d alloc_bytes_per_step %.1f loop_count %d loop_p50_ns %d "
                        + "loop_p99_ns %d sim_cpu_s %.2f wall_s %.2f stw_pauses %d stw_total_ms %.2f stw_max_ms %.3f%n", (fullSensorSet ? "full" : "idle") + (pinning != null ? "_pinned" : ""), rt.steps(), rt.jitterP50Nanos(), rt.jitterP99Nanos(),
                rt.jitterMaxNanos(), rt.overruns(), allocPerStep, loop.count(), loop.p50Nanos(), loop.p99Nanos(), simCpuS, wallS,
                pauses.count(), pauses.totalNanos() / 1e6, pauses.maxNanos() / 1e6);
    }
}
