package org.hilbridge.augment.onnx;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The planes split and merged with the Vector API ({@link PlaneVector}) against the plain loop (plane c, pixel p is
 * byte 3 p + c of rgb8): every byte, at pixel counts below, at and around the vector block (32 pixels) and at odd
 * frame sizes, so that the vector loop, its tail and the tail alone are all covered.
 */
@Timeout(60)
class PlanarCodesTest {
    @Test
    void theVectorPathIsUsableInTheTestJvm() {
        // The root pom's surefire argLine adds jdk.incubator.vector; without it the tests below would pin nothing.
        assertTrue(PlanarCodes.vectorApiUsable(), "module jdk.incubator.vector or 256-bit vectors missing in the test JVM");
        assertTrue(new PlanarCodes(true).vector());
    }

    @Test
    void splitAndMergeAreThePlainLoopsAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(11);
        PlanarCodes vector = new PlanarCodes(true);
        PlanarCodes plain = new PlanarCodes(false);
        for (int n : new int[] {1, 2, 31, 32, 33, 63, 64, 65, 95, 97, 1283, 641 * 7, 1283 * 3, 1280 * 720 + 17}) {
            byte[] rgb = new byte[3 * n];
            random.nextBytes(rgb);
            byte[] expected = new byte[3 * n];
            for (int p = 0; p < n; p++) {
                for (int c = 0; c < 3; c++) {
                    expected[c * n + p] = rgb[3 * p + c];
                }
            }
            for (PlanarCodes codes : new PlanarCodes[] {vector, plain}) {
                String way = (codes == vector ? "vector" : "plain") + ", " + n + " pixels";
                byte[] planes = new byte[3 * n];
                codes.split(rgb, planes, n);
                assertArrayEquals(expected, planes, "split, " + way);
                byte[] back = new byte[3 * n];
                codes.merge(planes, back, n);
                assertArrayEquals(rgb, back, "merge, " + way);
            }
        }
    }

    @Test
    void onlyTheFirstNPixelsAreTouched() {
        // Arrays longer than 3 n (a reused buffer): bytes past the frame stay as they were.
        int n = 45;
        byte[] rgb = new byte[3 * n + 96];
        new SplittableRandom(3).nextBytes(rgb);
        byte[] planes = new byte[3 * n + 96];
        java.util.Arrays.fill(planes, (byte) 7);
        new PlanarCodes(true).split(rgb, planes, n);
        for (int i = 3 * n; i < planes.length; i++) {
            assertEquals(7, planes[i], "byte " + i + " past the planes");
        }
        byte[] out = new byte[3 * n + 96];
        java.util.Arrays.fill(out, (byte) 9);
        new PlanarCodes(true).merge(planes, out, n);
        for (int i = 3 * n; i < out.length; i++) {
            assertEquals(9, out[i], "byte " + i + " past the frame");
        }
    }
}
