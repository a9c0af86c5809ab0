package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Outcome;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runner publishes an augmented frame right after each camera frame, with its stamps, the same in fast and lockstep runs. */
@Timeout(120)
class AugmentRunTest {
    @TempDir
    Path dir;

    private List<SensorSample> run(String pacing) throws Exception {
        Path file = Files.writeString(dir.resolve("augmented.yaml"), """
                seed: 4
                duration_s: 1
                terrain: {type: rolling, size_m: 200, cell_size_m: 1}
                weather: {condition: fog, intensity: 0.3}
                sensors:
                  - {name: ground_truth, type: ground_truth, rate_hz: 50}
                  - {name: front, type: camera, rate_hz: 10, width_px: 160, height_px: 120}
                route: [{x_m: 0, y_m: 0}, {x_m: 80, y_m: 0}]
                augment:
                  params: {sensor: {exposure_ev: -0.5}, noise: {full_well_e: 20000}}
                """);
        Scenario s = new ScenarioLoader(Map.of()).load(file, List.of());
        Runner r = new Runner(s, TestScenarios.config(pacing), new PrintStream(OutputStream.nullOutputStream()));
        r.attachSynchronous(TestScenarios.follower(s, 4));
        List<SensorSample> got = Collections.synchronizedList(new ArrayList<>());
        r.attach(new SampleSink() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public void accept(SensorSample sample) {
                if (sample instanceof CameraFrame || sample instanceof AugmentedFrame) {
                    got.add(sample);
                }
            }
        }, 10_000);
        r.run();
        return got;
    }

    @Test
    void everyCameraFrameIsFollowedByItsAugmentedFrameWithItsStampsAndRunsRepeat() throws Exception {
        List<SensorSample> fast = run("fast");
        List<SensorSample> lockstep = run("lockstep");
        for (List<SensorSample> got : List.of(fast, lockstep)) {
            assertEquals(20, got.size(), "10 camera frames in 1 s, each followed by its augmented frame");
            for (int i = 0; i < got.size(); i += 2) {
                CameraFrame raw = (CameraFrame) got.get(i);
                AugmentedFrame aug = (AugmentedFrame) got.get(i + 1);
                assertEquals(raw.streamId(), aug.streamId());
                assertEquals(raw.sequence(), aug.sequence());
                assertEquals(raw.captureNanos(), aug.captureNanos());
                assertEquals(raw.frameId(), aug.frameId());
                assertEquals("photometric", aug.provenance().backend());
                assertEquals(-0.5, aug.provenance().parameters().get("sensor.exposure_ev"));
                assertEquals(2000 * Math.pow(30 / 2000.0, 0.3), aug.provenance().parameters().get("fog.visibility_m"), 1e-9, "the weather's fog");
                assertEquals(Outcome.AUGMENTED, aug.outcome(), aug.scores().toString());
                assertFalse(java.util.Arrays.equals(raw.image().rgbData(), aug.rgb8()));
            }
        }
        for (int i = 1; i < fast.size(); i += 2) {
            assertArrayEquals(((AugmentedFrame) fast.get(i)).rgb8(), ((AugmentedFrame) lockstep.get(i)).rgb8(), "frame " + i / 2 + ": same seed, same pixels");
        }
    }
}
