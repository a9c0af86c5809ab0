package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImagePool;
import org.hilbridge.sim.time.SimTime;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Camera frames render into a small pool of images (issue 7) under CameraFrame's ownership rule: an image is
 * rendered into again only when every holder has let it go. Pinned from the outside, by content: a sink that
 * keeps frames (retained, as the rule asks) finds each one's pixels unchanged when it looks again later, while
 * the pool did reuse images; a slow sink whose queue drops frames gives their holds back (the pool stays small);
 * a frozen_frames fault republishes exactly the last frame before it; a sensor_latency fault (frames held by the
 * delayed hand-off) delivers the same pixels as a run without it.
 */
@Timeout(120)
class PooledCameraFramesTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final String CAMERA = "front_camera";

    private static Scenario scenario(List<Scenario.FaultSpec> faults) throws Exception {
        Scenario s = new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/offroad_course.yaml"),
                List.of("duration_s=3", "sensors(4).width_px=160", "sensors(4).height_px=120"));
        return new Scenario(s.name(), s.seed(), s.durationS(), s.world(), s.weather(), s.vehicle(), s.initial(), s.sensors(), s.route(),
                s.goal(), faults, s.criteria(), s.augment());
    }

    private static int hash(CameraFrame f) {
        return 31 * (31 * Arrays.hashCode(f.image().rgbData()) + Arrays.hashCode(f.image().depthData())) + Arrays.hashCode(f.image().normalData());
    }

    private static Runner runner(Scenario s, String pacing) {
        Runner r = new Runner(s, TestScenarios.config(pacing), QUIET);
        r.attachSynchronous(TestScenarios.follower(s, 5));
        return r;
    }

    /** Camera frames' content hash at arrival, by sequence, from a sink that only reads during accept. */
    private static Map<Long, Integer> hashesAtArrival(Runner r) {
        Map<Long, Integer> hashes = new ConcurrentSkipListMap<>();
        r.attach(TestScenarios.sink("hashes", sample -> {
            if (sample instanceof CameraFrame f) {
                hashes.put(f.sequence(), hash(f));
            }
        }), 1000);
        return hashes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "lockstep", "realtime"})
    void aFrameASinkHoldsIsNeverRenderedIntoAgain(String pacing) throws Exception {
        Runner r = runner(scenario(List.of()), pacing);
        Map<Long, Integer> atArrival = hashesAtArrival(r);
        // Keeps the last 6 frames it saw (a sink that encodes later, a recorder that batches): retained on
        // arrival, looked at again and released when pushed out, the rest looked at after the run.
        ArrayDeque<CameraFrame> kept = new ArrayDeque<>();
        Map<Long, Integer> keptHash = new ConcurrentSkipListMap<>();
        List<String> changed = new ArrayList<>();
        boolean[] allPooled = {true};
        r.attach(TestScenarios.sink("keeper", sample -> {
            if (sample instanceof CameraFrame f) {
                allPooled[0] &= f.image().pooled();
                keptHash.put(f.sequence(), hash(f));
                kept.addLast(f.retain());
                if (kept.size() > 6) {
                    CameraFrame old = kept.pollFirst();
                    if (hash(old) != keptHash.get(old.sequence())) {
                        changed.add("#" + old.sequence());
                    }
                    old.release();
                }
            }
        }), 1000);
        // A slow sink with a queue of 1: most frames are dropped from its queue, and each drop gives its hold back.
        r.attach(TestScenarios.slowSink("slow", CameraFrame.class), 1);
        r.run();
        for (CameraFrame f : kept) {
            if (hash(f) != keptHash.get(f.sequence())) {
                changed.add("#" + f.sequence() + " (after the run)");
            }
        }
        assertTrue(allPooled[0], "every frame of a camera without augmentation renders into a pooled image");
        assertTrue(changed.isEmpty(), "frames rendered into while a sink held them: " + changed);
        assertTrue(keptHash.size() > ("realtime".equals(pacing) ? 20 : 80), keptHash.size() + " frames");
        assertEquals(atArrival, keptHash, "both sinks saw the same pixels");
        assertTrue(atArrival.values().stream().distinct().count() > 0.9 * atArrival.size(), "the frames change as the vehicle drives");
        CameraImagePool pool = r.imagePools().get(CAMERA);
        // Six kept + one rendering + one waiting + the slow sink's + the in-flight queue entries: the pool grew to what
        // the holders needed, and reused those images for the rest of the ~90 frames.
        assertTrue(pool.created() < keptHash.size() / 2, pool.created() + " images made for " + keptHash.size() + " frames: the pool reuses them");
        for (CameraFrame f : kept) {
            f.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "lockstep"})
    void frozenFramesRepublishTheLastFrameBeforeTheFault(String pacing) throws Exception {
        Runner r = runner(scenario(List.of(new Scenario.FaultSpec("frozen_frames", 1.0, 1.0, CAMERA, 0, 0))), pacing);
        Map<Long, Integer> seen = hashesAtArrival(r);
        Map<Long, Long> stamps = new ConcurrentSkipListMap<>();
        r.attach(TestScenarios.sink("stamps", sample -> {
            if (sample instanceof CameraFrame f) {
                stamps.put(f.sequence(), f.captureNanos());
            }
        }), 1000);
        r.run();
        Map<Long, Integer> live = frames(scenario(List.of()), pacing);
        assertEquals(90, seen.size());
        long lastBefore = -1;
        for (Map.Entry<Long, Long> e : stamps.entrySet()) {
            if (e.getValue() < SimTime.fromSeconds(1.0)) {
                lastBefore = e.getKey();
            }
        }
        int frozen = live.get(lastBefore);
        int during = 0;
        for (Map.Entry<Long, Integer> e : seen.entrySet()) {
            long t = stamps.get(e.getKey());
            if (t >= SimTime.fromSeconds(1.0) && t < SimTime.fromSeconds(2.0)) {
                during++;
                assertEquals(frozen, e.getValue(), "#" + e.getKey() + " in the freeze shows frame #" + lastBefore);
            } else {
                assertEquals(live.get(e.getKey()), e.getValue(), "#" + e.getKey() + " outside the freeze is the live frame");
            }
        }
        assertEquals(30, during, "a second of 30 Hz frozen");
        assertNotEquals(frozen, live.get(lastBefore + 15), "the live frames moved on meanwhile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "lockstep"})
    void framesHeldByALatencyFaultArriveUnchanged(String pacing) throws Exception {
        Map<Long, Integer> delayed = frames(scenario(List.of(new Scenario.FaultSpec("sensor_latency", 0.5, 2.0, CAMERA, 0.2, 0.05))), pacing);
        Map<Long, Integer> live = frames(scenario(List.of()), pacing);
        assertEquals(90, delayed.size());
        assertEquals(live, delayed, "the pixels of every frame, delayed or not");
        assertFalse(live.isEmpty());
    }

    private static Map<Long, Integer> frames(Scenario s, String pacing) throws Exception {
        Runner r = runner(s, pacing);
        Map<Long, Integer> hashes = hashesAtArrival(r);
        r.run();
        return hashes;
    }
}
