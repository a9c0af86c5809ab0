package org.hilbridge.hil.regress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.report.HistogramPlot;
import org.hilbridge.hil.report.TerrainPlot;
import org.hilbridge.hil.report.TimeSeriesPlot;
import org.hilbridge.hil.runner.CriterionResult;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.stack.StackMain;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.time.SimTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link RunSpec} in this JVM (its own runner, its own ephemeral socket port when it has one, so
 * runs side by side share nothing), evaluates the suite's criteria on what it measured, and writes the
 * run's folder: result.properties and the report's PNGs.
 */
public final class RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);
    /** The trajectory is sampled every 0.1 s of sim time (Runner). */
    private static final double TRACE_PERIOD_S = 0.1;
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private final RegressPlan plan;
    private final String suiteName;
    private final boolean images;

    /** @param images whether to draw the report's PNGs (the merge test compares results without them) */
    public RunExecutor(RegressPlan plan, String suiteName, boolean images) {
        this.plan = plan;
        this.suiteName = suiteName;
        this.images = images;
    }

    /** Runs it and writes {@code runDir}; a run that throws is a failed result carrying the error. */
    public RunResult execute(RunSpec run, Path runDir) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        RunResult result;
        long wallStart = System.nanoTime();
        try {
            result = runAndMeasure(run, runDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("run {} failed to complete: {}", run.name(), e.toString());
            LOG.debug("run {}", run.name(), e);
            result = new RunResult(run.index(), run.name(), suiteName, run.entry().label(), run.sweepValues(), false,
                    List.of(new CriterionResult("completed", false, e.getClass().getSimpleName() + ": " + e.getMessage(), "the run completes")), 0,
                    (System.nanoTime() - wallStart) / 1e9, String.valueOf(e.getMessage()), Map.of(), Map.of());
        }
        RunResultFile.write(result, runDir.resolve(RunResultFile.FILE_NAME));
        return result;
    }

    private RunResult runAndMeasure(RunSpec run, Path runDir) throws IOException, InterruptedException {
        RegressPlan.Loaded loaded = plan.load(run);
        Scenario scenario = loaded.scenario();
        Runner runner = new Runner(scenario, loaded.config(), SILENT);
        RunTrace trace = new RunTrace();
        runner.tapCommands(trace);
        SystemUnderTest sut = run.entry().system();
        if (!sut.external()) {
            RouteFollower follower = RouteFollower.along(scenario, loaded.config().controllerSpeedMps(), loaded.config().controllerLookaheadM());
            runner.attachSynchronous(SystemUnderTest.INVERTED_STEERING.equals(sut.type()) ? new InvertedSteering(follower) : follower);
        }
        CameraSnapshots snapshots = null;
        if (images && scenario.sensors().stream().anyMatch(x -> x.type().equals("camera"))) {
            snapshots = new CameraSnapshots(scenario.durationS() / 3, 2 * scenario.durationS() / 3);
            runner.attachLossless(snapshots); // fast and lockstep owe the wall clock nothing: keep every frame it may want
        }
        SocketServer socket = null;
        Process process = null;
        RunSummary summary;
        try {
            if (loaded.config().socketEnabled()) {
                socket = SocketServer.start(loaded.config().socket(), runner.streams(), runner.arbiter());
                runner.attach(socket);
            }
            if (sut.external()) {
                process = start(sut, commandLine(sut, run), socket, runDir);
                Process p = process;
                // A program that exits before connecting would leave the run waiting: stop waiting then.
                if (!socket.awaitClients(loaded.config().socket().awaitClients(), () -> !p.isAlive())) {
                    throw new IllegalStateException("the system under test " + sut.type() + " exited with " + p.exitValue()
                            + " before connecting to the socket (its output: " + runDir.resolve("sut.log") + ")");
                }
            }
            summary = runner.run();
        } finally {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            if (socket != null) {
                socket.close();
            }
        }
        RunResult result = measure(run, scenario, summary, trace, runDir);
        if (snapshots == null) {
            return result;
        }
        Map<String, String> files = new LinkedHashMap<>(result.images());
        files.putAll(snapshots.write(runDir));
        return new RunResult(result.index(), result.name(), result.suite(), result.scenario(), result.sweepValues(), result.passed(), result.criteria(),
                result.simSeconds(), result.wallSeconds(), result.error(), result.metrics(), files);
    }

    /**
     * The program a run starts: the suite's command, or the reference stack in a JVM like this one (same Java,
     * same class path) given the run's scenario file and its overrides (it ignores the bridge keys among them).
     */
    private static List<String> commandLine(SystemUnderTest sut, RunSpec run) {
        if (!SystemUnderTest.REFERENCE_STACK.equals(sut.type())) {
            return sut.command();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StackMain.class.getName(), "--host", "{host}", "--port", "{port}",
                "--scenario", run.entry().scenarioFile().toString(), "--report-every-s", "0"));
        for (String o : run.overrides()) {
            cmd.add("--set");
            cmd.add(o);
        }
        return cmd;
    }

    private static Process start(SystemUnderTest sut, List<String> commandLine, SocketServer socket, Path runDir) throws IOException {
        // {port} and {host} in an argument become the run's socket port and host (for programs that take them as flags).
        List<String> command = commandLine.stream()
                .map(a -> a.replace("{port}", Integer.toString(socket.port())).replace("{host}", "127.0.0.1")).toList();
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HILBRIDGE_SOCKET_HOST", "127.0.0.1");
        pb.environment().put("HILBRIDGE_SOCKET_PORT", Integer.toString(socket.port()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(runDir.resolve("sut.log").toFile());
        return pb.start();
    }

    private RunResult measure(RunSpec run, Scenario scenario, RunSummary summary, RunTrace trace, Path runDir) throws IOException {
        SuiteCriteria c = run.entry().criteria();
        double[] xy = summary.trajectoryXyM();
        RunEvent goal = summary.events().stream().filter(e -> e.kind() == RunEvent.Kind.GOAL_REACHED).findFirst().orElse(null);
        // Cross-track error counts until the goal is reached: what a stack does after its mission (drive on, park) is not tracking.
        int tracked = goal == null ? xy.length / 2 : (int) Math.min(xy.length / 2, Math.ceil(SimTime.toSeconds(goal.simNanos()) / TRACE_PERIOD_S));
        double crossTrack = RunMeasurements.maxCrossTrackErrorM(scenario, java.util.Arrays.copyOf(xy, 2 * tracked));
        double clearance = RunMeasurements.minObstacleClearanceM(scenario.world().obstacles(), xy);
        LatencySummary latency = summary.arbiter().allStreams();
        double p99Ms = latency.count() == 0 ? Double.NaN : latency.p99Nanos() / 1e6;
        List<CriterionResult> criteria = new ArrayList<>(summary.criteria());
        if (!Double.isNaN(c.maxCrossTrackErrorM())) {
            criteria.add(new CriterionResult("max_cross_track_error", crossTrack <= c.maxCrossTrackErrorM(),
                    String.format("%.2f m", crossTrack), String.format("<= %.2f m (CG to the route, until the goal)", c.maxCrossTrackErrorM())));
        }
        if (!Double.isNaN(c.minObstacleClearanceM())) {
            criteria.add(new CriterionResult("min_obstacle_clearance", clearance >= c.minObstacleClearanceM(),
                    Double.isInfinite(clearance) ? "no obstacles" : String.format("%.2f m", clearance),
                    String.format(">= %.2f m (CG to the obstacle's edge)", c.minObstacleClearanceM())));
        }
        if (!Double.isNaN(c.maxLoopLatencyP99Ms())) {
            criteria.add(new CriterionResult("loop_latency_p99", latency.count() > 0 && p99Ms <= c.maxLoopLatencyP99Ms(),
                    latency.count() == 0 ? "no attributed commands" : String.format("%.3f ms over %d commands", p99Ms, latency.count()),
                    String.format("<= %.3f ms", c.maxLoopLatencyP99Ms())));
        }
        double[] times = new double[xy.length / 2];
        double[] speeds = new double[xy.length / 2];
        // Point i of the trajectory is at (i + 1) * 0.1 s (the runner samples after each step that ends on a 0.1 s mark).
        for (int i = 0; i < times.length; i++) {
            times[i] = (i + 1) * TRACE_PERIOD_S;
        }
        if (times.length > 0) {
            speeds[0] = Math.hypot(xy[0] - scenario.initial().xM(), xy[1] - scenario.initial().yM()) / TRACE_PERIOD_S;
        }
        for (int i = 1; i < times.length; i++) {
            speeds[i] = Math.hypot(xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]) / TRACE_PERIOD_S;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(RunResult.TIME_TO_GOAL_S, goal == null ? Double.NaN : SimTime.toSeconds(goal.simNanos()));
        metrics.put(RunResult.MAX_CROSS_TRACK_M, crossTrack);
        metrics.put(RunResult.MIN_CLEARANCE_M, clearance);
        metrics.put(RunResult.DISTANCE_M, summary.distanceM());
        // Mean speed over the mission: until the goal when it was reached (a stack parked at the goal is not slow).
        double travelledM = 0;
        for (int i = 1; i < tracked; i++) {
            travelledM += Math.hypot(xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]);
        }
        metrics.put(RunResult.MEAN_SPEED_MPS, tracked < 2 ? Double.NaN : travelledM / ((tracked - 1) * TRACE_PERIOD_S));
        metrics.put(RunResult.LOOP_LATENCY_P99_MS, p99Ms);
        boolean passed = summary.passed() && criteria.stream().allMatch(CriterionResult::passed);
        Map<String, String> files = images ? drawImages(run, scenario, summary, trace, times, speeds, runDir, passed) : Map.of();
        return new RunResult(run.index(), run.name(), suiteName, scenario.name(), run.sweepValues(), passed, criteria, summary.simSeconds(),
                summary.wallSeconds(), null, metrics, files);
    }

    private static Map<String, String> drawImages(RunSpec run, Scenario scenario, RunSummary summary, RunTrace trace, double[] times, double[] speeds,
                                                  Path runDir, boolean passed) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        if (scenario.world().terrain() instanceof HeightField field) {
            new TerrainPlot(field, 600).write(runDir.resolve("trajectory.png"), scenario.world().obstacles(), summary.trajectoryXyM(),
                    summary.trajectoryXyM().length / 2, run.name() + (passed ? "  PASS" : "  FAIL"));
            files.put("trajectory over the terrain", "trajectory.png");
        }
        TimeSeriesPlot.write(runDir.resolve("speed_steering.png"), run.name(), List.of(
                new TimeSeriesPlot.Series("speed, m/s (from the trajectory)", times, speeds),
                new TimeSeriesPlot.Series("commanded steering, " + trace.steeringUnit(), trace.timesS(), trace.steering())));
        files.put("speed and steering over time", "speed_steering.png");
        HistogramPlot.write(runDir.resolve("loop_latency.png"), "loop latency", "ms", trace.latenciesMs(), 40);
        files.put("loop-latency histogram", "loop_latency.png");
        return files;
    }
}
