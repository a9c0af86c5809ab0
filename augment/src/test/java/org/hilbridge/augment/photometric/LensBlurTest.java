package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Map;

import java.util.SplittableRandom;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.Vector3;
import org.hilbridge.augment.VectorApi;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.sim.math.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The motion blur's row pass against its definition written out naively: per pixel the translational motion field
 * (Longuet-Higgins and Prazdny 1980) times exposure / depth, min(9, floor(|du| + |dv|) + 1) taps stepped in 16.16
 * fixed point from (u, v) - (du, dv) / 2 + 1/2, each clamped to the image, their mean; no motion for a depth that
 * is not a positive finite number. Pins the unclamped path for taps inside the image against the clamped one, and
 * the planar frame it reads, for the plain path and for the Vector API's path set-up ({@link MotionVector}: the test
 * JVM runs with --add-modules jdk.incubator.vector, the root pom's surefire argLine), which must also give the plain
 * path's floats bit for bit on rows of any width (whole vectors and a scalar tail), on random depths (counts that
 * differ from lane to lane, taps off consecutive pixels) and on a smooth ground (taps of 16 neighbours on consecutive
 * pixels: the vector loads), on patches of sky (vectors whose set-up is skipped, next to vectors with one lane that
 * moves), with one instance across frame heights.
 */
@Timeout(30)
class LensBlurTest {
    @Test
    void eachRowIsTheMeanOfItsClampedTapsAndBadDepthsStayPut() {
        assertTrue(VectorApi.present(), "the vector set-up needs module jdk.incubator.vector: the test JVM must run with --add-modules "
                + "jdk.incubator.vector (the root pom's surefire argLine)");
        for (boolean vectorSetUp : new boolean[] {false, true}) {
            check(new LensBlur(vectorSetUp), 53, 41, 21);
        }
    }

