package org.hilbridge.hil.runner;

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
import org.hilbridge.augment.stage.StageStats;
import org.hilbridge.augment.stage.SynchronousAugmentStage;
import org.hilbridge.hil.scenario.AugmentSettings;
import org.hilbridge.hil.scenario.Weather;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * One camera's augmentation in a run (fast and lockstep pacing: synchronous, every frame waited for, so runs
 * are reproducible): the scene context is taken at the capture instant on the simulation thread
 * ({@link #context}), the frame is augmented when it has rendered ({@link #apply}). Parameters: the scenario's
 * base set (weather, then explicit values), with the sampled keys drawn per frame by sequence number.
 * The camera's velocity is the vehicle's (its CG's; the lever arm's rotation term is left out).
 */
final class CameraAugmentation implements AutoCloseable {
    private final CameraSensor camera;
    private final SynchronousAugmentStage stage;
    private final ParameterSet base;
    private final ParameterSampler sampler;

    CameraAugmentation(CameraSensor camera, AugmentSettings settings, Weather weather) {
        this.camera = camera;
        AugmentBackend backend = AugmentSettings.ONNX.equals(settings.backend())
                ? new OnnxBackend(settings.onnx()) : new PhotometricBackend(settings.space(), settings.seed());
        this.stage = new SynchronousAugmentStage(new Augmenter(backend, new GroundingGate(settings.gate()), settings.seed()));
        this.base = settings.base(weather);
        this.sampler = settings.sampleKeys().isEmpty() ? null
                : new ParameterSampler(base, settings.sampleKeys(), settings.sampleBlock(), settings.seed() ^ camera.streamId().hashCode());
    }

    /** Simulation thread, at the capture: the light, the camera's orientation and its velocity. */
    SceneContext context(CameraSensor.Capture capture, Vehicle vehicle) {
        Vec3 v = vehicle.velocityWorldMps();
        return SceneContexts.of(camera.renderer().params().lighting(), capture.orientation(), new Vec3(v.x, v.y, v.z));
    }

    /** The augmented frame of {@code frame}, waited for. */
    AugmentedFrame apply(CameraFrame frame, SceneContext context) {
        ParameterSet params = sampler == null ? base : sampler.draw(frame.sequence());
        stage.submit(AugmentInput.of(frame, context), params);
        AugmentedFrame[] out = new AugmentedFrame[1];
        stage.drain(f -> out[0] = f);
        return out[0];
    }

    StageStats stats() {
        return stage.stats();
    }

    @Override
    public void close() {
        stage.close();
    }
}
