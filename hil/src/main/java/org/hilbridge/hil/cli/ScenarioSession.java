package org.hilbridge.hil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.record.BagRecorder;
import org.hilbridge.hil.ros.RosLink;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.control.RoutePath;
import org.hilbridge.hil.report.TerrainPlot;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.terrain.HeightField;

/** Loads a scenario and the bridge configuration, and runs them: shared by `run`, `check` and `demo`. */
final class ScenarioSession {
    final Scenario scenario;
    final BridgeConfig config;

    private ScenarioSession(Scenario scenario, BridgeConfig config) {
        this.scenario = scenario;
        this.config = config;
    }

    static ScenarioSession load(Path scenarioFile, Path configFile, List<String> overrides) throws IOException {
        Scenario s = new ScenarioLoader(System.getenv()).load(scenarioFile, overrides);
        BridgeConfig c = new BridgeConfigLoader().load(configFile, System.getenv(), overrides);
        if (BridgeConfig.CONTROLLER_ROUTE_FOLLOWER.equals(c.controller())) {
            RoutePath.of(s); // refuses a scenario with neither a route nor a goal to follow
        }
        return new ScenarioSession(s, c);
    }

    /** Runs to the end (or until SIGINT/SIGTERM), prints progress and the summary; returns the exit code. */
    int run(PrintStream out, Path plot) throws IOException, InterruptedException {
        return run(out, plot, (Recording) null, new SessionHooks() { });
    }

    /** As {@link #run(PrintStream, Path)}, recording into a bag when {@code recording} is not null. */
    int run(PrintStream out, Path plot, Recording recording) throws IOException, InterruptedException {
        return run(out, plot, recording, new SessionHooks() { });
    }

    /** As {@link #run(PrintStream, Path)}, with the demo's hooks around the run. */
    int run(PrintStream out, Path plot, SessionHooks hooks) throws IOException, InterruptedException {
        return run(out, plot, null, hooks);
    }

    private int run(PrintStream out, Path plot, Recording recording, SessionHooks hooks) throws IOException, InterruptedException {
        Runner runner = new Runner(scenario, config, out);
        hooks.attach(runner);
        if (BridgeConfig.CONTROLLER_ROUTE_FOLLOWER.equals(config.controller())) {
            runner.attachSynchronous(RouteFollower.along(scenario, config.controllerSpeedMps(), config.controllerLookaheadM()));
        }
        SocketServer socket = null;
        if (config.socketEnabled()) {
            socket = SocketServer.start(config.socket(), runner.streams(), runner.arbiter());
            runner.attach(socket); // the runner closes it after the last sample
            out.printf("hilbridge: protobuf socket on %s:%d%s (hilbridge.v1; see proto/README.md)%n", config.socket().bindAddress(), socket.port(),
                    config.socket().tls() ? " with TLS" : "");
        }
        RosLink ros = null;
        BagRecorder recorder;
        try {
            if (config.ros().enabled()) {
                ros = RosLink.start(config.ros(), System.getenv());
                out.printf("hilbridge: ROS node %s, master %s%s%n", ros.node().callerId(), ros.node().masterUri(),
                        ros.node().embeddedMaster() != null ? " (embedded)" : " (ROS_MASTER_URI)");
            }
            recorder = recording == null ? null : recording.attach(runner, scenario, config, ros == null ? null : ros.graph());
            if (ros != null) {
                ros.attach(runner, recorder == null); // a recorder publishes the samples to the node itself
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (ros != null) {
                ros.close();
            }
            if (socket != null) {
                socket.close();
            }
            throw e;
        }
        out.printf("hilbridge: running %s (%s pacing, %.0f s of sim time, seed %d, controller %s)%s%n", scenario.name(), config.pacing(),
                scenario.durationS(), scenario.seed(), config.controller(), recorder == null ? "" : ", recording to " + recorder.path());
        CountDownLatch summarised = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.requestStop();
            try {
                summarised.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hilbridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RunSummary summary;
        try {
            hooks.started(runner, socket);
            try {
                if (socket != null && config.socket().awaitClients() > 0) {
                    out.printf("hilbridge: waiting for %d socket client(s) before the first step (socket.await_clients)%n", config.socket().awaitClients());
                    out.flush();
                    socket.awaitClients(config.socket().awaitClients(), runner::stopRequested);
                }
                if (ros != null && config.ros().awaitControllers() > 0) {
                    out.printf("hilbridge: waiting for %d ROS controller(s) before the first step (ros.await_controllers: subscribers of %s's "
                            + "topic, publishers of the command topics)%n", config.ros().awaitControllers(), config.lockstepStream());
                    out.flush();
                    ros.awaitControllers(config.ros().awaitControllers(), runner.streams(), config.lockstepStream(), runner::stopRequested);
                }
                summary = runner.run();
            } finally {
                if (recorder != null) {
                    recorder.close();
                }
            }
            hooks.finished(summary);
            SummaryPrinter.print(summary, out);
            if (recorder != null) {
                out.printf("  bag           %s: %d messages, %.1f MB%n", recorder.path().toAbsolutePath(), recorder.messageCount(),
                        recorder.sizeBytes() / 1e6);
            }
            if (ros != null) {
                for (String line : ros.summaryLines()) {
                    out.println("  " + line);
                }
            }
            if (plot != null) {
                writePlot(summary, plot);
                out.printf("  plot          %s%n", plot.toAbsolutePath());
            }
            hooks.summarise(summary, out);
            out.flush();
        } finally {
            if (socket != null) {
                socket.close();
            }
            if (ros != null) {
                ros.close(); // unregisters every topic, also after SIGINT / SIGTERM (the hook waits for this)
            }
            hooks.close();
            summarised.countDown();
        }
        if (!summary.stoppedByRequest()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return summary.passed() ? ExitCodes.OK : ExitCodes.CRITERIA_FAILED;
    }

    private void writePlot(RunSummary summary, Path plot) throws IOException {
        if (!(scenario.world().terrain() instanceof HeightField field)) {
            throw new IllegalArgumentException("--plot needs a height-field terrain");
        }
        new TerrainPlot(field, 1000).write(plot, scenario.world().obstacles(), summary.trajectoryXyM(), summary.trajectoryXyM().length / 2,
                String.format("%s, seed %d, %.0f s, %s", scenario.name(), scenario.seed(), summary.simSeconds(), summary.passed() ? "PASS" : "FAIL"));
    }

    /** What a command adds around a run (the demo: its stack process and status line). */
    interface SessionHooks {
        /** Before the socket starts: attach sinks. */
        default void attach(Runner runner) {
        }

        /** After the socket started (null without one), before the first step. */
        default void started(Runner runner, SocketServer socket) throws IOException {
        }

        /** The run ended, before its summary is printed. */
        default void finished(RunSummary summary) {
        }

        /** After the summary: add to it. */
        default void summarise(RunSummary summary, PrintStream out) {
        }

        /** Always, at the end. */
        default void close() {
        }
    }
}
