package org.hilbridge.hil.runner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.SceneContext;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImagePool;
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
 *
 * <p>In realtime pacing the simulation thread allocates nothing per frame (issue 7): the capture's pose goes
 * into one reusable pose ({@link CameraSensor#captureInto}; a new capture only happens once the last frame is
 * done, so the pose is never written while it renders) and the frame is handed to this camera's own render
 * thread through volatile fields and park/unpark (as {@link PipelinedLidar} does) instead of a future and an
 * executor's queue node. The frame itself is made on the render thread.
 *
 * <p>Frames render into images from a small {@link CameraImagePool} (issue 7: a new 7.4 MB image per frame was
 * the run's largest allocation, ~100 MB/s, and with G1's defaults its humongous planes started a concurrent
 * cycle every few seconds). The camera holds each frame from its render until it has been published (to the
 * arbiter, the controllers, the fault schedule and every sink's queue) and, in realtime, handed to the
 * augmentation; then it gives its hold up, and the image returns to the pool once every other holder has let
 * it go (CameraFrame's ownership rule). With augmentation too: the real-time stage holds the raw frame while its
 * worker reads it, an augmented frame sent with the raw pixels (LATE, REJECTED, FAILED) holds the raw image as any
 * consumer does, and the augmented pixels come from the augmenter's own pool under the same rule; this camera
 * gives up the hold each augmented frame came out of the stage with once it is published.
 */
final class PipelinedCamera implements AutoCloseable {
    /**
     * Images made for each camera when the run starts: one rendering, one rendered and waiting for its tick,
     * and two for the sinks still sending earlier frames (a pool that runs empty makes another, counted).
     */
    static final int POOLED_IMAGES = 4;
    private final CameraSensor camera;
    private final Executor driver;
    private final Consumer<SensorSample> publish;
    private final CameraAugmentation augmentation;
    private final boolean skipWhenBusy;
    private final Consumer<AugmentedFrame> publishAugmented;
    /** Where frames render. */
    private final CameraImagePool pool;
    private CompletableFuture<SensorSample[]> inFlight;
    /** The scene context of the frame in flight (realtime augmentation submits it with the rendered frame). */
    private SceneContext inFlightContext;
    private long skippedTicks;

    // Realtime (skipWhenBusy): the render thread and the hand-off. The simulation thread writes the request
    // fields, then the volatile requested; the render thread clears requested before it sets rendered, and the
    // simulation thread writes a new request only after it has taken rendered: each side writes only when the
    // other has let go.
    private final Thread renderThread;
    private final Vec3 capturePosition = new Vec3();
    private final Rotation captureOrientation = new Rotation();
    private long captureSequence;
    private long captureNanos;
    private volatile boolean requested;
    private volatile CameraFrame rendered;
    private volatile RuntimeException renderFailure;
    private volatile boolean closed;
    /** Simulation thread only (realtime): a frame requested and not yet published. */
    private boolean realtimeInFlight;

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
        this.publishAugmented = CameraAugmentation.publishingThenReleasing(publish);
        this.pool = new CameraImagePool(camera.renderer(), POOLED_IMAGES);
        if (skipWhenBusy) {
            renderThread = new Thread(this::renderLoop, "camera-" + camera.streamId());
            renderThread.setDaemon(true);
            renderThread.start();
        } else {
            renderThread = null;
        }
    }

    /** Simulation thread, at the camera's tick: publishes the previous frame, starts the next. */
    void tick(Vehicle vehicle, long nowNanos) {
        if (skipWhenBusy) {
            realtimeTick(vehicle, nowNanos);
            return;
        }
        flush();
        CameraSensor.Capture c = camera.capture(vehicle, nowNanos);
        SceneContext context = augmentation == null ? null : augmentation.context(c, vehicle);
        inFlightContext = context;
        inFlight = CompletableFuture.supplyAsync(() -> {
            CameraFrame frame = camera.render(c, pool.acquire());
            return augmentation == null || augmentation.realtime() ? new SensorSample[] {frame}
                    : new SensorSample[] {frame, augmentation.apply(frame, context)};
        }, driver);
    }

    String streamId() {
        return camera.streamId();
    }

    /** This camera's image pool. */
    CameraImagePool pool() {
        return pool;
    }

    /** Ticks skipped because the previous frame was still rendering (realtime only). */
    long skippedTicks() {
        return skippedTicks;
    }

    /** Realtime: skips the tick while the last frame renders, else publishes it and hands the next capture over. */
    private void realtimeTick(Vehicle vehicle, long nowNanos) {
        if (realtimeInFlight && rendered == null && renderFailure == null) {
            skippedTicks++;
            return;
        }
        flush();
        if (augmentation != null) {
            // The scene context needs a Capture of its own (augmentation is off in the default sensor set).
            CameraSensor.Capture c = camera.capture(vehicle, nowNanos);
            inFlightContext = augmentation.context(c, vehicle);
            capturePosition.set(c.positionM());
            captureOrientation.set(c.orientation());
            captureSequence = c.sequence();
        } else {
            captureSequence = camera.captureInto(vehicle, capturePosition, captureOrientation);
        }
        captureNanos = nowNanos;
        realtimeInFlight = true;
        requested = true; // after the request's fields: the render thread reads them after this
        LockSupport.unpark(renderThread);
    }

    private void renderLoop() {
        while (!closed) {
            if (!requested) {
                LockSupport.park(this);
                continue;
            }
            CameraFrame frame;
            try {
                frame = camera.render(captureSequence, captureNanos, capturePosition, captureOrientation, pool.acquire());
            } catch (RuntimeException e) {
                renderFailure = e;
                return;
            }
            requested = false;
            rendered = frame;
        }
    }

    /** Realtime: waits for the frame requested, if any, and publishes it. */
    private void realtimeFlush() {
        if (!realtimeInFlight) {
            return;
        }
        while (rendered == null) {
            RuntimeException e = renderFailure;
            if (e != null) {
                throw new IllegalStateException("camera " + camera.streamId() + " failed to render: " + e, e);
            }
            LockSupport.parkNanos(20_000);
        }
        CameraFrame frame = rendered;
        rendered = null;
        realtimeInFlight = false;
        if (augmentation != null && augmentation.realtime()) {
            augmentation.expire(publishAugmented);   // the previous frame's augmented frame goes out before this raw frame
        }
        publish.accept(frame);
        if (augmentation != null && augmentation.realtime()) {
            augmentation.submit(frame, inFlightContext); // the stage holds it while its worker reads it
        }
        inFlightContext = null;
        frame.release(); // the camera's own hold: every holder has taken its own by now
    }

    /** Stops the realtime render thread (after {@link #flush()}; a frame still rendering is lost). */
    @Override
    public void close() {
        closed = true;
        if (renderThread != null) {
            LockSupport.unpark(renderThread);
        }
    }

    /** Waits for the frame in flight, if any, and publishes it (and its augmented frame). */
    void flush() {
        if (skipWhenBusy) {
            realtimeFlush();
            return;
        }
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
            augmentation.submit((CameraFrame) samples[0], inFlightContext); // the stage holds it while its worker reads it
        }
        inFlightContext = null;
        for (SensorSample s : samples) {
            s.release(); // the camera's own hold on the raw frame, the stage's on the augmented one: every holder has taken its own by now
        }
    }
}
