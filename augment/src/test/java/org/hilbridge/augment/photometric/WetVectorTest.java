package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.SplittableRandom;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.VectorApi;
import org.hilbridge.augment.param.ParameterSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wet darkening with the Vector API ({@link WetVector}) against the scalar path's arithmetic, bit for bit: each
 * pixel of terrain (SemanticClass ids 2 to 10) multiplied by the darkening factor, every other pixel by 1, and the
 * row's asphalt (ids 2, 3) reported exactly. The test JVM runs with --add-modules jdk.incubator.vector (the root
 * pom's surefire argLine), as ./hilbridge does.
 */
@Timeout(60)
class WetVectorTest {
    @Test
    void theTestJvmHasTheVectorApi() {
        assertTrue(VectorApi.present(),
                "module jdk.incubator.vector is missing: the test JVM must run with --add-modules jdk.incubator.vector (the root pom's surefire argLine)");
    }

    @Test
    void everyClassAndWidthGivesTheScalarPathsFloats() {
        SplittableRandom random = new SplittableRandom(9);
        float dry = 1 - FrameConstants.WET_DARKENING * 0.7f;
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, -0f, 0f, Float.MIN_VALUE, 1e30f};
        for (int w : new int[] {1, 7, 15, 16, 17, 31, 64, 1280, 1283}) {
            for (int trial = 0; trial < 20; trial++) {
                int base = random.nextInt(40);
                byte[] cls = new byte[base + w + 5];
                for (int i = 0; i < cls.length; i++) {
                    // Runs of one class (as rendered labels come) and single pixels of any of the 256 ids.
                    cls[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : (i / 9) % 16);
                }
                float[][] planes = new float[3][w];
                for (float[] plane : planes) {
                    for (int u = 0; u < w; u++) {
                        plane[u] = random.nextInt(50) == 0 ? special[random.nextInt(special.length)] : (float) random.nextDouble(0, 2);
                    }
                }
                float[][] expected = {planes[0].clone(), planes[1].clone(), planes[2].clone()};
                boolean asphalt = false;
                for (int u = 0; u < w; u++) {
                    int c = cls[base + u] & 0xFF;
                    float k = c >= 2 && c <= 10 ? dry : 1f;
                    for (float[] plane : expected) {
                        plane[u] *= k;
                    }
                    asphalt |= c == 2 || c == 3;
                }
                boolean reported = WetVector.darken(cls, base, dry, planes[0], planes[1], planes[2], w);
                assertEquals(asphalt, reported, "asphalt in the row, width " + w + ", trial " + trial);
                for (int p = 0; p < 3; p++) {
                    for (int u = 0; u < w; u++) {
                        assertEquals(Float.floatToRawIntBits(expected[p][u]), Float.floatToRawIntBits(planes[p][u]),
                                "plane " + p + " pixel " + u + " (class " + (cls[base + u] & 0xFF) + "), width " + w);
                    }
                }
                // Nothing outside [base, base + w) of the classes is read as a pixel: the planes hold exactly w values.
                assertEquals(w, planes[0].length);
            }
        }
    }

    @Test
    void theBackendGivesTheSameFrameWithAndWithoutTheVectorApi() {
        AugmentInput in = TestFrames.render(203, 77);   // a width that leaves a scalar tail after the vectors
        for (ParameterSet p : new ParameterSet[] {
                SPACE.of(Map.of(RAIN_RATE_MM_H, 10.0, RAIN_WETNESS, 0.7, FOG_VISIBILITY_M, 400.0, NOISE_FULL_WELL_E, 10000.0)),
                SPACE.of(Map.of(RAIN_WETNESS, 1.0, LIGHT_SUN_SCALE, 0.6, LENS_DEFOCUS_PX, 2.0))}) {
            BothPaths.assertSameFrame(in, p, "wet ground");
        }
    }
}
