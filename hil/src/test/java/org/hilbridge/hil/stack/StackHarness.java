package org.hilbridge.hil.stack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * Runs a scenario through the real runner and socket server with the reference stack connected over TCP on
 * 127.0.0.1 (in this JVM, on its own client thread), and records the ground truth the bridge published.
 */
final class StackHarness {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(RunSummary summary, StackReport stack, List<GroundTruthSample> truth) {
    }

    static Result run(Path scenarioFile, List<String> overrides, java.util.function.UnaryOperator<StackSettings> tune) throws Exception {
        List<String> all = new ArrayList<>(List.of("controller.type=none", "socket.enabled=true", "socket.port=0", "socket.await_clients=1",
                "arbiter.lease_mode=exclusive", "socket.client_queue_frames=4096", "runner.progress_every_s=0"));
        all.addAll(overrides);
        Scenario scenario = new ScenarioLoader(Map.of()).load(scenarioFile, all);
        BridgeConfig config = new BridgeConfigLoader().load(null, Map.of(), all);
        Runner runner = new Runner(scenario, config, new PrintStream(OutputStream.nullOutputStream()));
        List<GroundTruthSample> truth = java.util.Collections.synchronizedList(new ArrayList<>());
        runner.attach(new SampleSink() {
            @Override
            public String name() {
                return "truth-recorder";
            }

            @Override
            public void accept(SensorSample s) {
                if (s instanceof GroundTruthSample g) {
                    truth.add(g);
                }
            }
        }, 100_000);
        SocketServer server = SocketServer.start(config.socket(), runner.streams(), runner.arbiter());
        runner.attach(server);
        StackSettings settings = tune.apply(StackSettings.defaults("127.0.0.1", server.port(), scenarioFile, all));
        try (ReferenceStack stack = new ReferenceStack(settings)) {
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
                try {
                    server.awaitClients(1, runner::stopRequested);
                    return runner.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            stack.start(30_000);
            RunSummary summary = run.get(900, TimeUnit.SECONDS);
            return new Result(summary, stack.report(), List.copyOf(truth));
        } finally {
            server.close();
        }
    }
}
