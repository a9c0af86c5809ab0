package org.hilbridge.tests.bench;

import com.sun.management.ThreadMXBean;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.runner.RealtimeStats;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;

/**
 * One measurement of {@link RealtimeBenchmark}, in its own JVM (so each garbage collector is measured
 * alone): {@code floor} is a bare 1 kHz park-then-spin loop with nothing to do (what this machine and JVM
 * allow); {@code idle} and {@code full} run the off-road scenario in realtime with the route follower, with
 * ground truth only or with the full default sensor set. Prints one line:
 * {@code probe <what> steps <n> p50_ns <v> p99_ns <v> max_ns <v> overruns <n> alloc_bytes_per_step <v>}.
 */
public final class RealtimeProbe {
    private static final long STEP_NANOS = 1_000_000;
    private static final long SPIN_NANOS = 200_000;

    private RealtimeProbe() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        double seconds = Double.parseDouble(args[1]);
        if (what.equals("floor")) {
            floor(seconds);
        } else {
            run(what.equals("full"), seconds);
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

    private static void run(boolean fullSensorSet, double seconds) throws Exception {
        Scenario s = DefaultScenario.load(List.of("duration_s=" + seconds));
        if (!fullSensorSet) {
            s = new Scenario(s.name(), s.seed(), s.durationS(), s.world(), s.weather(), s.vehicle(), s.initial(),
                    s.sensors().stream().filter(x -> x.type().equals("ground_truth")).toList(), s.route(), s.goal(), s.faults(), s.criteria());
        }
        BridgeConfig c = new BridgeConfigLoader().load(null, Map.of(), List.of("runner.progress_every_s=0", "runner.pacing=realtime"));
        Runner r = new Runner(s, c, new PrintStream(OutputStream.nullOutputStream()));
        r.attachSynchronous(RouteFollower.along(s, c.controllerSpeedMps(), c.controllerLookaheadM()));
        // The simulation thread's allocation over the middle half of the run (steady state: after the
        // start-up, before the end), read from a watcher thread.
        Thread sim = Thread.currentThread();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] window = new long[2];
        Thread watcher = new Thread(() -> {
            try {
                Thread.sleep(Math.round(seconds * 250));
                window[0] = threads.getThreadAllocatedBytes(sim.getId());
                Thread.sleep(Math.round(seconds * 500));
                window[1] = threads.getThreadAllocatedBytes(sim.getId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alloc-watcher");
        watcher.setDaemon(true);
        watcher.start();
        RunSummary sum = r.run();
        watcher.join();
        RealtimeStats rt = sum.realtime();
        double allocPerStep = (window[1] - window[0]) / (seconds * 500);
        System.out.printf("probe %s steps %d p50_ns %d p99_ns %d max_ns %d overruns %d alloc_bytes_per_step %.1f%n", fullSensorSet ? "full" : "idle",
                rt.steps(), rt.jitterP50Nanos(), rt.jitterP99Nanos(), rt.jitterMaxNanos(), rt.overruns(), allocPerStep);
    }
}
