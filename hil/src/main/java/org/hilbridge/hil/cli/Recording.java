package org.hilbridge.hil.cli;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hilbridge.bridge.ros.sink.RosGraph;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.ConfigOverride;
import org.hilbridge.hil.record.BagRecorder;
import org.hilbridge.hil.record.RunInfo;
import org.hilbridge.hil.record.TopicSelection;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;

/** `run --record BAG [--record-topics ...]`: what to record, and attaching the recorder to a runner. */
record Recording(Path bag, TopicSelection topics, Path scenarioFile, Path configFile, List<String> overrides) {
    BagRecorder attach(Runner runner, Scenario scenario, BridgeConfig config, RosGraph network) throws IOException, InterruptedException {
        Map<String, String> env = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith(ConfigOverride.ENV_PREFIX)) {
                env.put(k, v);
            }
        });
        RunInfo info = new RunInfo(scenario.name(), scenarioFile.toAbsolutePath().toString(), Files.readString(scenarioFile, StandardCharsets.UTF_8),
                configFile == null ? "" : configFile.toAbsolutePath().toString(),
                configFile == null ? "" : Files.readString(configFile, StandardCharsets.UTF_8), overrides, env, scenario.seed(), config.pacing(),
                "hilbridge 0.1.0");
        // With ros.enabled the recorder's sink is the run's ROS sink: it writes each body to the bag and hands the
        // same buffer to the node (network), so the bag holds exactly what the wire carried.
        BagRecorder recorder = BagRecorder.open(bag, topics, runner.streams(), info, config.ros().sink(), network, PooledByteBufAllocator.DEFAULT);
        if (BridgeConfig.REALTIME.equals(config.pacing())) {
            runner.attach(recorder); // realtime never waits for the disk: a slow disk loses samples (counted in the summary)
        } else {
            runner.attachLossless(recorder);
        }
        runner.tapCommands(recorder);
        runner.addProgressNote(() -> String.format("bag %.1f MB", recorder.sizeBytesNow() / 1e6));
        return recorder;
    }
}
