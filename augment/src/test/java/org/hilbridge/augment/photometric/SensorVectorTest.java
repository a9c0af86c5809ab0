package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.SplittableRandom;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.param.ParameterSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sensor pass with the Vector API ({@link SensorVector}) against its scalar path, bit for bit, and the pass's
 * exact rewrites: the deviates' int-to-float step at every width (vector tails included), whole frames with and
 * without the Vector API, the combined saturation and encode clamp, and the two-pixel store of the encode. The test
 * JVM runs with --add-modules jdk.incubator.vector (the root pom's surefire argLine), as ./hilbridge does.
 */
@Timeout(60)
class SensorVectorTest {
    @Test
    void theDeviatesStepGivesTheScalarPathsFloatsAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(11);
        for (int w : new int[] {1, 7, 15, 16, 17, 31, 64, 1280, 1283}) {
            int[] bits = new int[w];
            for (int u = 0; u < w; u++) {
                // the byte sums' extremes 0 and 1020, and hashes of any bits
                int h = u % 5 == 0 ? 0 : u % 5 == 1 ? -1 : random.nextInt();
                bits[u] = SensorRow.deviateBits(h);
            }
            float[] vector = new float[w], scalar = new float[w];
            SensorVector.deviates(bits, vector, w);
            SensorRow.deviates(bits, scalar, w);
            for (int u = 0; u < w; u++) {
                assertEquals(Float.floatToRawIntBits(scalar[u]), Float.floatToRawIntBits(vector[u]), "pixel " + u + " of width " + w);
            }
        }
    }

    @Test
    void theBackendGivesTheSameFrameWithAndWithoutTheVectorApi() {
        for (int[] size : new int[][] {{203, 77}, {17, 9}, {1283, 5}}) {
            AugmentInput in = TestFrames.render(size[0], size[1]);
            for (ParameterSet p : new ParameterSet[] {
                    SPACE.of(Map.of(NOISE_FULL_WELL_E, 2000.0, NOISE_READ_NOISE_E, 6.0, SENSOR_LIGHT_LEVEL, 0.05, LENS_VIGNETTING, 0.5)),
                    SPACE.of(Map.of(NOISE_FULL_WELL_E, 10000.0, SENSOR_EXPOSURE_EV, 2.0, SENSOR_WB_RED_GAIN, 1.6, SENSOR_WB_BLUE_GAIN, 0.6,
                            LENS_DIRT, 0.5, FOG_VISIBILITY_M, 400.0)),
                    SPACE.of(Map.of(NOISE_FULL_WELL_E, 5000.0, LENS_DEFOCUS_PX, 2.0, SENSOR_EXPOSURE_EV, -3.0)),
                    // The JPEG pass: with the Vector API the sensor pass writes its codes in the pass's block order.
                    SPACE.of(Map.of(NOISE_FULL_WELL_E, 5000.0, FOG_VISIBILITY_M, 400.0, CODEC_JPEG_QUALITY, 60.0)),
                    SPACE.of(Map.of(LENS_DIRT, 0.5, LENS_DEFOCUS_PX, 2.0, CODEC_JPEG_QUALITY, 30.0))}) {
                BothPaths.assertSameFrame(in, p, size[0] + "x" + size[1]);
            }
        }
    }

    /**
     * The sensor pass clamps once: for a gain g &gt; 0, min(v g, min(g, 1)), then the cell's vector step without a clamp
     * to 1 ({@link SensorVector#cellsInPlace}), has the code of min(v, 1) g (the saturation, then the channel's gain)
     * with the encode's clamps, for any v: negative, above full scale, NaN, infinite, subnormal (rounding is monotone,
     * so fl(min(v, 1) g) = min(fl(v g), g)).
     */
    @Test
    void theCombinedClampGivesTheCodeOfSaturationThenGain() {
        SrgbCurve curve = new SrgbCurve();
        SplittableRandom random = new SplittableRandom(3);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1f,
                Math.nextUp(1f), Math.nextDown(1f), -1e-30f, 3e38f, -3e38f};
        int n = 200_000;
        float[] combined = new float[n];
        byte[] expected = new byte[n], codes = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            float v = i < special.length ? special[i] : (float) (random.nextDouble(-0.5, 2.5) * (random.nextInt(4) == 0 ? 1e-3 : 1));
            float g = (float) Math.pow(2, random.nextDouble(-12, 4));   // the gains the space allows lie inside
            expected[i] = curve.code(Math.min(v, 1f) * g);
            combined[i] = Math.min(v * g, Math.min(g, 1f));
        }
        SensorVector.cellsInPlace(combined, n);
        curve.storeCells(combined, combined, combined, n, codes, 0);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], codes[3 * i], "value " + i);
        }
    }

    /**
     * The encode's cell step with the Vector API gives the plain path's bits for every value the sensor pass gives it (at
     * most 1, or NaN of either sign and any payload), at every width (vector tails included).
     */
    @Test
    void theCellStepGivesThePlainPathsBitsAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(13);
        float[] special = {Float.NaN, Float.intBitsToFloat(0xFFC00000), Float.intBitsToFloat(0x7F800001),
                Float.intBitsToFloat(0x7FFFFFFF), Float.intBitsToFloat(0xFF800001), Float.NEGATIVE_INFINITY, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 0x1.0p-14f,
                Math.nextDown(0x1.0p-14f), Math.nextUp(0x1.0p-14f), 1f, Math.nextDown(1f), -1f, -3e38f, 0.5f, Math.nextDown(0.5f)};
        for (int w : new int[] {1, 7, 15, 16, 17, 31, 64, 1280, 1283}) {
            float[] vector = new float[w], plain = new float[w];
            for (int u = 0; u < w; u++) {
                int k = (u * 7 + w) % (special.length + 3);
                vector[u] = k < special.length ? special[k]
                        : k == special.length ? Float.intBitsToFloat(random.nextInt(0x3F800001))   // any float in [0, 1]
                        : (float) random.nextDouble(-0.1, 1);
            }
            System.arraycopy(vector, 0, plain, 0, w);
            SensorVector.cellsInPlace(vector, w);
            SrgbCurve.cellsInPlace(plain, 0, w);
            for (int u = 0; u < w; u++) {
                assertEquals(Float.floatToRawIntBits(plain[u]), Float.floatToRawIntBits(vector[u]),
                        "pixel " + u + " of width " + w);
            }
        }
    }

    /** The sensor pass's codes for the JPEG pass: each pixel's code at its block-order position, the padding the last pixel's. */
    @Test
    void theBlockOrderStoreWritesEachCodeAtItsPositionAndNothingElse() {
        SplittableRandom random = new SplittableRandom(7);
        SrgbCurve curve = new SrgbCurve();
        for (int lanes : new int[] {8, 16}) {
            for (int w = 1; w <= 1283; w = w < 40 ? w + 1 : w * 2 + 1) {
                int group = 8 * lanes, padded = (w + 2 * group - 1) / (2 * group) * 2 * group;
                float[] linear = new float[w], cells = new float[w];
                for (int u = 0; u < w; u++) {
                    linear[u] = (float) random.nextDouble(-0.1, 1.1);
                    cells[u] = SrgbCurve.cellAsFloat(linear[u]);
                }
                byte[] out = new byte[padded + 16];
                java.util.Arrays.fill(out, (byte) 77);
                SrgbCurve.storeCodesInBlockOrder(cells, w, padded, lanes, out, 8);
                for (int i = 0; i < 8; i++) {
                    assertEquals(77, out[i], "byte " + i + " before the row, width " + w + ", lanes " + lanes);
                    assertEquals(77, out[8 + padded + i], "byte " + i + " after the row, width " + w + ", lanes " + lanes);
                }
                for (int x = 0; x < padded; x++) {
                    assertEquals(curve.code(linear[Math.min(x, w - 1)]), out[8 + BlockOrderCodes.position(x, lanes)],
                            "pixel " + x + ", width " + w + ", lanes " + lanes);
                }
            }
        }
    }

    @Test
    void theTwoPixelStoreWritesEachRowsCodesAndNothingElse() {
        SrgbCurve curve = new SrgbCurve();
        SplittableRandom random = new SplittableRandom(5);
        for (int w = 1; w <= 1283; w = w < 12 ? w + 1 : w * 2 + 1) {
            float[][] linear = new float[3][w], cells = new float[3][w];
            for (int c = 0; c < 3; c++) {
                for (int u = 0; u < w; u++) {
                    linear[c][u] = (float) random.nextDouble(-0.1, 1.1);
                    cells[c][u] = SrgbCurve.cellAsFloat(linear[c][u]);
                }
            }
            byte[] out = new byte[3 * w + 14];
            java.util.Arrays.fill(out, (byte) 77);
            curve.storeCells(cells[0], cells[1], cells[2], w, out, 7);
            for (int i = 0; i < 7; i++) {
                assertEquals(77, out[i], "byte " + i + " before the row, width " + w);
                assertEquals(77, out[7 + 3 * w + i], "byte " + i + " after the row, width " + w);
            }
            for (int u = 0; u < w; u++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(curve.code(linear[c][u]), out[7 + 3 * u + c], "channel " + c + " of pixel " + u + ", width " + w);
                }
            }
        }
    }
}
