package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Realtime pacing seals LiDAR revolutions on another thread ({@link PipelinedLidar}); fast pacing seals them
 * in line. With a synchronous controller the drive is the same in any pacing, so both must give the same
 * revolutions, every one, in order, bit for bit: only the moment the sinks receive them moves.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipelinedLidarTest {
    private static final double DURATION_S = 2;

    private static Map<Long, Integer> revolutions(BridgeConfig config) throws Exception {
        Scenario c = new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/offroad_course.yaml"), List.of("duration_s=" + DURATION_S));
        // Ground truth (the follower's input) and the VLP-16; no camera to render.
        Scenario s = new Scenario(c.name(), c.seed(), c.durationS(), c.world(), c.weather(), c.vehicle(), c.initial(),
                c.sensors().stream().filter(x -> x.type().equals("ground_truth") || x.type().equals("lidar")).toList(), c.route(), c.goal(),
                c.faults(), c.criteria());
        Runner r = new Runner(s, config, new PrintStream(OutputStream.nullOutputStream()));
        r.attachSynchronous(TestScenarios.follower(s, 5));
        Map<Long, Integer> hashes = new ConcurrentSkipListMap<>();
        long[] last = {-1};
        r.attach(TestScenarios.sink("clouds", sample -> {
            if (sample instanceof PointCloudSample p) {
                assertEquals(last[0] + 1, p.sequence(), "revolutions arrive in order, none missing");
                last[0] = p.sequence();
                assertEquals(p.sequence() * 100_000_000L, p.captureNanos(), "stamped at the revolution's start");
                hashes.put(p.sequence(), Arrays.hashCode(new int[] {Arrays.hashCode(p.x()), Arrays.hashCode(p.y()), Arrays.hashCode(p.z()),
                        Arrays.hashCode(p.intensity()), Arrays.hashCode(p.ring()), Arrays.hashCode(p.timeOffsetS()),
                        Arrays.hashCode(p.semanticClassId())}));
            }
        }), 1000);
        r.run();
        return hashes;
    }

    @Test
    void revolutionsSealedBehindTheRealtimeLoopEqualThoseSealedInLine() throws Exception {
        Map<Long, Integer> fast = revolutions(TestScenarios.config(BridgeConfig.FAST));
        // Four times real time: half a second of wall time, the pacer working every step.
        Map<Long, Integer> realtime = revolutions(TestScenarios.realtime(new BridgeConfig.Realtime(4, BridgeConfig.Realtime.CATCH_UP, 5.0, 200)));
        assertEquals(19, fast.size(), "10 Hz for 2 s: revolutions 0 to 18, each once (the 20th finishes at the 2 s step, after the run)");
        assertEquals(fast, realtime);
        assertTrue(fast.values().stream().distinct().count() > 15, "the clouds change as the vehicle drives");
    }
}
