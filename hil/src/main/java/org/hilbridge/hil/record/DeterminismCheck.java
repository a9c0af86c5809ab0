package org.hilbridge.hil.record;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.sink.RosSink;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * Re-runs a recorded scenario (its text, configuration, overrides and seed from /hilbridge/run) with the
 * recorded commands applied at their recorded steps instead of a controller, and compares every message the
 * ROS side publishes with the bag's, bit for bit and with its time. Compared: every recorded topic but
 * /hilbridge/* (the recording's own notes) and /diagnostics (publisher drop counts, which depend on the
 * network, not on the simulation). Refuses bags of realtime runs: there sim time follows the wall clock, so
 * the step at which a command took effect, and with it every later sample, depended on thread scheduling.
 */
public final class DeterminismCheck {
    private static final String DIAGNOSTICS = "/diagnostics";

    private DeterminismCheck() {
    }

    /** Runs the check; progress lines go to {@code progress}. */
    public static CheckResult run(Path bagPath, PrintStream progress) throws IOException, InterruptedException {
        try (BagReader bag = BagReader.open(bagPath)) {
            RunInfo info = runInfo(bag);
            if (BridgeConfig.REALTIME.equals(info.pacing())) {
                throw new IllegalArgumentException("bag " + bagPath + " was recorded with realtime pacing: sim time followed the wall clock, so the "
                        + "step at which each command took effect depended on thread scheduling and the run is not reproducible; "
                        + "record with runner.pacing=fast or lockstep to check determinism");
            }
            Scenario scenario = new ScenarioLoader(info.environment()).load(materialise(info.scenarioPath(), info.scenarioText(), "scenario"),
                    info.overrides());
            Path configFile = info.configPath().isEmpty() ? null : materialise(info.configPath(), info.configText(), "configuration");
            BridgeConfig config = new BridgeConfigLoader().load(configFile, info.environment(), info.overrides());
            if (scenario.seed() != info.seed()) {
                throw new IllegalStateException("the re-loaded scenario has seed " + scenario.seed() + ", the bag says " + info.seed());
            }
            List<String> topics = new ArrayList<>();
            for (BagConnection c : bag.connections()) {
                if (!c.topic().startsWith("/hilbridge/") && !c.topic().equals(DIAGNOSTICS) && !topics.contains(c.topic())) {
                    topics.add(c.topic());
                }
            }
            CommandScript commands = CommandScript.of(bag);
            progress.printf("hilbridge: re-running %s (%s pacing, seed %d) with %d recorded commands; comparing %d topics%n", scenario.name(),
                    info.pacing(), info.seed(), commands.size(), topics.size());
            ComparingGraph graph = new ComparingGraph(bag, topics);
            Runner runner = new Runner(scenario, config, progress);
            runner.replayCommands(commands);
            // The recorder used the recorded configuration's ROS mapping (ros.* topics and frames; cli.Recording), so the bytes must agree.
            RosSink sink = new RosSink(graph, MessageCatalog.standard(), runner.streams(), config.ros().sink(), PooledByteBufAllocator.DEFAULT);
            graph.setTimeNanos(0);
            runner.attachLossless(new SampleSink() {
                @Override
                public String name() {
                    return "determinism-check";
                }

                @Override
                public void accept(SensorSample sample) {
                    graph.setTimeNanos(sample.captureNanos());
                    sink.accept(sample);
                }
            });
            runner.run();
            List<Divergence> divergences = graph.finish();
            long messages = 0;
            for (String t : topics) {
                messages += bag.messagesOn(t).size();
            }
            return new CheckResult(messages, topics.size(), divergences);
        }
    }

    /** The /hilbridge/run text of {@code bag}. */
    public static RunInfo runInfo(BagReader bag) throws IOException {
        List<BagMessage> run = bag.messagesOn(RunInfo.TOPIC);
        if (run.isEmpty()) {
            throw new IllegalArgumentException("bag " + bag.path() + " has no " + RunInfo.TOPIC + " message: it was not recorded by `hilbridge run --record`, "
                    + "so there is no scenario to re-run");
        }
        return RunInfo.parse(CommandScript.stringBody(bag.read(run.get(0)), RunInfo.TOPIC));
    }

    /**
     * The file to load {@code text} from: the recorded path itself when it still holds that text, else a copy
     * of the text next to it (so relative height-map paths resolve as they did), or in a temporary folder
     * when that folder is gone.
     */
    private static Path materialise(String recordedPath, String text, String what) throws IOException {
        Path original = Path.of(recordedPath);
        if (Files.isRegularFile(original) && Files.readString(original, StandardCharsets.UTF_8).equals(text)) {
            return original;
        }
        String name = original.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String suffix = dot < 0 ? "" : name.substring(dot);
        Path dir = original.getParent() != null && Files.isDirectory(original.getParent()) && Files.isWritable(original.getParent())
                ? original.getParent() : null;
        Path copy = dir == null ? Files.createTempFile("hilbridge-replay-", suffix) : Files.createTempFile(dir, ".hilbridge-replay-", suffix);
        copy.toFile().deleteOnExit();
        Files.writeString(copy, text, StandardCharsets.UTF_8);
        System.err.printf("hilbridge: %s %s changed since the recording; re-running the recorded text (copied to %s)%n", what, original, copy);
        return copy;
    }
}
