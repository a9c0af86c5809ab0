package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.Outcome;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImagePool;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A camera with augmentation renders into its pooled images and augments into pooled pixel buffers (issue 7,
 * under CameraFrame's ownership rule): a raw image or an augmented buffer is written again only when every holder
 * of its frame has let it go. Pinned from the outside, by content, as PooledCameraFramesTest pins the raw frames:
 * a sink that keeps the last raw and augmented frames (retained) finds their pixels unchanged when it looks again,
 * while the pools did reuse their images and buffers and a slow sink's queue dropped frames; frames sent raw (LATE
 * in realtime, REJECTED, FAILED) hold the raw image like any consumer. And pooling changes no pixel: the augmented
 * frames of fast and lockstep runs equal, bit for bit, those of a run whose every frame went into a new image and
 * a new buffer (a sink that never gives a hold back leaves the pools empty, so each frame is made afresh).
 */
@Timeout(180)
class PooledAugmentedFramesTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final String CAMERA = "front_camera";
    private static final int KEPT = 6;

    private static Scenario scenario(String weather) throws Exception {
        return new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/offroad_course.yaml"),
                List.of("duration_s=3", "sensors(4).width_px=160", "sensors(4).height_px=120", "augment.enabled=true", "weather.condition=" + weather));
    }

    private static Runner runner(String pacing) throws Exception {
        return runner(pacing, "fog");
    }

    private static Runner runner(String pacing, String weather) throws Exception {
        Scenario s = scenario(weather);
        Runner r = new Runner(s, TestScenarios.config(pacing), QUIET);
        r.attachSynchronous(TestScenarios.follower(s, 5));
        return r;
    }

    private static int hash(SensorSample s) {
        if (s instanceof CameraFrame f) {
            return 31 * (31 * Arrays.hashCode(f.image().rgbData()) + Arrays.hashCode(f.image().depthData())) + Arrays.hashCode(f.image().normalData());
        }
        return Arrays.hashCode(((AugmentedFrame) s).rgb8());
    }

    /** Content hashes at arrival, by sequence, from a sink that only reads during accept: raw frames and augmented frames. */
    private record Arrivals(Map<Long, Integer> raw, Map<Long, Integer> augmented, Map<Long, Outcome> outcomes) {
    }

    private static Arrivals arrivals(Runner r) {
        Arrivals a = new Arrivals(new ConcurrentSkipListMap<>(), new ConcurrentSkipListMap<>(), new ConcurrentSkipListMap<>());
        r.attach(TestScenarios.sink("hashes", sample -> {
            if (sample instanceof CameraFrame f) {
                a.raw().put(f.sequence(), hash(f));
            } else if (sample instanceof AugmentedFrame f) {
                a.augmented().put(f.sequence(), hash(f));
                a.outcomes().put(f.sequence(), f.outcome());
            }
        }), 1000);
        return a;
    }

    /** Keeps the last {@value #KEPT} frames of one kind, retained; looks at each again when it pushes it out (and after the run). */
    private static final class Keeper {
        final ArrayDeque<SensorSample> kept = new ArrayDeque<>();
        final Map<Long, Integer> atArrival = new ConcurrentSkipListMap<>();
        final List<String> changed = Collections.synchronizedList(new ArrayList<>());

        void keep(SensorSample s) {
            atArrival.put(s.sequence(), hash(s));
            kept.addLast(s.retain());
            if (kept.size() > KEPT) {
                look(kept.pollFirst(), "");
            }
        }

        void look(SensorSample s, String when) {
            if (hash(s) != atArrival.get(s.sequence())) {
                changed.add("#" + s.sequence() + when);
            }
            s.release();
        }

        void lookAtTheRest() {
            while (!kept.isEmpty()) {
                look(kept.pollFirst(), " (after the run)");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "lockstep", "realtime"})
    void framesASinkHoldsAreNeverWrittenAgain(String pacing) throws Exception {
        Runner r = runner(pacing);
        Arrivals arrivals = arrivals(r);
        Keeper raw = new Keeper();
        Keeper augmented = new Keeper();
        boolean[] allPooled = {true};
        r.attach(TestScenarios.sink("keeper", sample -> {
            if (sample instanceof CameraFrame f) {
                allPooled[0] &= f.image().pooled();
                raw.keep(f);
            } else if (sample instanceof AugmentedFrame a) {
                allPooled[0] &= a.owner() != null && a.owner().pooled();
                augmented.keep(a);
            }
        }), 1000);
        // A slow sink with a queue of 1: most frames are dropped from its queue, and each drop gives its hold back.
        r.attach(TestScenarios.slowSink("slow", AugmentedFrame.class), 1);
        r.run();
        raw.lookAtTheRest();
        augmented.lookAtTheRest();
        int frames = augmented.atArrival.size();
        assertTrue(allPooled[0], "every raw image and every augmented frame's pixels are pooled");
        assertTrue(raw.changed.isEmpty(), "raw frames written into while a sink held them: " + raw.changed);
        assertTrue(augmented.changed.isEmpty(), "augmented frames written into while a sink held them: " + augmented.changed
                + " (outcomes " + arrivals.outcomes() + ")");
        assertTrue(frames > ("realtime".equals(pacing) ? 20 : 80), frames + " augmented frames");
        assertEquals(raw.atArrival.keySet(), augmented.atArrival.keySet(), "an augmented frame for every raw frame");
        assertEquals(arrivals.raw(), raw.atArrival, "both sinks saw the same raw pixels");
        assertEquals(arrivals.augmented(), augmented.atArrival, "both sinks saw the same augmented pixels");
        assertTrue(arrivals.augmented().values().stream().distinct().count() > 0.9 * frames, "the augmented frames change as the vehicle drives");
        long augmentedOnes = arrivals.outcomes().values().stream().filter(o -> o == Outcome.AUGMENTED).count();
        assertTrue(augmentedOnes > ("realtime".equals(pacing) ? 5 : frames - 1), augmentedOnes + " of " + frames + " frames augmented: "
                + arrivals.outcomes());
        // Kept + in the sinks' queues + rendering and waiting: the pools grew to what the holders needed and reused
        // those images and buffers for the rest of the frames.
        CameraImagePool images = r.imagePools().get(CAMERA);
        assertTrue(images.created() < frames / 2, images.created() + " images made for " + frames + " frames: the pool reuses them");
        long buffers = Augmenter.POOLED_PIXELS + r.augmentedPixelsBeyondPool().get(CAMERA);
        assertTrue(buffers < frames / 2, buffers + " augmented pixel buffers made for " + frames + " frames: the pool reuses them");
    }

    /**
     * The augmented (and raw) frames of a run, by content, against a run where every frame went into a new image and
     * buffer; in fog, and in the weathers whose chains draw the most (rain's streaks, snow, night's sensor noise): a
     * backend that left any byte of a reused buffer unwritten would show an earlier frame's pixels there.
     */
    @ParameterizedTest
    @CsvSource({"fast, fog", "lockstep, fog", "fast, rain", "fast, snow", "fast, night"})
    void pooledFramesEqualFramesMadeAfresh(String pacing, String weather) throws Exception {
        Runner pooled = runner(pacing, weather);
        Arrivals reused = arrivals(pooled);
        pooled.run();

        Runner fresh = runner(pacing, weather);
        Arrivals made = arrivals(fresh);
        // Holds every frame to the end of the run and never gives one back (CameraFrame's rule allows it: the pools
        // keep nothing that is out): every frame renders into a new image and augments into a new buffer.
        fresh.attach(TestScenarios.sink("never_releases", SensorSample::retain), 1000);
        fresh.run();

        int frames = reused.augmented().size();
        assertEquals(90, frames, "30 Hz for 3 s");
        assertTrue(fresh.imagePools().get(CAMERA).createdWhenEmpty() >= frames - PipelinedCamera.POOLED_IMAGES,
                "the reference run made an image per frame: " + fresh.imagePools().get(CAMERA).created());
        assertTrue(fresh.augmentedPixelsBeyondPool().get(CAMERA) >= frames - Augmenter.POOLED_PIXELS,
                "the reference run made a pixel buffer per frame: " + fresh.augmentedPixelsBeyondPool());
        assertTrue(pooled.imagePools().get(CAMERA).created() < frames / 2, "the pooled run reused its images");
        assertTrue(Augmenter.POOLED_PIXELS + pooled.augmentedPixelsBeyondPool().get(CAMERA) < frames / 2, "the pooled run reused its buffers");
        assertEquals(made.outcomes(), reused.outcomes());
        long augmentedOnes = reused.outcomes().values().stream().filter(o -> o == Outcome.AUGMENTED).count();
        assertTrue(augmentedOnes > frames / 2, augmentedOnes + " of " + frames + " frames augmented in " + weather + ": " + reused.outcomes());
        assertEquals(made.raw(), reused.raw(), "raw frames, bit for bit");
        assertEquals(made.augmented(), reused.augmented(), "augmented frames, bit for bit");
    }
}
