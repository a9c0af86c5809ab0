package org.hilbridge.augment.gate;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.GroundingScores;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gate on a real render: appearance changes pass, moved or painted geometry fails. */
@Timeout(60)
class GroundingGateTest {
    static final int W = 256;
    static final int H = 192;
    private final AugmentInput raw = TestFrames.render(W, H);
    private final GroundingGate gate = new GroundingGate(GateThresholds.DEFAULT);

    private GroundingScores score(byte[] augmented) {
        return gate.score(W, H, raw.rgb8(), augmented, raw.semantic());
    }

    @Test
    void theRawFrameAgainstItselfScoresOneEverywhere() {
        GroundingScores s = score(raw.rgb8().clone());
        assertEquals(1, s.edgeF1(), 1e-12);
        assertEquals(1, s.blurSsim(), 1e-4);
        // The structure term's variance floor keeps it a little under 1 on faint texture, even against itself.
        assertEquals(1, s.structure(), 0.02);
        assertEquals(1, s.worstTileStructure(), 0.05);
        assertEquals(1, s.boundaryRecall(), 1e-12);
        assertTrue(gate.passes(s));
    }

    @Test
    void aThreePixelShiftFails() {
        byte[] shifted = Shapes.shift(raw.rgb8(), W, H, 3);
        GroundingScores s = score(shifted);
        assertFalse(gate.passes(s), s.toString());
    }

    @Test
    void aPaintedBlobFails() {
        byte[] painted = Shapes.blob(raw.rgb8(), W, H, 0.62 * W, 0.62 * H, 0.14 * H, 200, 30, 40);
        GroundingScores s = score(painted);
        assertFalse(gate.passes(s), s.toString());
    }

    @Test
    void physicallyBasedWeatherAndSensorEffectsPass() {
        PhotometricBackend backend = new PhotometricBackend();
        for (Map<String, Double> p : new Map[] {
                Map.of(FOG_VISIBILITY_M, 400.0),
                Map.of(RAIN_RATE_MM_H, 10.0, RAIN_WETNESS, 0.8),
                Map.of(SNOW_RATE, 0.4),
                Map.of(SENSOR_EXPOSURE_EV, -1.0, SENSOR_WB_RED_GAIN, 1.3, LENS_VIGNETTING, 0.8),
                Map.of(SENSOR_LIGHT_LEVEL, 0.1, NOISE_FULL_WELL_E, 10000.0, NOISE_READ_NOISE_E, 3.0),
                Map.of(LIGHT_SUN_SCALE, 0.2, LIGHT_SKY_SCALE, 0.8),
                Map.of(CODEC_JPEG_QUALITY, 40.0),
                Map.of(LENS_DIRT, 0.5)}) {
            byte[] out = backend.augment(raw, SPACE.of(p), 5);
            GroundingScores s = score(out);
            assertTrue(gate.passes(s), p + " " + s);
        }
    }
}
