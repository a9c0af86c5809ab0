package org.hilbridge.hil.runner;

import java.util.function.Consumer;
import org.hilbridge.augment.AugmentBackend;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.SceneContext;
import org.hilbridge.augment.SceneContexts;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.onnx.OnnxBackend;
import org.hilbridge.augment.param.ParameterSampler;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.augment.stage.AugmentStage;
import org.hilbridge.augment.stage.RealtimeAugmentStage;
import org.hilbridge.augment.stage.StageStats;
import org.hilbridge.augment.stage.SynchronousAugmentStage;
import org.hilbridge.hil.scenario.AugmentSettings;
import org.hilbridge.hil.scenario.Weather;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * One camera's augmentation in a run: the scene context is taken at the capture instant on the simulation
 * thread ({@link #context}), the frame is augmented when it has rendered. Two disciplines (issue 9, "Real-time
 * discipline"):
 * <ul>
 * <li>fast and lockstep pacing: synchronous ({@link SynchronousAugmentStage}), every frame waited for, so runs
 * are reproducible: {@link #apply} returns the augmented frame;
 * <li>realtime pacing: {@link RealtimeAugmentStage}, off the simulation thread: {@link #submit} hands the
 * rendered frame to the stage's worker and returns at once, {@link #poll} (each physics step) hands out the
 * results that are ready in order, and a frame with no result by its deadline (augment.deadline_ms, default
 * one frame period of the camera, counted from the submission) goes out as the raw frame flagged LATE. A
 * frame's augmented frame also goes out before the camera's next frame ({@link #expire}, LATE if need be):
 * transports pair a raw frame with the augmented frame that follows it, so a deadline longer than the frame
 * period does not take effect beyond the next frame.
 * </ul>
 * Parameters: the scenario's base set (weather, then explicit values), with the sampled keys drawn per frame
 * by sequence number. The camera's velocity is the vehicle's (its CG's; the lever arm's rotation term is left out).
 */
final class CameraAugmentation implements AutoCloseable {
    private final CameraSensor camera;
    private final AugmentStage stage;
    private final Augmenter augmenter;
    private final boolean realtime;
    private final long deadlineNanos;
    private final ParameterSet base;
    private final ParameterSampler sampler;
    /** Receives the one frame a synchronous {@link #apply} hands out (no lambda per frame). */
    private AugmentedFrame handedOut;
    private final Consumer<AugmentedFrame> takeHandedOut = f -> handedOut = f;

    /** The scenario's backend; realtime: whether the run is paced in real time. */
    CameraAugmentation(CameraSensor camera, AugmentSettings settings, Weather weather, boolean realtime) {
        this(camera, settings, weather, backend(settings), realtime);
    }

    /** With a backend of the caller's (tests: a backend slowed on purpose). */
    CameraAugmentation(CameraSensor camera, AugmentSettings settings, Weather weather, AugmentBackend backend, boolean realtime) {
        this.camera = camera;
        this.realtime = realtime;
        this.deadlineNanos = settings.deadlineNanos(camera.rateHz());
        this.augmenter = new Augmenter(backend, new GroundingGate(settings.gate()), settings.seed());
        this.stage = realtime ? new RealtimeAugmentStage(augmenter, deadlineNanos, settings.queueCapacity(), System::nanoTime)
                : new SynchronousAugmentStage(augmenter);
        this.base = settings.base(weather);
        this.sampler = settings.sampleKeys().isEmpty() ? null
                : new ParameterSampler(base, settings.sampleKeys(), settings.sampleBlock(), settings.seed() ^ camera.streamId().hashCode());
    }

    static AugmentBackend backend(AugmentSettings settings) {
        return AugmentSettings.ONNX.equals(settings.backend()) ? new OnnxBackend(settings.onnx()) : new PhotometricBackend(settings.space(), settings.seed());
    }

    /**
     * The consumer of the frames {@link #poll}, {@link #expire} and {@link #drain} hand out: publishes each, then gives
     * up the hold it came out of the stage with (AugmentStage): every holder has taken its own by then.
     */
    static Consumer<AugmentedFrame> publishingThenReleasing(Consumer<? super AugmentedFrame> publish) {
        return f -> {
            publish.accept(f);
            f.release();
        };
    }

    String streamId() {
        return camera.streamId();
    }

    /** Whether results come later through {@link #poll} (realtime pacing) rather than from {@link #apply}. */
    boolean realtime() {
        return realtime;
    }

    /** Simulation thread, at the capture: the light, the camera's orientation and its velocity. */
    SceneContext context(CameraSensor.Capture capture, Vehicle vehicle) {
        Vec3 v = vehicle.velocityWorldMps();
        return SceneContexts.of(camera.renderer().params().lighting(), capture.orientation(), new Vec3(v.x, v.y, v.z));
    }

    private ParameterSet params(CameraFrame frame) {
        return sampler == null ? base : sampler.draw(frame.sequence());
    }

    /**
     * Fast and lockstep: the augmented frame of {@code frame}, waited for; {@code frame} is read during the call
     * only. The frame returned comes with one hold (AugmentStage): the caller releases it once published.
     */
    AugmentedFrame apply(CameraFrame frame, SceneContext context) {
        if (realtime) {
            throw new IllegalStateException("realtime pacing augments through submit and poll");
        }
        stage.submit(AugmentInput.of(frame, context), params(frame));
        handedOut = null;
        stage.poll(takeHandedOut);
        AugmentedFrame f = handedOut;
        handedOut = null;
        return f;
    }

    /**
     * Realtime, simulation thread, once the raw frame is published: starts its augmentation; never blocks. The
     * stage holds {@code frame}'s image while its worker reads it; the frames {@link #poll}, {@link #expire} and
     * {@link #drain} hand out come with one hold each, which their consumer releases once it has published them.
     */
    void submit(CameraFrame frame, SceneContext context) {
        stage.submit(AugmentInput.of(frame, context), params(frame));
    }

    /** Realtime, simulation thread: hands out the results that are ready (or past their deadline, raw and LATE), in order; never blocks. */
    int poll(Consumer<AugmentedFrame> out) {
        return stage.poll(out);
    }

    /** Realtime, simulation thread, before the camera's next frame is published: hands out every frame still in the stage, raw and LATE where its result is not ready. */
    int expire(Consumer<AugmentedFrame> out) {
        return stage.expire(out);
    }

    /** End of the run: hands out every frame still in the stage, waiting at most until the last one's deadline. */
    int drain(Consumer<AugmentedFrame> out) throws InterruptedException {
        return stage.drain(out);
    }

    StageStats stats() {
        return stage.stats();
    }

    /** Augmented pixel buffers made because every pooled one was still held (AugmentedPixels). */
    long pixelsMadeBeyondPool() {
        return augmenter.pixelsMadeBeyondPool();
    }

    /** What became of this camera's frames so far. */
    AugmentSummary summary() {
        StageStats s = stage.stats();
        return new AugmentSummary(camera.streamId(), realtime ? AugmentSummary.REALTIME : AugmentSummary.SYNCHRONOUS, realtime ? deadlineNanos : 0,
                s.augmented(), s.rejected(), s.late(), s.failed());
    }

    @Override
    public void close() {
        stage.close();
    }
}
