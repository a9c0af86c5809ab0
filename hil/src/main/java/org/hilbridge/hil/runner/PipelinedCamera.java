package org.hilbridge.hil.runner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.SceneContext;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Fast pacing renders camera frames behind the simulation: at each camera tick the pose is captured on the
 * simulation thread and the frame renders on another thread while the physics and the other sensors go on;
 * the frame is published at the camera's next tick (or the end of the run), in order, one in flight. The
 * pixels are those the capture instant gives, so only when sinks receive the frame changes, not what it
 * holds. Lockstep renders synchronously instead, so the controller sees every frame before it answers.
 * With augmentation in fast pacing, the augmented frame is made on the same thread after the render (from the
 * scene context taken at the capture) and published right after the raw frame. In realtime pacing the raw frame
 * is published alone and then handed to the augmentation's real-time stage (its own worker, a deadline per
 * frame), whose results the runner publishes as they come ({@link CameraAugmentation#poll}).
 */
final class PipelinedCamera {
    private final CameraSensor camera;
    private final Executor driver;
    private final Consumer<SensorSample> publish;
    private final CameraAugmentation augmentation;
    private final boolean skipWhenBusy;
    private final Consumer<AugmentedFrame> publishAugmented;
    private CompletableFuture<SensorSample[]> inFlight;
    /** The scene context of the frame in flight (realtime augmentation submits it with the rendered frame). */
    private SceneContext inFlightContext;
    private long skippedTicks;

    /** @param augmentation null for none */
    PipelinedCamera(CameraSensor camera, Executor driver, Consumer<SensorSample> publish, CameraAugmentation augmentation) {
        this(camera, driver, publish, augmentation, false);
    }

    /**
     * @param augmentation null for none
     * @param skipWhenBusy realtime: a tick that finds the previous frame still rendering is skipped (no capture,
     *                     counted in {@link #skippedTicks()}) instead of waiting for it, so the simulation thread
     *                     never waits for the renderer and a slow machine gets a lower frame rate, as a camera
     *                     whose driver falls behind drops frames; fast pacing waits (every frame is rendered)
     */
    PipelinedCamera(CameraSensor camera, Executor driver, Consumer<SensorSample> publish, CameraAugmentation augmentation, boolean skipWhenBusy) {
        this.camera = camera;
        this.driver = driver;
        this.publish = publish;
        this.augmentation = augmentation;
        this.skipWhenBusy = skipWhenBusy;
        this.publishAugmented = publish::accept;
    }

    /** Simulation thread, at the camera's tick: publishes the previous frame, starts the next. */
    void tick(Vehicle vehicle, long nowNanos) {
        if (skipWhenBusy && inFlight != null && !inFlight.isDone()) {
            skippedTicks++;
            return;
        }
        flush();
        CameraSensor.Capture c = camera.capture(vehicle, nowNanos);
        SceneContext context = augmentation == null ? null : augmentation.context(c, vehicle);
        inFlightContext = context;
        inFlight = CompletableFuture.supplyAsync(() -> {
            CameraFrame frame = camera.render(c);
            return augmentation == null || augmentation.realtime() ? new SensorSample[] {frame}
                    : new SensorSample[] {frame, augmentation.apply(frame, context)};
        }, driver);
    }

    String streamId() {
        return camera.streamId();
    }

    /** Ticks skipped because the previous frame was still rendering (realtime only). */
    long skippedTicks() {
        return skippedTicks;
    }

    /** Waits for the frame in flight, if any, and publishes it (and its augmented frame). */
    void flush() {
        if (inFlight == null) {
            return;
        }
        SensorSample[] samples;
        try {
            samples = inFlight.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("camera " + camera.streamId() + " failed to render: " + e.getCause(), e.getCause());
        }
        inFlight = null;
        if (augmentation != null && augmentation.realtime()) {
            augmentation.expire(publishAugmented);   // the previous frame's augmented frame goes out before this raw frame
        }
        for (SensorSample s : samples) {
            publish.accept(s);
        }
        if (augmentation != null && augmentation.realtime()) {
            augmentation.submit((CameraFrame) samples[0], inFlightContext);
        }
        inFlightContext = null;
    }
}
