package org.hilbridge.augment.gate;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.GroundingScores;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.scene.SceneBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The negative controls at the benchmark's size, 1280x720, on several rendered poses of the default scenario's sparse
 * scenery (issue 9: they must be rejected there too). These poses are where the gate before its displacement and contour
 * checks let them through: a 3-pixel move is a smaller share of the content's scale than at the other tests' 256x192, so
 * the structure term stayed over 0.8; the disc covered faintly textured ground, so no tile's raw-weighted structure fell.
 * Appearance changes must still pass on the same poses.
 */
@Timeout(120)
class GateAt720pTest {
    static final int W = 1280;
    static final int H = 720;
    /** Terrain and scenery seed, yaw (radians) of each pose. */
    static final double[][] POSES = {{3, 0.0}, {3, 0.6}, {5, -1.2}};

    @Test
    void theNegativeControlsFailAndAppearanceChangesPassOnEveryPose() {
        GroundingGate gate = new GroundingGate(GateThresholds.DEFAULT);
        PhotometricBackend backend = new PhotometricBackend();
        for (double[] pose : POSES) {
            AugmentInput raw = TestFrames.render(W, H, (long) pose[0], pose[1], new Vec3(), SceneBuilder.defaultDensity());
            String where = "seed " + (long) pose[0] + " yaw " + pose[1] + ": ";
            for (int px : new int[] {3, -3}) {
                GroundingScores s = gate.score(W, H, raw.rgb8(), Shapes.shift(raw.rgb8(), W, H, px), raw.semantic());
                assertFalse(gate.passes(s), where + "shift " + px + " " + s);
            }
            GroundingScores down = gate.score(W, H, raw.rgb8(), Shapes.shiftDown(raw.rgb8(), W, H, 3), raw.semantic());
            assertFalse(gate.passes(down), where + "shift down " + down);
            GroundingScores blob = gate.score(W, H, raw.rgb8(), Shapes.blob(raw.rgb8(), W, H, 0.62 * W, 0.62 * H, 0.14 * H, 200, 30, 40), raw.semantic());
            assertFalse(gate.passes(blob), where + "blob " + blob);
            for (Map<String, Double> p : List.of(
                    Map.of(SENSOR_EXPOSURE_EV, -1.0, SENSOR_WB_RED_GAIN, 1.3, LENS_VIGNETTING, 0.8),
                    Map.of(FOG_VISIBILITY_M, 400.0),
                    Map.of(SNOW_RATE, 0.4),
                    Map.of(CODEC_JPEG_QUALITY, 40.0))) {
                GroundingScores s = gate.score(W, H, raw.rgb8(), backend.augment(raw, SPACE.of(p), 5), raw.semantic());
                assertTrue(gate.passes(s), where + p + " " + s);
            }
        }
    }
}
