package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.sim.math.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backend's estimate of a frame's mean linear luminance (the light that rain drops and lens dirt scatter) is taken
 * from a sample of the pixels (every 7th of every 8th row): pinned against the mean over every pixel, the reference
 * written out here (Rec. ITU-R BT.709 luminance, Y = 0.2126 R + 0.7152 G + 0.0722 B of the linear values; the linear
 * values by IEC 61966-2-1's decode, {@link SrgbCurve#linear}).
 */
@Timeout(120)
class MeanLuminanceTest {
    @Test
    void theSampleMeanIsWithinAHundredthOfEveryPixelsMean() {
        PhotometricBackend backend = new PhotometricBackend();
        for (int[] size : new int[][] {{1280, 720}, {333, 97}, {64, 9}}) {
            for (double yaw : new double[] {0.3, 2.1}) {
                AugmentInput in = TestFrames.render(size[0], size[1], 3, yaw, new Vec3());
                double full = everyPixelsMean(in);
                assertEquals(full, backend.meanLuminance(in), 0.01, size[0] + "x" + size[1] + " at yaw " + yaw);
            }
        }
    }

    @Test
    void aFrameOfOneCodeHasThatCodesLuminance() {
        SrgbCurve srgb = new SrgbCurve();
        for (int code : new int[] {0, 1, 37, 128, 255}) {
            AugmentInput in = TestFrames.synthetic(61, 23, code, (u, v) -> 10);
            float y = 0.2126f * srgb.linear((byte) code) + 0.7152f * srgb.linear((byte) code) + 0.0722f * srgb.linear((byte) code);
            assertEquals(y, new PhotometricBackend().meanLuminance(in), 1e-6f, "code " + code);
        }
    }

    private static double everyPixelsMean(AugmentInput in) {
        SrgbCurve srgb = new SrgbCurve();
        byte[] rgb = in.rgb8();
        double sum = 0;
        for (int p = 0; p < in.pixels(); p++) {
            sum += 0.2126 * srgb.linear(rgb[3 * p]) + 0.7152 * srgb.linear(rgb[3 * p + 1]) + 0.0722 * srgb.linear(rgb[3 * p + 2]);
        }
        return sum / in.pixels();
    }
}
