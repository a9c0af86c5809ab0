package org.hilbridge.augment.onnx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Optional;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.scene.SceneBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's controls as models, at 1280x720 (the benchmark's size) through OnnxBackend, Augmenter and the default gate,
 * on a pose of the default scenario's sparse scenery: the 3-pixel shift and the painted disc are rejected, the
 * depth-driven exposure change, the colour-mixing Conv and the identity pass (GateAt720pTest pins the same controls
 * drawn in Java on more poses).
 */
@Timeout(120)
class OnnxControlsAt720pTest {
    static final int W = 1280;
    static final int H = 720;

    @Test
    void theNegativeControlsAreRejectedAndThePositiveOnesPass(@TempDir Path dir) throws Exception {
        TestModels.build(dir, W, H);
        for (double[] pose : new double[][] {{3, 0.0}}) {   // where the gate before its displacement and contour checks passed both
            AugmentInput raw = TestFrames.render(W, H, (long) pose[0], pose[1], new Vec3(), SceneBuilder.defaultDensity());
            String where = "seed " + (long) pose[0] + " yaw " + pose[1] + ": ";
            for (String model : new String[] {"identity", "exposure", "conv", "shift3", "blob"}) {
                OnnxModelSpec spec = OnnxModelSpec.simple(dir.resolve(model + ".onnx"), model.equals("exposure") ? Optional.of("depth") : Optional.empty(),
                        Optional.empty());
                try (Augmenter a = new Augmenter(new OnnxBackend(spec), new GroundingGate(GateThresholds.DEFAULT), 1)) {
                    AugmentedFrame f = a.apply(raw, a.backend().space().identity());
                    Outcome expected = model.equals("shift3") || model.equals("blob") ? Outcome.REJECTED : Outcome.AUGMENTED;
                    assertEquals(expected, f.outcome(), where + model + " " + f.scores());
                }
            }
        }
    }
}