    /** The vector set-up against the plain path, bit for bit, on widths around the vector length and a camera's. */
    @Test
    void theVectorSetUpGivesThePlainPathsFloats() {
        for (int w : new int[] {7, 8, 15, 16, 17, 33, 64, 1283}) {
            SplittableRandom rnd = new SplittableRandom(w);
            // One instance each for every frame below: its row arrays are kept from frame to frame (other heights too).
            LensBlur plain = new LensBlur(false), vector = new LensBlur(true);
            PlanarRow a = new PlanarRow().ensure(w), b = new PlanarRow().ensure(w);
            for (int h : new int[] {12, 40}) {
                for (int scene = 0; scene < 3; scene++) {
                    boolean ground = scene == 1, patches = scene == 2;
                    AugmentInput base = TestFrames.synthetic(w, h, 100, (u, v) -> 1 + 30 * ((u * 7 + v * 13) % 11) / 11.0);
                    float[] depth = base.depthM();
                    float[] odd = {0, -0f, Float.NaN, -2, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, 1e-6f, Float.MIN_VALUE, 3e38f};
                    for (int p = 0; p < depth.length; p++) {
                        if (patches) {
                            // Vectors of sky (no lane moves: the set-up skips them), of sky but one lane, and moving.
                            int u = p % w, v = p / w, lanes = MotionVector.lanes(), kind = (u / lanes + v) % 3;
                            boolean moves = kind == 2 || kind == 1 && u % lanes == v % lanes;
                            depth[p] = moves ? (float) (0.05 + 30 * rnd.nextDouble()) : odd[rnd.nextInt(6)];
                        } else if (ground) {
                            // A flat ground below the horizon (depth falling towards the bottom rows), the sky above it.
                            int v = p / w;
                            depth[p] = v < h / 3 ? Float.POSITIVE_INFINITY : (float) (1.5 * h / (v - h / 3 + 1) + 0.01 * (p % w));
                        } else {
                            depth[p] = rnd.nextInt(8) == 0 ? odd[rnd.nextInt(odd.length)] : (float) (0.05 + 30 * rnd.nextDouble());
                        }
                    }
                    float[][] src = new float[3][w * h];
                    float[] values = {-0f, 0f, Float.MIN_VALUE, 1e-30f};
                    for (float[] plane : src) {
                        for (int p = 0; p < plane.length; p++) {
                            plane[p] = rnd.nextInt(16) == 0 ? values[rnd.nextInt(values.length)] : (float) rnd.nextDouble();
                        }
                    }
                    for (Vector3 velocity : new Vector3[] {new Vector3(0, -0.52, 9.99), new Vector3(9, 0, 0), new Vector3(-3, 2, -10), new Vector3(0, 0, 0.001)}) {
                        // The principal point at a pixel's centre and off it (u = cx makes 0 * an infinite scale: NaN, 9 taps).
                        AugmentInput in = new AugmentInput(base.streamId(), base.sequence(), base.captureNanos(), base.frameId(), w, h, base.rgb8(),
                                base.rangeM(), depth, base.semantic(), base.normals(), 30 + rnd.nextDouble(), 31, w / 2, h / 2 - 0.5, base.scene().withVelocity(velocity));
                        for (int v = 0; v < h; v++) {
                            plain.motionRow(in, 0.008f, src, v, a);
                            vector.motionRow(in, 0.008f, src, v, b);
                            for (int u = 0; u < w; u++) {
                                String where = " at " + u + ", " + v + " of " + w + "x" + h + (ground ? " (ground)" : patches ? " (sky patches)" : "") + " moving " + velocity
                                        + " depth " + depth[v * w + u];
                                assertEquals(Float.floatToRawIntBits(a.r[u]), Float.floatToRawIntBits(b.r[u]), "red" + where);
                                assertEquals(Float.floatToRawIntBits(a.g[u]), Float.floatToRawIntBits(b.g[u]), "green" + where);
                                assertEquals(Float.floatToRawIntBits(a.b[u]), Float.floatToRawIntBits(b.b[u]), "blue" + where);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The vector set-up's tap count without a cast (rounding by 2^23) against the plain path's min(9, (int) length + 1)
     * at and next to every integer length, the largest lengths the rounding handles and beyond, and NaN.
     */
    @Test
    void theVectorCountIsTheCastsCountAtEveryBoundary() {
        int lanes = MotionVector.lanes();
        java.util.List<Float> lengths = new java.util.ArrayList<>(java.util.List.of(0f, Float.MIN_VALUE, 0.5f, 1.5f, 2.5f, 8.5f, 4194303.5f, 4194304f,
                8388608f, 3e38f, Float.POSITIVE_INFINITY, Float.NaN));
        for (int k = 1; k <= 10; k++) {
            lengths.addAll(java.util.List.of(Math.nextDown((float) k), (float) k, Math.nextUp((float) k)));
        }
        float[] depth = new float[lanes];
        Arrays.fill(depth, 1f);
        float[] taps = new float[lanes], stepU = new float[lanes], stepV = new float[lanes], startU = new float[lanes], startV = new float[lanes];
        for (float length : lengths) {
            // depth 1, exposure 1, no flow from vz: du = flowU0 = length in every lane.
            assertEquals(lanes, MotionVector.setUp(depth, 0, lanes, 0, 1f, length, 0, 0, 0, taps, new int[1], stepU, stepV, startU, startV, new float[1]));
            int expected = length < LensBlur.MAX_TAPS ? (int) length + 1 : LensBlur.MAX_TAPS;
            for (int u = 0; u < lanes; u++) {
                assertEquals(expected, taps[u], "the count of length " + length + " in lane " + u);
            }
        }
    }

    /**
     * The vector cast to 16.16 fixed point against Java's (int) (y 65536f) (JLS 5.1.3: truncation towards 0, saturation,
     * NaN to 0): every lane at and next to integers and 2^-16 steps, both signs, the ends of the range the vector path
     * takes (|y| &lt; 2^15) and past it, the multiples of 2^-8 and 2^-9 where it splits y 2^16 (low, high, near 2^15),
     * subnormals, infinities and NaN; vectors that do not move are left alone (every float: /tmp/blur6 AllFloats, once).
     */
    @Test
    void theVectorCastIsJavasCast() {
        int lanes = MotionVector.lanes();
        SplittableRandom rnd = new SplittableRandom(9);
        java.util.List<Float> special = new java.util.ArrayList<>(java.util.List.of(0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 0.5f, -0.5f,
                32767.998f, -32767.998f, Math.nextDown(32768f), -Math.nextDown(32768f), 32768f, -32768f, 40000.5f, 3e38f, -3e38f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN));
        for (int k = -300; k <= 300; k++) {
            for (float y : new float[] {k, k + 1f / 65536, k - 1f / 65536, k + 0.5f, k + 0.25f / 65536}) {
                special.add(y);
                special.add(Math.nextUp(y));
                special.add(Math.nextDown(y));
            }
            // Near the vector path's split of y 2^16 at multiples of 2^8 (ties at odd multiples of 2^7), low and high.
            for (float y : new float[] {k / 512f, 32768f - (k + 301) / 512f, k * 97 + k / 512f}) {
                special.add(y);
                special.add(-y);
                special.add(Math.nextUp(y));
                special.add(Math.nextDown(y));
            }
        }
        int count = 64 * lanes, vectors = count / lanes;
        for (int round = 0; round < 200; round++) {
            float[] y = new float[count];
            for (int i = 0; i < count; i++) {
                int kind = rnd.nextInt(4);
                y[i] = kind == 0 ? special.get(rnd.nextInt(special.size()))
                        : kind == 1 ? (float) ((rnd.nextDouble() * 2 - 1) * 32768)
                        : kind == 2 ? (float) ((rnd.nextDouble() * 2 - 1) * Math.pow(2, rnd.nextInt(-20, 16)))
                        : (float) (rnd.nextInt(-2000, 2000) + rnd.nextInt(65536) / 65536.0);
            }
            int[] blockTaps = new int[vectors];
            for (int b = 0; b < vectors; b++) {
                blockTaps[b] = b % 7 == 3 ? 1 : 2 + rnd.nextInt(8);
            }
            int[] fixed = new int[count];
            Arrays.fill(fixed, 12345);
            MotionVector.toFixed(y, fixed, blockTaps, count);
            for (int i = 0; i < count; i++) {
                int expected = blockTaps[i / lanes] == 1 ? 12345 : (int) (y[i] * LensBlur.FIXED_ONE);
                assertEquals(expected, fixed[i], "the 16.16 cast of " + y[i] + " (bits " + Integer.toHexString(Float.floatToRawIntBits(y[i])) + ")");
            }
        }
    }

    /**
     * The whole chain with motion blur (and defocus, dirt, JPEG) on a render moving forward at 10 m/s, as the benchmark
     * runs it: the backend with the vector set-up gives the plain backend's bytes, and the blur changes the frame.
     */
    @Test
    void theBackendBlursTheSameWithAndWithoutTheVectorApi() {
        AugmentInput in = TestFrames.render(203, 77, 3, 0.3, new Vec3(10 * Math.cos(0.3), 10 * Math.sin(0.3), 0));
        ParameterSet still = SPACE.of(Map.of(FOG_VISIBILITY_M, 400.0, LENS_DEFOCUS_PX, 2.0, LENS_DIRT, 0.4, CODEC_JPEG_QUALITY, 60.0));
        ParameterSet moving = still.with(Map.of(BLUR_EXPOSURE_MS, 8.0));
        byte[] plain = new PhotometricBackend(SPACE, 0, false).augment(in, moving, 5);
        byte[] vector = new PhotometricBackend(SPACE, 0, true).augment(in, moving, 5);
        assertArrayEquals(plain, vector, "the frame with the vector set-up");
        assertFalse(Arrays.equals(plain, new PhotometricBackend(SPACE, 0, true).augment(in, still, 5)), "motion blur changes the frame");
    }

    /**
     * The backend computes each scene row into its ring of linear rows only just before the first blurred row whose taps reach
     * it (band-ahead): a tap read before its row was computed would read the frame before's row (or 0 in a new backend),
     * so a frame's bytes must not depend on the frame before it: with the motion blur alone and into the defocus, both
     * paths.
     */
    @Test
    void theBlurredFrameDoesNotDependOnTheFrameBefore() {
        AugmentInput a = TestFrames.render(203, 77, 3, 0.3, new Vec3(10 * Math.cos(0.3), 10 * Math.sin(0.3), 0));
        AugmentInput b = TestFrames.render(203, 77, 5, 1.1, new Vec3(6 * Math.cos(1.1), 6 * Math.sin(1.1), 1));
        ParameterSet blurred = SPACE.of(Map.of(BLUR_EXPOSURE_MS, 20.0));
        for (ParameterSet params : new ParameterSet[] {blurred, blurred.with(Map.of(LENS_DEFOCUS_PX, 2.0))}) {
            for (boolean vectorApi : new boolean[] {false, true}) {
                byte[] fresh = new PhotometricBackend(SPACE, 0, vectorApi).augment(a, params, 5);
                PhotometricBackend used = new PhotometricBackend(SPACE, 0, vectorApi);
                used.augment(b, params, 5);
                assertArrayEquals(fresh, used.augment(a, params, 5), "after another frame, vector API " + vectorApi + ", " + params);
            }
        }
    }

    private static void check(LensBlur blur, int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        AugmentInput base = TestFrames.synthetic(w, h, 100, (u, v) -> 1 + 30 * ((u * 7 + v * 13) % 11) / 11.0);
        float[] depth = base.depthM();
        for (int p = 0; p < depth.length; p++) {
            depth[p] = (float) (0.3 + 20 * rnd.nextDouble());
        }
        // A depth that is missing, not a number, negative, infinite (the sky) or micrometres (a path far off the image).
        float[] odd = {0, Float.NaN, -2, Float.POSITIVE_INFINITY, 1e-30f, 1e-6f, Float.MIN_VALUE};
        for (int k = 0; k < 60; k++) {
            depth[rnd.nextInt(depth.length)] = odd[k % odd.length];
        }
        float[][] src = new float[3][w * h];
        for (float[] plane : src) {
            for (int p = 0; p < plane.length; p++) {
                plane[p] = (float) rnd.nextDouble();
            }
        }
        PlanarRow row = new PlanarRow().ensure(w);
        for (Vector3 velocity : new Vector3[] {new Vector3(0, 0, 12), new Vector3(9, 0, 0), new Vector3(0, -7, 0), new Vector3(4, 3, -10)}) {
            AugmentInput in = new AugmentInput(base.streamId(), base.sequence(), base.captureNanos(), base.frameId(), w, h, base.rgb8(),
                    base.rangeM(), depth, base.semantic(), base.normals(), 30, 30, 26, 20, base.scene().withVelocity(velocity));
            for (int v = 0; v < h; v++) {
                blur.motionRow(in, 0.02f, src, v, row);
                for (int u = 0; u < w; u++) {
                    // Bit for bit: the pass adds each pixel's taps in their order from 0 and divides as the definition does.
                    float[] expected = naive(in, 0.02f, src, u, v);
                    assertEquals(Float.floatToRawIntBits(expected[0]), Float.floatToRawIntBits(row.r[u]), "red at " + u + ", " + v + " moving " + velocity);
                    assertEquals(Float.floatToRawIntBits(expected[1]), Float.floatToRawIntBits(row.g[u]), "green at " + u + ", " + v + " moving " + velocity);
                    assertEquals(Float.floatToRawIntBits(expected[2]), Float.floatToRawIntBits(row.b[u]), "blue at " + u + ", " + v + " moving " + velocity);
                }
            }
        }
    }

    /**
     * The rows either side of a row that its taps read, as {@link LensBlur#setUpRow} returns them for the backend's
     * band-ahead and ring of rows (the scene rows computed only that far ahead, and kept only that far back), cover every
     * row that the definition's taps of that row read: both paths (the plain one gives the image's height; the vector
     * path's bound includes its scalar tail on widths of 17), on random and odd depths (micrometres: paths far off the
     * image), a ground nearing the camera, moving along every axis, the principal point on and off the image's centre,
     * fast (paths of hundreds of pixels) and slow.
     */
    @Test
    void noTapLiesFurtherFromItsRowThanTheSetUpGives() {
        for (boolean vectorSetUp : new boolean[] {false, true}) {
            for (int w : new int[] {17, 64}) {
                SplittableRandom rnd = new SplittableRandom(w);
                LensBlur blur = new LensBlur(vectorSetUp);
                int h = 90;
                AugmentInput base = TestFrames.synthetic(w, h, 100, (u, v) -> 1 + 30 * ((u * 7 + v * 13) % 11) / 11.0);
                float[] depth = base.depthM();
                float[] odd = {0, Float.NaN, -2, Float.POSITIVE_INFINITY, 1e-30f, 1e-6f, 1e-3f, Float.MIN_VALUE};
                for (int scene = 0; scene < 2; scene++) {
                    for (int p = 0; p < depth.length; p++) {
                        int v = p / w;
                        depth[p] = scene == 0 ? (rnd.nextInt(40) == 0 ? odd[rnd.nextInt(odd.length)] : (float) (0.2 + 30 * rnd.nextDouble()))
                                : v < h / 3 ? Float.POSITIVE_INFINITY : (float) (1.5 * h / (v - h / 3 + 1) + 0.01 * (p % w));
                    }
                    for (Vector3 velocity : new Vector3[] {new Vector3(0, 0, 12), new Vector3(0, -7, 0), new Vector3(0, 9, 1), new Vector3(4, 3, -10),
                            new Vector3(0, 0, 300), new Vector3(0, 0.01, 0.01)}) {
                        for (double cy : new double[] {h / 2.0 - 0.5, -10, h + 5}) {
                            AugmentInput in = new AugmentInput(base.streamId(), base.sequence(), base.captureNanos(), base.frameId(), w, h, base.rgb8(),
                                    base.rangeM(), depth, base.semantic(), base.normals(), 30, 30, w / 2.0, cy, base.scene().withVelocity(velocity));
                            for (int v = 0; v < h; v++) {
                                int reach = blur.setUpRow(in, 0.02f, v);
                                for (int u = 0; u < w; u++) {
                                    for (int so : naiveTaps(in, 0.02f, u, v)) {
                                        assertTrue(Math.abs(so / w - v) <= reach, "row " + v + " reads row " + so / w + ", more than " + reach + " rows away ("
                                                + w + " wide, vector " + vectorSetUp + ", scene " + scene + ", moving " + velocity + ", cy " + cy + ")");
                                    }
                                }
                                assertTrue(reach >= 2 && reach <= h, "a reach within the image's height: " + reach);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The blurred pixel (u, v) by the definition, every tap clamped, sums in the taps' order. */
    private static float[] naive(AugmentInput in, float exposureS, float[][] src, int u, int v) {
        int[] taps = naiveTaps(in, exposureS, u, v);
        if (taps.length == 1) {
            return new float[] {src[0][taps[0]], src[1][taps[0]], src[2][taps[0]]};   // a still pixel keeps its value (-0 too)
        }
        float r = 0, g = 0, b = 0;
        for (int so : taps) {
            r += src[0][so];
            g += src[1][so];
            b += src[2][so];
        }
        float inv = 1f / taps.length;
        return new float[] {r * inv, g * inv, b * inv};
    }

    /** The source indices of pixel (u, v)'s taps by the definition, every tap clamped, in the taps' order (the pixel itself where it does not move). */
    private static int[] naiveTaps(AugmentInput in, float exposureS, int u, int v) {
        int w = in.width(), h = in.height(), p = v * w + u;
        float z = in.depthM()[p];
        Vector3 vel = in.scene().velocityOpticalMps();
        if (!(z > 0 && z < Float.POSITIVE_INFINITY)) {
            return new int[] {p};
        }
        // Single precision throughout, as the pass computes it.
        float fx = (float) in.fxPx(), fy = (float) in.fyPx(), cx = (float) in.cxPx(), cy = (float) in.cyPx();
        float vx = (float) vel.x(), vy = (float) vel.y(), vz = (float) vel.z();
        float scale = exposureS / z;
        float du = (-fx * vx + (u - cx) * vz) * scale;
        float dv = (-fy * vy + (v - cy) * vz) * scale;
        float length = Math.abs(du) + Math.abs(dv);
        // A length that is not a number (0 times the infinite scale of a depth of a few 1e-45 m) takes the most taps.
        int taps = length < LensBlur.MAX_TAPS ? (int) Math.floor(length) + 1 : LensBlur.MAX_TAPS;
        if (taps == 1) {
            return new int[] {p};
        }
        float perTap = 1f / (taps - 1);
        int stepU = (int) (du * perTap * 65536f), stepV = (int) (dv * perTap * 65536f);
        int pu = (int) ((u - 0.5f * du + 0.5f) * 65536f), pv = (int) ((v - 0.5f * dv + 0.5f) * 65536f);
        int[] indices = new int[taps];
        for (int k = 0; k < taps; k++, pu += stepU, pv += stepV) {
            int su = Math.min(Math.max(pu >> 16, 0), w - 1), sv = Math.min(Math.max(pv >> 16, 0), h - 1);
            indices[k] = sv * w + su;
        }
        return indices;
    }
}
