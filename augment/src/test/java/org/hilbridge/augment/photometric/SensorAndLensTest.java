package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.SceneContext;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.Vector3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sensor and lens effects against their closed forms. */
@Timeout(60)
class SensorAndLensTest {
    private final PhotometricBackend backend = new PhotometricBackend();

    private static double linear(byte code) {
        return SrgbCurve.toLinear((code & 0xFF) / 255.0);
    }

    @Test
    void oneStopMoreExposureDoublesTheLinearSignal() {
        AugmentInput in = TestFrames.synthetic(8, 8, 100, (u, v) -> 10);
        byte[] out = backend.augment(in, SPACE.of(Map.of(SENSOR_EXPOSURE_EV, 1.0)), 1);
        assertEquals(2 * linear(in.rgb8()[0]), linear(out[0]), 0.004);
    }

    /**
     * Foi et al. 2008: the raw signal's variance is a y + b (a = 1 / full well, b = (read noise / full well)^2);
     * a light level L made up by a gain 1 / L gives (a y L + b) / L^2 on the output's scale.
     */
    @Test
    void noiseVarianceFollowsThePoissonGaussianModelAtEveryLightLevel() {
        int w = 400, h = 300;
        AugmentInput in = TestFrames.synthetic(w, h, 124, (u, v) -> 10);
        double y = linear(in.rgb8()[0]);
        double fullWell = 2000, read = 6;
        for (double level : new double[] {1, 0.25}) {
            byte[] out = backend.augment(in, SPACE.of(Map.of(NOISE_FULL_WELL_E, fullWell, NOISE_READ_NOISE_E, read, SENSOR_LIGHT_LEVEL, level)), 7);
            double sum = 0, sq = 0;
            int n = w * h * 3;
            for (int i = 0; i < n; i++) {
                double l = linear(out[i]);
                sum += l;
                sq += l * l;
            }
            double mean = sum / n, variance = sq / n - mean * mean;
            double expected = (y * level / fullWell + (read / fullWell) * (read / fullWell)) / (level * level);
            assertEquals(y, mean, 0.01 * y, "mean at light level " + level);
            assertEquals(expected, variance, 0.05 * expected, "variance at light level " + level);
        }
    }

    /**
     * The counter-based noise generator: deviates independent between neighbouring pixels, between the channels of
     * a pixel and between consecutive seeds. For independent samples the sample correlation has a standard error
     * of 1 / sqrt(n) (here 0.0013 for n = 540000 values): 0.01 is 7.5 standard errors.
     */
    @Test
    void noiseIsUncorrelatedBetweenNeighboursChannelsAndSeeds() {
        int w = 600, h = 300;
        AugmentInput in = TestFrames.synthetic(w, h, 124, (u, v) -> 10);
        ParameterSet p = SPACE.of(Map.of(NOISE_FULL_WELL_E, 2000.0, NOISE_READ_NOISE_E, 6.0));
        double[] one = residuals(backend.augment(in, p, 1)), two = residuals(backend.augment(in, p, 2));
        int n = one.length;
        assertEquals(0, correlation(one, 0, two, 0, n), 0.01, "seeds 1 and 2");
        assertEquals(0, correlation(one, 0, one, 3, n - 3), 0.01, "a pixel and its right neighbour, same channel");
        assertEquals(0, correlation(one, 0, one, 3 * w, n - 3 * w), 0.01, "a pixel and the one below");
        assertEquals(0, correlation(one, 0, one, 1, n - 1), 0.01, "neighbouring channels");
    }

    private static double[] residuals(byte[] out) {
        double[] r = new double[out.length];
        double mean = 0;
        for (int i = 0; i < out.length; i++) {
            r[i] = linear(out[i]);
            mean += r[i] / out.length;
        }
        for (int i = 0; i < out.length; i++) {
            r[i] -= mean;
        }
        return r;
    }

    private static double correlation(double[] a, int fromA, double[] b, int fromB, int n) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++) {
            ab += a[fromA + i] * b[fromB + i];
            aa += a[fromA + i] * a[fromA + i];
            bb += b[fromB + i] * b[fromB + i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void vignettingFollowsTheCosineFourthLawOffAxis() {
        int w = 201, h = 101;
        AugmentInput in = TestFrames.synthetic(w, h, 180, (u, v) -> 10);
        byte[] out = backend.augment(in, SPACE.of(Map.of(LENS_VIGNETTING, 1.0)), 1);
        int centre = 3 * (50 * w + 100), corner = 0;
        assertEquals(in.rgb8()[centre], out[centre]);
        double x = (0 - in.cxPx()) / in.fxPx(), yy = (0 - in.cyPx()) / in.fyPx();
        double cos4 = Math.pow(1 / (1 + x * x + yy * yy), 2);
        assertEquals(cos4 * linear(in.rgb8()[corner]), linear(out[corner]), 0.004);
    }

    @Test
    void motionBlurFollowsTheMotionFieldStandingStillIsSharpAndTheFocusOfExpansionStaysPut() {
        AugmentInput raw = TestFrames.render(160, 120);
        byte[] still = backend.augment(raw, SPACE.of(Map.of(BLUR_EXPOSURE_MS, 20.0)), 1);
        assertArrayEquals(raw.rgb8(), still, "no velocity: nothing moves");
        SceneContext forward = raw.scene().withVelocity(new Vector3(0, 0, 15));   // straight along the optical axis
        AugmentInput moving = new AugmentInput(raw.streamId(), raw.sequence(), raw.captureNanos(), raw.frameId(), raw.width(), raw.height(),
                raw.rgb8(), raw.rangeM(), raw.depthM(), raw.semantic(), raw.normals(), raw.fxPx(), raw.fyPx(), raw.cxPx(), raw.cyPx(), forward);
        byte[] blurred = backend.augment(moving, SPACE.of(Map.of(BLUR_EXPOSURE_MS, 20.0)), 1);
        int changedNearCentre = 0, changedAtEdge = 0;
        for (int v = 0; v < 120; v++) {
            for (int u = 0; u < 160; u++) {
                boolean changed = raw.rgb8()[3 * (v * 160 + u)] != blurred[3 * (v * 160 + u)];
                boolean nearCentre = Math.abs(u - raw.cxPx()) < 4 && Math.abs(v - raw.cyPx()) < 4;
                boolean edge = v > 100;   // the near ground at the bottom: large flow
                changedNearCentre += nearCentre && changed ? 1 : 0;
                changedAtEdge += edge && changed ? 1 : 0;
            }
        }
        assertEquals(0, changedNearCentre, "the focus of expansion does not move");
        assertTrue(changedAtEdge > 160 * 19 / 2, "the near ground streaks: " + changedAtEdge + " pixels changed");
    }
}
