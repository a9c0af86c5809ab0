package org.hilbridge.augment.onnx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java conversion of a float RGB tensor, with the Vector API ({@link FloatCodesVector}) and the scalar loops,
 * against {@link Rgb8Codec} value by value (the formulas the folded graph's nodes compute; Rgb8FoldingTest pins the
 * graph against the Java path over every code): the same float bits in, the same codes out, in both layouts, for
 * [0, 1], ImageNet, [-1, 1], a scale per channel and a tie-making normalisation; out, values on both sides of every
 * half-code boundary, the exact ties (half to even), out of range, -0, NaN and infinities; at pixel counts below, at
 * and around the vector pattern (3 vectors) and the chunk, and odd frame sizes, so the vector loop, its tail and the
 * tail alone are all covered.
 */
@Timeout(120)
class FloatCodesTest {
    private static final double[][][] NORMALISATIONS = {
            {{0, 0, 0}, {1, 1, 1}},
            {{0.485, 0.456, 0.406}, {0.229, 0.224, 0.225}},
            {{0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}},
            {{0, 0, 0}, {0.5, 0.25, 1}},
            {{128.0 / 255, 128.0 / 255, 128.0 / 255}, {256.0 / 255, 256.0 / 255, 256.0 / 255}}};

    @Test
    void theVectorPathIsUsableInTheTestJvm() {
        // The root pom's surefire argLine adds jdk.incubator.vector; without it the tests below would pin only the scalar path.
        assertTrue(FloatCodes.vectorApiUsable(), "module jdk.incubator.vector or 256-bit vectors missing in the test JVM");
        assertTrue(new FloatCodes(Rgb8Codec.of(NORMALISATIONS[1][0], NORMALISATIONS[1][1]), true).vector());
    }

    private static int[] pixelCounts() {
        int period = FloatCodesVector.PERIOD, chunk = FloatCodesVector.CHUNK;
        return new int[] {1, 2, 5, period / 3 - 1, period / 3, period / 3 + 1, period - 1, period + 1, chunk / 3 - 1, chunk / 3, chunk / 3 + 1,
                chunk + 7, 1283 * 7, 641 * 3 + 1, 256 * 192};
    }

