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
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.junit.jupiter.api.Test;

/**
 * Fast pacing renders camera frames behind the simulation; lockstep renders them in line. Both must give
 * the same frames, every one, in order (the pixels depend only on the capture instant's pose).
 */
class PipelinedCameraTest {
    private static Map<Long, Integer> frames(String pacing) throws Exception {
        Scenario s = new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/offroad_course.yaml"),
                List.of("duration_s=3", "sensors(4).width_px=160", "sensors(4).height_px=120"));
        Runner r = new Runner(s, TestScenarios.config(pacing), new PrintStream(OutputStream.nullOutputStream()));
        r.attachSynchronous(TestScenarios.follower(s, 5));
        Map<Long, Integer> hashes = new ConcurrentSkipListMap<>();
        long[] last = {-1};
        r.attach(TestScenarios.sink("frames", sample -> {
            if (sample instanceof CameraFrame f) {
                assertEquals(last[0] + 1, f.sequence(), "frames arrive in order, none missing");
                last[0] = f.sequence();
                hashes.put(f.sequence(), 31 * Arrays.hashCode(f.image().rgbData()) + Arrays.hashCode(f.image().depthData()));
            }
        }), 1000);
        r.run();
        return hashes;
    }

    @Test
    void pipelinedFramesEqualInLineFrames() throws Exception {
        Map<Long, Integer> fast = frames("fast");
        Map<Long, Integer> lockstep = frames("lockstep");
        assertEquals(90, fast.size(), "30 Hz for 3 s, the last one flushed at the end");
        assertEquals(lockstep, fast);
        assertTrue(fast.values().stream().distinct().count() > 80, "the frames change as the vehicle drives");
    }
}
