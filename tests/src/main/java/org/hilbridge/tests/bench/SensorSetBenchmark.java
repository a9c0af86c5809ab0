package org.hilbridge.tests.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;

/**
 * The default sensor set of the off-road scenario (launch/scenarios/offroad_course.yaml: camera 640x480 at
 * 30 Hz, VLP-16 at 10 Hz, IMU 200 Hz, GNSS 10 Hz, wheel odometry 50 Hz, ground truth 50 Hz) with 1 kHz
 * physics in fast pacing through the runner, on all cores: the real-time factor against the wall clock
 * (issue 4 asks at least 3x on this 2-core machine, goal 5x), and the same run with the physics alone
 * (no sensors but ground truth) as the reference measured in the same run.
 */
final class SensorSetBenchmark implements Benchmark {
    private static final double SIM_SECONDS = 20;

    @Override
    public String name() {
        return "sensors";
    }

    @Override
    public String description() {
        return "the off-road scenario's full sensor set with 1 kHz physics in fast pacing: real-time factor";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        run(List.of("duration_s=5"), false);
        double full = run(List.of("duration_s=" + SIM_SECONDS), false);
        // The reference: the same drive with ground truth only (what the controller needs).
        double physicsOnly = run(List.of("duration_s=" + SIM_SECONDS), true);
        report.note(String.format("%.0f s of sim time, %d cores, runner.render_threads %d", SIM_SECONDS,
                Runtime.getRuntime().availableProcessors(), BridgeConfig.defaults().renderThreads()));
        report.figure(name(), "realtime_factor_full_set", full, "x", "physics_and_ground_truth_only", physicsOnly);
        report.figure(name(), "realtime_factor_vs_target", full, "x", "issue4_target", 3);
        report.figure(name(), "realtime_factor_vs_goal", full, "x", "issue4_goal", 5);
    }

    /** Runs the scenario with the route follower (optionally with its ground truth only); returns the real-time factor. */
    private static double run(List<String> overrides, boolean groundTruthOnly) throws Exception {
        Scenario s = DefaultScenario.load(overrides);
        if (groundTruthOnly) {
            s = new Scenario(s.name(), s.seed(), s.durationS(), s.world(), s.weather(), s.vehicle(), s.initial(),
                    s.sensors().stream().filter(x -> x.type().equals("ground_truth")).toList(), s.route(), s.goal(), s.faults(), s.criteria());
        }
        BridgeConfig c = new BridgeConfigLoader().load(null, Map.of(), List.of("runner.progress_every_s=0"));
        Runner r = new Runner(s, c, new PrintStream(OutputStream.nullOutputStream()));
        r.attachSynchronous(RouteFollower.along(s, c.controllerSpeedMps(), c.controllerLookaheadM()));
        RunSummary sum = r.run();
        return sum.realTimeFactor();
    }
}
