package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.vehicle.Vehicle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Realtime pacing never waits for the renderer: a camera tick that finds the previous frame still rendering
 * is skipped (no capture, counted) and the frame in flight goes out at the next tick after it is done. The
 * render is held by a gate the test opens, so what is "still rendering" is decided by the test, not by timing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelinedCameraSkipTest {
    private static final long PERIOD_NANOS = 33_333_333;

    private static CameraSensor camera(Scenario s) {
        return camera(s, Runnable::run);
    }

    /** The scenario's camera rendering its bands on {@code renderPool}. */
    private static CameraSensor camera(Scenario s, Executor renderPool) {
        List<Sensor> sensors = SensorFactory.create(s, renderPool, 1);
        return (CameraSensor) sensors.stream().filter(x -> x instanceof CameraSensor).findFirst().orElseThrow();
    }

    private static Scenario scenario() throws Exception {
        return new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/offroad_course.yaml"),
                List.of("sensors(4).width_px=80", "sensors(4).height_px=60"));
    }

    @Test
    void aTickThatFindsTheFrameStillRenderingIsSkippedNotWaitedFor() throws Exception {
        Scenario s = scenario();
        Vehicle vehicle = new Vehicle(s.vehicle(), s.world());
        vehicle.place(0, 0, 0, 0);
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        // Realtime renders on the camera's own render thread; the gate holds the renderer's band tasks (open while
        // the renderer is built, which precomputes shading on the same executor).
        AtomicBoolean gated = new AtomicBoolean();
        CameraSensor camera = camera(s, task -> {
            if (gated.get()) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            task.run();
        });
        gated.set(true);
        PipelinedCamera behind = null;
        try {
            List<Long> published = new ArrayList<>();
            behind = new PipelinedCamera(camera, pool, (SensorSample x) -> published.add(x.sequence()), null, true);
            behind.tick(vehicle, 0);              // frame 0 captured, held at the gate
            behind.tick(vehicle, PERIOD_NANOS);     // still rendering: skipped (a waiting tick would hang here)
            behind.tick(vehicle, 2 * PERIOD_NANOS); // skipped
            assertEquals(2, behind.skippedTicks());
            assertEquals(List.of(), published, "nothing out while frame 0 renders");
            gate.countDown();
            behind.flush();
            behind.tick(vehicle, 3 * PERIOD_NANOS); // frame 1 captured: the skipped ticks took no sequence number
            behind.flush();
            assertEquals(List.of(0L, 1L), published);
            assertEquals(2, behind.skippedTicks());
        } finally {
            gate.countDown();
            if (behind != null) {
                behind.close();
            }
            pool.shutdownNow();
        }
    }

    @Test
    void fastPacingWaitsForEveryFrame() throws Exception {
        Scenario s = scenario();
        Vehicle vehicle = new Vehicle(s.vehicle(), s.world());
        vehicle.place(0, 0, 0, 0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<Long> published = new ArrayList<>();
            PipelinedCamera behind = new PipelinedCamera(camera(s), pool, (SensorSample x) -> published.add(x.sequence()), null);
            for (int k = 0; k < 3; k++) {
                behind.tick(vehicle, k * PERIOD_NANOS);
            }
            behind.flush();
            assertEquals(List.of(0L, 1L, 2L), published, "every tick renders, in order");
            assertEquals(0, behind.skippedTicks());
        } finally {
            pool.shutdownNow();
        }
    }
}
