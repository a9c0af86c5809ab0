package org.hilbridge.augment.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Runs the Vector API's float conversion ({@link FloatCodesVector} through {@link FloatCodes}) both ways, in both
 * layouts, with a mean-0 and a mean normalisation, for tests outside this package (OperatorCachesTest: no kernel may
 * add an operator to the Vector API's caches).
 */
public final class FloatCodesRuns {
    private FloatCodesRuns() {
    }

    /** A few frames of width x height through every way of the vector path. */
    public static void run(int width, int height) {
        int n = width * height;
        byte[] rgb = new byte[3 * n], out = new byte[3 * n], planes = new byte[3 * n];
        new SplittableRandom(1).nextBytes(rgb);
        FloatBuffer x = ByteBuffer.allocateDirect(12 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
        PlanarCodes planar = new PlanarCodes(true);
        for (double[][] ms : new double[][][] {{{0, 0, 0}, {1, 1, 1}}, {{0.485, 0.456, 0.406}, {0.229, 0.224, 0.225}}}) {
            FloatCodes codes = new FloatCodes(Rgb8Codec.of(ms[0], ms[1]), true);
            for (boolean nchw : new boolean[] {false, true}) {
                for (int k = 0; k < 3; k++) {
                    codes.input(rgb, n, nchw, x, planar, planes);
                    codes.output(x, n, nchw, out, planar, planes);
                }
                if (!java.util.Arrays.equals(rgb, out)) {
                    throw new AssertionError("the float conversion did not give the codes back (mean " + ms[0][0] + ", nchw " + nchw + ")");
                }
            }
        }
    }
}
