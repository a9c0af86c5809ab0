package org.hilbridge.hil.runner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Fast pacing renders camera frames behind the simulation: at each camera tick the pose is captured on the
 * simulation thread and the frame renders on another thread while the physics and the other sensors go on;
 * the frame is published at the camera's next tick (or the end of the run), in order, one in flight. The
 * pixels are those the capture instant gives, so only when sinks receive the frame changes, not what it
 * holds. Lockstep renders synchronously instead, so the controller sees every frame before it answers.
 */
final class PipelinedCamera {
    private final CameraSensor camera;
    private final Executor driver;
    private final Consumer<CameraFrame> publish;
    private CompletableFuture<CameraFrame> inFlight;

    PipelinedCamera(CameraSensor camera, Executor driver, Consumer<CameraFrame> publish) {
        this.camera = camera;
        this.driver = driver;
        this.publish = publish;
    }

    /** Simulation thread, at the camera's tick: publishes the previous frame, starts the next. */
    void tick(Vehicle vehicle, long nowNanos) {
        flush();
        CameraSensor.Capture c = camera.capture(vehicle, nowNanos);
        inFlight = CompletableFuture.supplyAsync(() -> camera.render(c), driver);
    }

    /** Waits for the frame in flight, if any, and publishes it. */
    void flush() {
        if (inFlight == null) {
            return;
        }
        CameraFrame frame;
        try {
            frame = inFlight.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("camera " + camera.streamId() + " failed to render: " + e.getCause(), e.getCause());
        }
        inFlight = null;
        publish.accept(frame);
    }
}
