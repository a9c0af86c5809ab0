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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hilbridge.augment.AugmentBackend;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.param.ParameterSpace;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.augment.Outcome;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner publishes an augmented frame after each camera frame, with its stamps: right after it and the same
 * in fast and lockstep runs (every result waited for); in realtime runs off the simulation thread, the raw frame
 * flagged LATE in place of a result that misses its deadline (issue 9, "Real-time discipline").
 */
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
        r.attach(TestScenarios.sink("recorder", sample -> {
            if (sample instanceof CameraFrame || sample instanceof AugmentedFrame) {
                got.add(sample.retain()); // kept past accept (CameraFrame)
            }
        }), 10_000);
        r.run();
        return got;
    }

    /**
     * Augments with the scenario's backend, but first, on every frame of odd sequence k, waits up to {@code slowMs}
     * for the simulation to publish camera frame k + 1 (a frame period later): past the deadline either way. A
     * simulation that goes on while the backend is busy releases it (counted in {@code releasedByProgress}); one
     * that waited for the augmentation could not, and the backend times out. Records the threads it ran on.
     */
    private static final class SlowOnOddFrames implements AugmentBackend {
        final AugmentBackend inner;
        final long slowMs;
        final List<SensorSample> published;
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final Set<Long> releasedByProgress = ConcurrentHashMap.newKeySet();
        final Set<Long> timedOut = ConcurrentHashMap.newKeySet();

        SlowOnOddFrames(AugmentBackend inner, long slowMs, List<SensorSample> published) {
            this.inner = inner;
            this.slowMs = slowMs;
            this.published = published;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String modelHash() {
            return inner.modelHash();
        }

        @Override
        public ParameterSpace space() {
            return inner.space();
        }

        @Override
        public void augment(AugmentInput in, ParameterSet params, long seed, byte[] outRgb8) {
            threads.add(Thread.currentThread().getName());
            if (in.sequence() % 2 == 1) {
                long until = System.nanoTime() + slowMs * 1_000_000;
                while (!nextFramePublished(in.sequence())) {
                    if (System.nanoTime() - until >= 0) {
                        timedOut.add(in.sequence());
                        break;
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while slow on purpose", e);
                    }
                }
                if (!timedOut.contains(in.sequence())) {
                    releasedByProgress.add(in.sequence());
                }
            }
            inner.augment(in, params, seed, outRgb8);
        }

        private boolean nextFramePublished(long sequence) {
            synchronized (published) {
                for (SensorSample x : published) {
                    if (x instanceof CameraFrame f && f.sequence() == sequence + 1) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    private record SlowRun(List<SensorSample> published, RunSummary summary, SlowOnOddFrames backend) {
    }

    /**
     * The camera at 2 Hz (a frame every 500 ms), a deadline of 250 ms, a backend slow on odd frames (up to 600 ms,
     * until the next frame is out). Realtime pacing with policy fail: a step held back by more than the 400 ms
     * tolerance stops the run as an overrun.
     */
    private SlowRun slowRun(String pacing) throws Exception {
        Path file = Files.writeString(dir.resolve("slow.yaml"), """
                seed: 4
                duration_s: 4
                terrain: {type: rolling, size_m: 200, cell_size_m: 1}
                sensors:
                  - {name: ground_truth, type: ground_truth, rate_hz: 50}
                  - {name: front, type: camera, rate_hz: 2, width_px: 160, height_px: 120}
                route: [{x_m: 0, y_m: 0}, {x_m: 80, y_m: 0}]
                augment:
                  deadline_ms: 250
                  params: {sensor: {exposure_ev: -0.5}}
                """);
        Scenario s = new ScenarioLoader(Map.of()).load(file, List.of());
        BridgeConfig config = BridgeConfig.REALTIME.equals(pacing)
                ? TestScenarios.realtime(new BridgeConfig.Realtime(1.0, BridgeConfig.Realtime.FAIL, 400, 200)) : TestScenarios.config(pacing);
        Runner r = new Runner(s, config, new PrintStream(OutputStream.nullOutputStream()));
        List<SensorSample> got = Collections.synchronizedList(new ArrayList<>());
        SlowOnOddFrames[] backend = new SlowOnOddFrames[1];
        r.useAugmentBackends(camera -> backend[0] = new SlowOnOddFrames(CameraAugmentation.backend(s.augment()), 600, got));
        r.attachSynchronous(TestScenarios.follower(s, 4));
        r.attach(recorder(got), 10_000);
        RunSummary summary = r.run();
        return new SlowRun(List.copyOf(got), summary, backend[0]);
    }

    private static SampleSink recorder(List<SensorSample> got) {
        return TestScenarios.sink("recorder", sample -> {
            if (sample instanceof CameraFrame || sample instanceof AugmentedFrame) {
                got.add(sample.retain()); // kept past accept (CameraFrame)
            }
        });
    }

    /** Each camera frame published once, then its augmented frame (later, not necessarily next), in sequence order, with the raw stamps. */
    private static Map<Long, AugmentedFrame> pairedInOrder(List<SensorSample> got, int frames) {
        Map<Long, CameraFrame> raw = new HashMap<>();
        Map<Long, AugmentedFrame> augmented = new LinkedHashMap<>();
        long lastAugmented = Long.MIN_VALUE;
        for (SensorSample x : got) {
            if (x instanceof CameraFrame f) {
                for (long earlier : raw.keySet()) {
                    assertTrue(augmented.containsKey(earlier), "camera frame " + f.sequence() + " published before the augmented frame of " + earlier
                            + ": transports pair a raw frame with the augmented frame that follows it");
                }
                assertNull(raw.put(f.sequence(), f), "raw frame " + f.sequence() + " published twice");
            } else {
                AugmentedFrame a = (AugmentedFrame) x;
                CameraFrame f = raw.get(a.sequence());
                assertNotNull(f, "augmented frame " + a.sequence() + " published before its raw frame");
                assertTrue(a.sequence() > lastAugmented, "augmented frame " + a.sequence() + " after " + lastAugmented + ": out of order");
                lastAugmented = a.sequence();
                assertEquals(f.streamId(), a.streamId());
                assertEquals(f.captureNanos(), a.captureNanos(), "frame " + a.sequence() + ": the capture stamp is the raw frame's");
                assertEquals(f.frameId(), a.frameId());
                assertNull(augmented.put(a.sequence(), a));
            }
        }
        assertEquals(frames, raw.size(), "camera frames: " + raw.keySet());
        assertEquals(raw.keySet(), augmented.keySet(), "every camera frame has exactly one augmented frame");
        return augmented;
    }

    @Test
    void realtimeSendsTheRawFrameFlaggedLateForFramesPastTheirDeadlineWithoutHoldingTheSimulation() throws Exception {
        SlowRun run = slowRun(BridgeConfig.REALTIME);
        RealtimeStats rt = run.summary().realtime();
        assertFalse(run.summary().overrunStopped(), "the simulation thread was held back: " + run.summary().events());
        assertEquals(0, rt.overruns(), "steps later than 400 ms: " + rt);
        assertEquals(Set.of("augment"), run.backend().threads, "the backend runs on the stage's worker, never on the simulation thread");
        Map<Long, AugmentedFrame> augmented = pairedInOrder(run.published(), 8);
        long last = Collections.max(augmented.keySet());
        for (long k : augmented.keySet()) {
            if (k % 2 == 1 && k != last) {
                assertTrue(run.backend().releasedByProgress.contains(k), "while frame " + k + " was being augmented the simulation published frame "
                        + (k + 1) + ": it did not wait (timed out: " + run.backend().timedOut + ")");
            }
        }
        Map<Long, CameraFrame> raw = new HashMap<>();
        run.published().stream().filter(CameraFrame.class::isInstance).map(CameraFrame.class::cast).forEach(f -> raw.put(f.sequence(), f));
        for (AugmentedFrame a : augmented.values()) {
            if (a.sequence() % 2 == 1) {
                assertEquals(Outcome.LATE, a.outcome(), "frame " + a.sequence() + " took 600 ms against a 250 ms deadline");
                assertSame(raw.get(a.sequence()).image().rgbData(), a.rgb8(), "a late frame carries the raw pixels");
                assertTrue(Double.isNaN(a.scores().edgeF1()), "a late frame was not scored");
            } else {
                assertEquals(Outcome.AUGMENTED, a.outcome(), "frame " + a.sequence() + " " + a.scores());
                assertFalse(java.util.Arrays.equals(raw.get(a.sequence()).image().rgbData(), a.rgb8()));
            }
        }
        AugmentSummary g = run.summary().augment().get(0);
        assertEquals(new AugmentSummary("front", AugmentSummary.REALTIME, 250_000_000, 4, 0, 4, 0), g);
        assertEquals(0.5, g.deadlineMissRate());
    }

    @Test
    void lockstepWaitsForTheSlowBackendAndPublishesEveryAugmentedFrame() throws Exception {
        SlowRun run = slowRun(BridgeConfig.LOCKSTEP);
        Map<Long, AugmentedFrame> augmented = pairedInOrder(run.published(), 8);
        for (AugmentedFrame a : augmented.values()) {
            assertEquals(Outcome.AUGMENTED, a.outcome(), "frame " + a.sequence() + " " + a.scores());
        }
        // Lockstep augments in line: right after its raw frame, on the simulation thread (the test's).
        for (int i = 0; i < run.published().size(); i += 2) {
            assertEquals(((CameraFrame) run.published().get(i)).sequence(), ((AugmentedFrame) run.published().get(i + 1)).sequence());
        }
        assertEquals(Set.of(Thread.currentThread().getName()), run.backend().threads);
        assertEquals(Set.of(), run.backend().releasedByProgress, "lockstep waits: no frame came while the backend was busy");
        assertEquals(new AugmentSummary("front", AugmentSummary.SYNCHRONOUS, 0, 8, 0, 0, 0), run.summary().augment().get(0));
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
