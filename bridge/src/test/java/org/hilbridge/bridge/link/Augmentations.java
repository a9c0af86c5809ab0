package org.hilbridge.bridge.link;

import java.util.Map;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.GroundingScores;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.Provenance;
import org.hilbridge.augment.SceneContexts;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraParams;

/** Augmented frames for the transports' tests. */
public final class Augmentations {
    private Augmentations() {
    }

    /**
     * {@code f}'s augmented frame with every byte inverted (so it differs from the raw pixels everywhere), the
     * given outcome, a fixed provenance and fixed scores (what the transports must carry, not what a backend makes).
     */
    public static AugmentedFrame inverted(CameraFrame f, Outcome outcome) {
        byte[] raw = f.image().rgbData();
        byte[] out = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = (byte) ~raw[i];
        }
        return new AugmentedFrame(f.streamId(), f.sequence(), f.captureNanos(), f.frameId(), f.width(), f.height(), out, outcome,
                new Provenance("photometric", "ab12", Map.of("fog.visibility_m", 150.0, "noise.full_well_e", Double.POSITIVE_INFINITY), 77),
                outcome == Outcome.LATE ? GroundingScores.NOT_MEASURED : new GroundingScores(0.91, 0.62, 0.97, 0.83, 0.88));
    }

    /** {@code f} through the real photometric backend and grounding gate: fog of {@code visibilityM}. */
    public static AugmentedFrame fog(CameraFrame f, double visibilityM) {
        PhotometricBackend backend = new PhotometricBackend();
        Augmenter a = new Augmenter(backend, new GroundingGate(GateThresholds.PHYSICAL), 42);
        AugmentInput in = AugmentInput.of(f, SceneContexts.of(CameraParams.Lighting.DEFAULT, new Rotation(), new Vec3()));
        return a.apply(in, backend.space().of(Map.of("fog.visibility_m", visibilityM)));
    }
}
