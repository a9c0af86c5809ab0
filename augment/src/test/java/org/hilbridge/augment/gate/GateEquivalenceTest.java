package org.hilbridge.augment.gate;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.GroundingScores;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.sim.math.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast gate gives the same scores, to the bit, as the gate as first written ({@link ReferenceGroundingGate}: one
 * plain pass per step), on renders under the photometric weather and sensor effects, on the negative controls (a
 * shift, a painted blob), on noise, on sizes with odd and tiny sides, and for every threshold that changes how the
 * gate measures (edge tolerance, blur sigma, tiles). Bit-identical because every float and double sum keeps its
 * order; a reordering (a different box-filter running sum, a pairwise tile sum) would show here as a last-bit
 * difference.
 */
@Timeout(120)
class GateEquivalenceTest {
    private static void assertSameScores(GateThresholds t, int w, int h, byte[] raw, byte[] augmented, byte[] semantic, String what) {
        GroundingScores reference = new ReferenceGroundingGate(t).score(w, h, raw, augmented, semantic);
        // Record equality compares the doubles bit for bit (Double.compare); the vector paths and the scalar ones.
        assertEquals(reference, new GroundingGate(t, true).score(w, h, raw, augmented, semantic), "vector paths, " + what + " " + w + "x" + h + " " + t);
        assertEquals(reference, new GroundingGate(t, false).score(w, h, raw, augmented, semantic), "scalar paths, " + what + " " + w + "x" + h + " " + t);
    }

    /** The augmentations the gate must judge: weather and sensor effects (pass) and the negative controls (fail). */
    private static List<byte[]> augmentations(AugmentInput raw) {
        PhotometricBackend backend = new PhotometricBackend();
        List<byte[]> out = new ArrayList<>();
        for (Map<String, Double> p : List.of(
                Map.of(FOG_VISIBILITY_M, 400.0, RAIN_RATE_MM_H, 10.0, RAIN_WETNESS, 0.7, SENSOR_LIGHT_LEVEL, 0.3, NOISE_FULL_WELL_E, 10000.0,
                        NOISE_READ_NOISE_E, 3.0, SENSOR_EXPOSURE_EV, 0.3, SENSOR_WB_RED_GAIN, 1.1, LENS_VIGNETTING, 0.5),
                Map.of(FOG_VISIBILITY_M, 60.0),
                Map.of(SNOW_RATE, 0.4),
                Map.of(SENSOR_LIGHT_LEVEL, 0.05, NOISE_FULL_WELL_E, 5000.0, NOISE_READ_NOISE_E, 6.0),
                Map.of(CODEC_JPEG_QUALITY, 30.0, LENS_DIRT, 0.6))) {
            out.add(backend.augment(raw, SPACE.of(p), 11));
        }
        int w = raw.width(), h = raw.height();
        out.add(Shapes.shift(raw.rgb8(), w, h, 3));
        out.add(Shapes.shiftDown(raw.rgb8(), w, h, 2));
        out.add(Shapes.blob(raw.rgb8(), w, h, 0.6 * w, 0.6 * h, 0.15 * h, 200, 30, 40));
        out.add(raw.rgb8().clone());
        return out;
    }

    @Test
    void theVectorPathsRunHere() {
        // The tests run with --add-modules jdk.incubator.vector (the root pom's surefire argLine), so the comparisons
        // below pin the vector paths too; on a machine without AVX-512 the SSIM map's would fall back to the scalar one.
        assertTrue(BoxCascade.vectorUsable(), "BoxVector needs --add-modules " + org.hilbridge.augment.VectorApi.MODULE + " and 8-float vectors");
    }

    @Test
    void rendersUnderWeatherAndNegativeControlsScoreTheSameDoubles() {
        for (int[] size : new int[][] {{256, 192}, {203, 117}}) {
            AugmentInput raw = TestFrames.render(size[0], size[1], 5, 0.7, new Vec3(8, 0, 0));
            for (byte[] augmented : augmentations(raw)) {
                assertSameScores(GateThresholds.DEFAULT, size[0], size[1], raw.rgb8(), augmented, raw.semantic(), "render");
                assertSameScores(GateThresholds.PHYSICAL, size[0], size[1], raw.rgb8(), augmented, raw.semantic(), "render");
            }
        }
    }

    @Test
    void everyMeasuringThresholdScoresTheSameDoubles() {
        AugmentInput raw = TestFrames.render(160, 120);
        List<byte[]> augmented = augmentations(raw);
        for (int tol = 0; tol <= 4; tol++) {
            for (double sigma : new double[] {0, 1, 2.5, 7}) {
                for (int tiles : new int[] {1, 3, 16}) {
                    GateThresholds t = new GateThresholds(0.25, 0.3, 0.8, 0.55, 0.6, tol, sigma, tiles);
                    for (int k = 0; k < augmented.size(); k += 2) {
                        assertSameScores(t, 160, 120, raw.rgb8(), augmented.get(k), raw.semantic(), "augmentation " + k);
                    }
                }
            }
        }
    }

    @Test
    void noiseAndTinyOrOddSizesScoreTheSameDoubles() {
        SplittableRandom random = new SplittableRandom(9);
        for (int[] size : new int[][] {{1, 1}, {2, 1}, {1, 7}, {2, 2}, {3, 3}, {5, 4}, {4, 9}, {7, 6}, {9, 13}, {33, 17}, {64, 3}, {130, 98}}) {
            int w = size[0], h = size[1], n = w * h;
            byte[] raw = new byte[3 * n], augmented = new byte[3 * n], semantic = new byte[n];
            for (int trial = 0; trial < 4; trial++) {
                random.nextBytes(raw);
                // Trial 0: independent noise; then the raw plus a little noise, so edges and structure partly agree.
                for (int i = 0; i < raw.length; i++) {
                    augmented[i] = trial == 0 ? (byte) random.nextInt(256) : (byte) Math.max(0, Math.min(255, (raw[i] & 0xFF) + random.nextInt(-8 * trial, 8 * trial + 1)));
                }
                for (int p = 0; p < n; p++) {
                    semantic[p] = (byte) random.nextInt(3);
                }
                for (GateThresholds t : new GateThresholds[] {GateThresholds.DEFAULT, new GateThresholds(0, -1, -1, -1, 0, 2, 3, 5), new GateThresholds(0, -1, -1, -1, 0, 4, 16, 16)}) {
                    assertSameScores(t, w, h, raw, augmented, semantic, "noise trial " + trial);
                }
            }
        }
    }

    @Test
    void oneGateReusedAcrossSizesScoresLikeAFreshOne() {
        // The gate keeps its buffers between frames of one size and remakes them when the size changes.
        GroundingGate gate = new GroundingGate(GateThresholds.DEFAULT);
        GroundingGate scalar = new GroundingGate(GateThresholds.DEFAULT, false);
        for (int[] size : new int[][] {{96, 64}, {51, 37}, {96, 64}, {1, 1}, {96, 64}}) {
            AugmentInput raw = TestFrames.render(size[0], size[1]);
            byte[] augmented = Shapes.shift(raw.rgb8(), size[0], size[1], 1);
            GroundingScores reference = new ReferenceGroundingGate(GateThresholds.DEFAULT).score(size[0], size[1], raw.rgb8(), augmented, raw.semantic());
            assertEquals(reference, gate.score(size[0], size[1], raw.rgb8(), augmented, raw.semantic()), size[0] + "x" + size[1]);
            assertEquals(reference, scalar.score(size[0], size[1], raw.rgb8(), augmented, raw.semantic()), "scalar " + size[0] + "x" + size[1]);
        }
    }
}