    private static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Test
    void everyCodeGoesInAsTheCodecsFloatBitsInBothLayouts() {
        SplittableRandom random = new SplittableRandom(5);
        for (double[][] ms : NORMALISATIONS) {
            Rgb8Codec codec = Rgb8Codec.of(ms[0], ms[1]);
            FloatCodes vector = new FloatCodes(codec, true), scalar = new FloatCodes(codec, false);
            for (int n : pixelCounts()) {
                byte[] rgb = new byte[3 * n];
                random.nextBytes(rgb);
                for (int i = 0; i < Math.min(3 * n, 768); i++) {
                    rgb[i] = (byte) (i / 3);   // every code in every channel where the frame is large enough
                }
                for (boolean nchw : new boolean[] {false, true}) {
                    for (FloatCodes codes : new FloatCodes[] {vector, scalar}) {
                        String what = (codes == vector ? "vector" : "scalar") + (nchw ? " NCHW" : " NHWC") + ", " + n + " pixels, mean " + ms[0][0]
                                + " std " + ms[1][0];
                        FloatBuffer x = floats(3 * n);
                        codes.input(rgb, n, nchw, x, new PlanarCodes(codes == vector), new byte[3 * n]);
                        for (int p = 0; p < n; p++) {
                            for (int c = 0; c < 3; c++) {
                                float expected = codec.input(c, rgb[3 * p + c] & 0xFF);
                                float got = x.get(nchw ? c * n + p : 3 * p + c);
                                if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(got)) {
                                    fail(what + ": pixel " + p + " channel " + c + " code " + (rgb[3 * p + c] & 0xFF) + ": " + got + ", the codec " + expected);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Model outputs that probe the way out: for every code and channel, the y whose 255 (y std + mean) is that code,
     * the code +- 1/2 (a tie in exact arithmetic; in float the codec's own rounding decides) and their float neighbours,
     * then values out of range, -0, NaN and infinities, spread over the frame from a seeded generator.
     */
    private static float[] probes(Rgb8Codec codec, int count, SplittableRandom random) {
        float[] special = {-0f, 0f, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc12345), Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 1e30f, -1e30f, 3e38f, Float.MIN_VALUE, -Float.MIN_VALUE};
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            int c = i % 3;
            int kind = random.nextInt(20);
            if (kind == 0) {
                y[i] = special[random.nextInt(special.length)];
                continue;
            }
            float target = random.nextInt(-8, 2 * 264) * 0.5f;   // whole and half codes from -4 to 263.5
            float v = codec.outMeanZero() ? target * codec.outQuantum()[c] : (target - codec.outOffset()[c]) / codec.outScale()[c];
            int steps = random.nextInt(-2, 3);
            for (int s = 0; s < Math.abs(steps); s++) {
                v = steps > 0 ? Math.nextUp(v) : Math.nextDown(v);
            }
            y[i] = v;
        }
        return y;
    }

    @Test
    void everyOutputComesBackAsTheCodecsCodeInBothLayouts() {
        SplittableRandom random = new SplittableRandom(7);
        for (double[][] ms : NORMALISATIONS) {
            Rgb8Codec codec = Rgb8Codec.of(ms[0], ms[1]);
            FloatCodes vector = new FloatCodes(codec, true), scalar = new FloatCodes(codec, false);
            int ties = 0;
            for (int n : pixelCounts()) {
                float[] values = probes(codec, 3 * n, random);
                for (boolean nchw : new boolean[] {false, true}) {
                    FloatBuffer y = floats(3 * n);
                    y.put(0, values);
                    for (FloatCodes codes : new FloatCodes[] {vector, scalar}) {
                        String what = (codes == vector ? "vector" : "scalar") + (nchw ? " NCHW" : " NHWC") + ", " + n + " pixels, mean " + ms[0][0]
                                + " std " + ms[1][0];
                        byte[] out = new byte[3 * n];
                        codes.output(y, n, nchw, out, new PlanarCodes(codes == vector), new byte[3 * n]);
                        for (int p = 0; p < n; p++) {
                            for (int c = 0; c < 3; c++) {
                                float v = values[nchw ? c * n + p : 3 * p + c];
                                int expected = codec.output(c, v);
                                if (expected != (out[3 * p + c] & 0xFF)) {
                                    fail(what + ": pixel " + p + " channel " + c + " output " + v + " (bits " + Integer.toHexString(Float.floatToRawIntBits(v))
                                            + "): code " + (out[3 * p + c] & 0xFF) + ", the codec " + expected);
                                }
                                float scaled = codec.outMeanZero() ? v / codec.outQuantum()[c] : v * codec.outScale()[c] + codec.outOffset()[c];
                                ties += codes == vector && scaled >= 0 && scaled <= 255 && scaled - (float) Math.floor(scaled) == 0.5f ? 1 : 0;
                            }
                        }
                    }
                }
            }
            // the probes must reach exact ties (x.5 after the codec's float arithmetic), or half to even would go unpinned
            assertTrue(ties > 100, "mean " + ms[0][0] + " std " + ms[1][0] + ": only " + ties + " exact ties probed");
        }
    }

    @Test
    void tiesRoundHalfToEvenAndTheClampTakesNaNToZero() {
        // Closed forms (Operators.md, QuantizeLinear: round half to even, saturate; ONNX Runtime gives 0 for NaN): with
        // mean 0 and std 1 the way out is y / (1/255); y = (code + 1/2) / 255 is not exact in float, so the division is
        // checked through the codec; here std 256/255 makes the quantum 1/256, exact, so y = (c + 1/2) / 256 is a tie.
        Rgb8Codec codec = Rgb8Codec.of(new double[] {0, 0, 0}, new double[] {256.0 / 255, 256.0 / 255, 256.0 / 255});
        int n = 300;
        FloatBuffer y = floats(3 * n);
        for (int i = 0; i < 3 * n; i++) {
            y.put(i, i < 3 * 256 ? (i / 3 + 0.5f) / 256 : i % 2 == 0 ? Float.NaN : -1f);
        }
        byte[] out = new byte[3 * n];
        new FloatCodes(codec, true).output(y, n, false, out, new PlanarCodes(true), new byte[3 * n]);
        for (int i = 0; i < 3 * n; i++) {
            int c = i / 3;
            int expected = i < 3 * 256 ? Math.min(255, c % 2 == 0 ? c : c + 1) : 0;
            assertEquals(expected, out[i] & 0xFF, "value " + y.get(i));
        }
    }
}
