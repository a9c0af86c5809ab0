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
 * The scene pass's Vector API kernel ({@link FogVector}) against the scalar path's loops, bit for bit: the wet darkening
 * (terrain ids 2 to 10 times the factor), Koschmieder's L t + A (1 - t) with t from {@link
 * NegExp#expNeg}, and the vectors whose every transmittance is exactly 0 (beta d &gt;= 20) filled with the airlight
 * without being decoded. Widths that leave scalar tails, NaN, infinite, negative and signed-zero values, ranges on
 * both sides of 20 / beta, and the backend with and without the Vector API on renders with sky, relighting (also
 * {@link RelightVector}, with odd normals, and relit fog rows through the kernel) and asphalt; the relighting ratio's
 * contract for odd normals (sky light only, always finite: fogged-out pixels exactly the airlight either way). The test JVM runs with --add-modules jdk.incubator.vector (the root pom's surefire argLine).
 */
@Timeout(60)
class FogVectorTest {
    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, Float.MIN_VALUE, -1.5f, 1e30f};
    /** Relighting ratios as {@link RelightVector#ratios} gives them: finite, at most 8 (sky-only ones, tiny, zero, odd). */
    private static final float[] RATIOS = {0.3f, 1f, 8f, 0f, Float.MIN_VALUE, 0.6f, 1.7f, 7.99f, 1e-20f, 0.9999f};
    private static final int[] WIDTHS = {1, 7, 15, 16, 17, 31, 33, 64, 1280, 1283};

    @Test
    void theTestJvmHasTheVectorApi() {
        assertTrue(VectorApi.present(),
                "module jdk.incubator.vector is missing: the test JVM must run with --add-modules jdk.incubator.vector (the root pom's surefire argLine)");
    }

    @Test
    void theKernelGivesTheScalarLoopsFloats() {
        SplittableRandom random = new SplittableRandom(11);
        float beta = 0.0086f, ar = 0.61f, ag = 0.6f, ab = 0.58f;
        for (int w : WIDTHS) {
            for (int trial = 0; trial < 20; trial++) {
                int base = random.nextInt(40);
                byte[] cls = classes(random, base + w + 5);
                float[] range = ranges(random, base + w + 5, beta);
                float[][] planes = new float[3][w];
                for (float[] plane : planes) {
                    for (int u = 0; u < w; u++) {
                        plane[u] = random.nextInt(40) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (float) random.nextDouble(0, 2);
                    }
                }
                float dry = trial % 3 == 0 ? 1f : 1 - FrameConstants.WET_DARKENING * 0.7f;
                float[][] expected = {planes[0].clone(), planes[1].clone(), planes[2].clone()};
                // Relit rows (odd trials): the ratios multiplied in first on the whole vectors (the tail comes relit).
                float[] ratios = new float[w];
                int whole = w / FogVector.lanes() * FogVector.lanes();
                for (int u = 0; u < w; u++) {
                    ratios[u] = trial % 2 == 0 ? 1f : RATIOS[random.nextInt(RATIOS.length)];
                    for (int p = 0; p < 3 && u < whole; p++) {
                        expected[p][u] *= ratios[u];
                    }
                }
                scalar(cls, dry, range, base, beta, new float[] {ar, ag, ab}, expected, w);
                boolean[] noneFogged = new boolean[FogVector.vectorsIn(w)];
                FogVector.wetFogSeen(cls, dry, range, base, w, beta, noneFogged, ratios, ar, ag, ab, planes[0], planes[1], planes[2]);
                assertSameBits(expected, planes, w, "width " + w + ", trial " + trial);
            }
        }
    }

    @Test
    void foggedVectorsAreTheAirlightAndTheRestIsDecodedAsTheScalarPathDoes() {
        SplittableRandom random = new SplittableRandom(12);
        SrgbCurve srgb = new SrgbCurve();
        float beta = 0.0086f, ar = 0.61f, ag = 0.6f, ab = 0.58f;
        for (int w : WIDTHS) {
            for (int trial = 0; trial < 20; trial++) {
                int rows = 2, row = random.nextInt(rows), base = row * w;
                byte[] cls = classes(random, rows * w);
                float[] range = ranges(random, rows * w, beta);
                byte[] rgb = new byte[3 * rows * w];
                random.nextBytes(rgb);
                float dry = trial % 3 == 0 ? 1f : 1 - FrameConstants.WET_DARKENING * 0.7f;
                float[][] expected = new float[3][w];
                srgb.decodeRow(rgb, 3 * base, w, expected[0], expected[1], expected[2]);
                scalar(cls, dry, range, base, beta, new float[] {ar, ag, ab}, expected, w);
                float[][] planes = new float[3][w];
                for (float[] plane : planes) {
                    java.util.Arrays.fill(plane, Float.NaN);   // what a fogged vector held before must not show
                }
                boolean[] fogged = new boolean[FogVector.vectorsIn(w)];
                boolean asphalt = false;
                for (int u = 0; u < w; u++) {
                    asphalt |= cls[base + u] == 2 || cls[base + u] == 3;
                }
                assertEquals(asphalt, FogVector.decodeSeen(srgb, rgb, cls, range, base, w, beta, fogged, planes[0], planes[1], planes[2]),
                        "asphalt in the row, width " + w + ", trial " + trial);
                FogVector.wetFogSeen(cls, dry, range, base, w, beta, fogged, ones(w), ar, ag, ab, planes[0], planes[1], planes[2]);
                assertSameBits(expected, planes, w, "width " + w + ", row " + row + ", trial " + trial);
            }
        }
    }

    /**
     * The first pass alone: a vector is marked fogged exactly when every one of its pixels has beta d &gt;= 20 (t = 0:
     * NaN is not), its pixels hold 0 and every other pixel its decoded code (the caller of a row with relighting or
     * asphalt runs every step on those zeros); asphalt reported from single pixels anywhere in the row.
     */
    @Test
    void theFirstPassMarksFoggedVectorsZeroesThemAndFindsAsphalt() {
        SplittableRandom random = new SplittableRandom(13);
        SrgbCurve srgb = new SrgbCurve();
        float beta = 0.0086f, edge = NegExp.MAX_X / beta;
        int n = org.hilbridge.augment.VectorShapes.FLOAT.length();   // pixels a vector: 16 with AVX-512, 8 with AVX2
        for (int w : WIDTHS) {
            for (int trial = 0; trial < 40; trial++) {
                int base = random.nextInt(40);
                byte[] cls = new byte[base + w + 5];
                for (int i = 0; i < cls.length; i++) {
                    cls[i] = (byte) (random.nextInt(1 + w / 4) == 0 ? random.nextInt(256) : 1);
                }
                float[] range = new float[base + w + 5];
                java.util.Arrays.fill(range, Float.POSITIVE_INFINITY);
                for (int k = random.nextInt(4); k > 0; k--) {
                    float[] seen = {1f, Math.nextDown(edge), Float.NaN, -2f, 0f};
                    range[base + random.nextInt(w)] = seen[random.nextInt(seen.length)];
                }
                range[base + random.nextInt(w)] = edge;   // t = 0: fogged
                byte[] rgb = new byte[3 * (base + w)];
                random.nextBytes(rgb);
                float[][] planes = new float[3][w];
                for (float[] plane : planes) {
                    java.util.Arrays.fill(plane, Float.NaN);
                }
                boolean[] fogged = new boolean[FogVector.vectorsIn(w)];
                boolean asphalt = false;
                for (int u = 0; u < w; u++) {
                    asphalt |= cls[base + u] == 2 || cls[base + u] == 3;
                }
                String what = "width " + w + ", trial " + trial;
                assertEquals(asphalt, FogVector.decodeSeen(srgb, rgb, cls, range, base, w, beta, fogged, planes[0], planes[1], planes[2]), what);
                for (int i = 0; i < w / n; i++) {
                    boolean all = true;
                    for (int u = i * n; u < (i + 1) * n; u++) {
                        all &= beta * range[base + u] >= NegExp.MAX_X;
                    }
                    assertEquals(all, fogged[i], "vector " + i + ", " + what);
                }
                for (int u = 0; u < w; u++) {
                    boolean zero = u < w / n * n && fogged[u / n];
                    for (int p = 0; p < 3; p++) {
                        float expected = zero ? 0f : srgb.linear(rgb[3 * (base + u) + p]);
                        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(planes[p][u]), "plane " + p + " pixel " + u + ", " + what);
                    }
                }
            }
        }
    }

    @Test
    void theBackendGivesTheSameFrameWithAndWithoutTheVectorApi() {
        AugmentInput render = TestFrames.render(203, 77);   // a width that leaves a scalar tail after the vectors; sky in the upper rows
        AugmentInput asphalt = withAsphalt(render);
        for (AugmentInput in : new AugmentInput[] {render, asphalt}) {
            for (ParameterSet p : new ParameterSet[] {
                    SPACE.of(Map.of(FOG_VISIBILITY_M, 400.0)),
                    SPACE.of(Map.of(FOG_VISIBILITY_M, 35.0, FOG_DUST, 0.5)),   // the far terrain fogged out too
                    SPACE.of(Map.of(RAIN_RATE_MM_H, 10.0, RAIN_WETNESS, 0.7, FOG_VISIBILITY_M, 400.0, NOISE_FULL_WELL_E, 10000.0)),
                    SPACE.of(Map.of(RAIN_WETNESS, 1.0, FOG_VISIBILITY_M, 150.0, SNOW_RATE, 0.3)),
                    SPACE.of(Map.of(RAIN_WETNESS, 1.0, FOG_VISIBILITY_M, 150.0, LIGHT_SUN_SCALE, 0.6)),
                    SPACE.of(Map.of(FOG_VISIBILITY_M, 100.0, LIGHT_SKY_SCALE, 0.5, LENS_DEFOCUS_PX, 2.0))}) {
                BothPaths.assertSameFrame(in, p, in == asphalt ? "fog, with asphalt" : "fog");
            }
        }
    }

    /**
     * The relighting ({@link RelightVector} against SceneRow's scalar loop; with fog, on the vectors not fogged out,
     * then FogVector's kernel, against the separate steps): normals of the render, and ones with -0 components, (0, 0,
     * 0) and (-0, 0, -0) (no normal: sky light only), NaN, infinite (sky light only too: {@link SceneRow#relightRatio}),
     * unnormalised and backward ones; with and without asphalt (wet rows with asphalt take the separate steps).
     */
    @Test
    void relitFramesWithOddNormalsAreTheSameWithAndWithoutTheVectorApi() {
        AugmentInput render = TestFrames.render(203, 77);
        float[] normals = render.normals().clone();
        SplittableRandom random = new SplittableRandom(14);
        float[][] odd = {{0f, 0f, 0f}, {-0f, 0f, -0f}, {-0f, -0.6f, -0.8f}, {Float.NaN, 0f, -1f}, {0f, Float.POSITIVE_INFINITY, 0f},
                {3f, -4f, 12f}, {0f, 0f, 1f}, {1e-30f, 0f, 0f}};
        for (int p = 0; p < normals.length / 3; p++) {
            if (random.nextInt(5) == 0) {
                setNormal(normals, p, odd[random.nextInt(odd.length)]);
            }
        }
        AugmentInput oddNormals = withNormals(render, normals);
        for (AugmentInput in : new AugmentInput[] {oddNormals, withAsphalt(oddNormals)}) {
            for (ParameterSet p : new ParameterSet[] {
                    SPACE.of(Map.of(LIGHT_SUN_SCALE, 0.6)),
                    SPACE.of(Map.of(LIGHT_SKY_SCALE, 0.3, LIGHT_SUN_ELEVATION_DELTA_DEG, -20.0, FOG_VISIBILITY_M, 300.0, RAIN_WETNESS, 0.8)),
                    // the benchmark's per-pixel chain (bench augment, "per_pixel"): relit fog rows through FogVector's path
                    SPACE.of(Map.of(FOG_VISIBILITY_M, 400.0, RAIN_RATE_MM_H, 10.0, RAIN_WETNESS, 0.7, SENSOR_LIGHT_LEVEL, 0.3,
                            NOISE_FULL_WELL_E, 10000.0, NOISE_READ_NOISE_E, 3.0, LENS_VIGNETTING, 0.5, LIGHT_SUN_SCALE, 0.6, SNOW_RATE, 0.2)),
                    SPACE.of(Map.of(FOG_VISIBILITY_M, 35.0, LIGHT_SUN_SCALE, 0.6, RAIN_WETNESS, 1.0, LENS_DEFOCUS_PX, 2.0))}) {
                BothPaths.assertSameFrame(in, p, in == oddNormals ? "odd normals" : "odd normals, with asphalt");
            }
        }
    }

    /**
     * The relighting ratio's contract ({@link SceneRow#relightRatio}'s javadoc), scalar and {@link RelightVector} the
     * same bits: a normal with a NaN or infinite component, or all zero components (either sign), or whose |nx| + |ny| +
     * |nz| overflows, gets the sky-only ratio (skyScale); so does one whose ratio comes out NaN or -infinity (finite
     * components so large that the dot products times the irradiances overflow); every other normal the formula
     * written out here (PhotometricBackend's Lambert plus hemisphere sky light, at most 8). Every ratio is finite.
     */
    @Test
    void theRelightRatioIsFiniteAndSkyOnlyForOddNormalsBothWays() {
        AugmentInput render = TestFrames.render(64, 32);
        SplittableRandom random = new SplittableRandom(15);
        float[] parts = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, Float.MIN_VALUE, 1e-30f, -0.6f, 0.8f, 1f,
                3f, -4f, 1e36f, -3e37f, 2e38f, Float.MAX_VALUE, -Float.MAX_VALUE};
        for (ParameterSet p : new ParameterSet[] {
                SPACE.of(Map.of(LIGHT_SUN_SCALE, 0.6)),
                SPACE.of(Map.of(LIGHT_SKY_SCALE, 0.3, LIGHT_SUN_ELEVATION_DELTA_DEG, -20.0)),
                SPACE.of(Map.of(LIGHT_SUN_SCALE, 1.8, LIGHT_SKY_SCALE, 1.5, LIGHT_SUN_ELEVATION_DELTA_DEG, 30.0))}) {
            FrameConstants f = new FrameConstants().set(render, Settings.of(p), 5, 0.2f);
            int n = 16 * 64;   // whole vectors on any shape the kernels take (8 or 16 floats)
            f.w = n;   // RelightVector's row: these normals, not the render's
            float[] x = new float[n], y = new float[n], z = new float[n];
            for (int i = 0; i < n; i++) {
                boolean odd = random.nextInt(3) > 0;
                x[i] = odd ? parts[random.nextInt(parts.length)] : (float) random.nextDouble(-1, 1);
                y[i] = odd ? parts[random.nextInt(parts.length)] : (float) random.nextDouble(-1, 1);
                z[i] = odd ? parts[random.nextInt(parts.length)] : (float) random.nextDouble(-1, 1);
            }
            float[] r = new float[n];
            assertEquals(n, RelightVector.ratios(f, null, x, y, z, r), "whole vectors only");
            int sky = 0;
            for (int i = 0; i < n; i++) {
                String what = "normal (" + x[i] + ", " + y[i] + ", " + z[i] + "), parameters " + p;
                float ratio = SceneRow.relightRatio(f, x[i], y[i], z[i]);
                assertEquals(Float.floatToRawIntBits(ratio), Float.floatToRawIntBits(r[i]), "vector against scalar, " + what);
                assertTrue(Float.isFinite(ratio), what);
                float raw = rawRatio(f, x[i], y[i], z[i]);
                boolean normal = Float.isFinite(x[i]) && Float.isFinite(y[i]) && Float.isFinite(z[i]) && (x[i] != 0 || y[i] != 0 || z[i] != 0)
                        && Float.isFinite(Math.abs(x[i]) + Math.abs(y[i]) + Math.abs(z[i]));
                float expected = normal && Float.isFinite(raw) ? raw : f.skyScale;
                sky += expected == f.skyScale ? 1 : 0;
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(ratio), what);
            }
            assertTrue(sky > n / 10 && sky < n - n / 10, "both kinds of normal are drawn: " + sky + " of " + n + " sky-only");
        }
        // Finite components whose dot products overflow: the raw ratio is not finite, the contract's is the sky's.
        FrameConstants f = new FrameConstants().set(render, Settings.of(SPACE.of(Map.of(LIGHT_SUN_SCALE, 0.6))), 5, 0.2f);
        float big = Float.MAX_VALUE / 2;
        int overflowing = 0;
        for (int i = 0; i < 3; i++) {   // (+-big, +-0.9 big, 0) on every pair of axes
            for (int j = 0; j < 3; j++) {
                for (int signs = 0; signs < 4 && i != j; signs++) {
                    float[] n = new float[3];
                    n[i] = (signs & 1) == 0 ? big : -big;
                    n[j] = (signs & 2) == 0 ? 0.9f * big : -0.9f * big;
                    if (!Float.isFinite(rawRatio(f, n[0], n[1], n[2]))) {
                        overflowing++;
                        assertEquals(f.skyScale, SceneRow.relightRatio(f, n[0], n[1], n[2]), "normal " + java.util.Arrays.toString(n));
                    }
                }
            }
        }
        assertTrue(overflowing > 0, "some probe overflows without the contract");
    }

    /** The ratio as PhotometricBackend describes it, before the contract for odd normals (may be NaN or -infinity). */
    private static float rawRatio(FrameConstants f, float nx, float ny, float nz) {
        float hemi = 0.5f * (1 + nx * f.ux + ny * f.uy + nz * f.uz);
        float before = f.sunOld * Math.max(0, nx * f.sx + ny * f.sy + nz * f.sz) + f.skyE * hemi;
        float after = f.sunNew * Math.max(0, nx * f.tx + ny * f.ty + nz * f.tz) + f.skyScale * f.skyE * hemi;
        return Math.min(8f, after / Math.max(before, 1e-4f));
    }

    /**
     * The scene pass alone, row by row (no precipitation), the scalar steps against the Vector API path (relit rows
     * through {@link FogVector#relitWetFogSeen}, asphalt rows through the separate steps on the vectors not fogged) bit
     * for bit, on a render whose normals are partly odd (NaN, infinite, zero, huge): with relighting and fog every
     * pixel whose transmittance is exactly 0 (beta d &gt;= 20) is exactly the airlight either way, and every radiance is
     * finite (the contract of {@link SceneRow#relightRatio} and of the sky's reflection).
     */
    @Test
    void relitFoggedScenePixelsAreExactlyTheAirlightWithOddNormalsBothWays() {
        AugmentInput render = TestFrames.render(203, 77);
        float[] normals = render.normals().clone();
        SplittableRandom random = new SplittableRandom(16);
        float[][] odd = {{0f, 0f, 0f}, {-0f, 0f, -0f}, {Float.NaN, 0f, -1f}, {0f, Float.POSITIVE_INFINITY, 0f}, {Float.NEGATIVE_INFINITY, 1f, 0f},
                {Float.NaN, Float.NaN, Float.NaN}, {2e38f, 1.5e38f, 0f}, {3f, -4f, 12f}, {0f, -1f, 0f}};
        for (int p = 0; p < normals.length / 3; p++) {
            if (random.nextInt(4) == 0) {
                setNormal(normals, p, odd[random.nextInt(odd.length)]);
            }
        }
        for (AugmentInput in : new AugmentInput[] {withNormals(render, normals), withAsphalt(withNormals(render, normals))}) {
            for (ParameterSet p : new ParameterSet[] {
                    SPACE.of(Map.of(FOG_VISIBILITY_M, 400.0, LIGHT_SUN_SCALE, 0.6)),
                    SPACE.of(Map.of(FOG_VISIBILITY_M, 35.0, RAIN_WETNESS, 0.7, LIGHT_SUN_SCALE, 0.6, FOG_DUST, 0.5)),   // far asphalt fogged out too
                    SPACE.of(Map.of(FOG_VISIBILITY_M, 150.0, RAIN_WETNESS, 1.0, LIGHT_SKY_SCALE, 0.4, LIGHT_SUN_ELEVATION_DELTA_DEG, -15.0))}) {
                FrameConstants f = new FrameConstants().set(in, Settings.of(p), 5, 0.2f);
                assertTrue(f.relight && f.fog, "relit and fogged: " + p);
                Overlay none = new Overlay();
                none.reset();
                none.index(in.width(), in.height(), in.depthM());
                SrgbCurve srgb = new SrgbCurve();
                SceneRow scalar = new SceneRow(srgb, false), vector = new SceneRow(srgb, true);
                PlanarRow a = new PlanarRow(), b = new PlanarRow();
                int airlit = 0;
                for (int v = 0; v < in.height(); v++) {
                    a.ensure(in.width());
                    b.ensure(in.width());
                    java.util.Arrays.fill(b.r, Float.NaN);   // what the row held before must not show
                    scalar.compute(f, none, v, a);
                    vector.compute(f, none, v, b);
                    String what = "row " + v + ", parameters " + p + (in.semantic() == render.semantic() ? "" : ", with asphalt");
                    assertSameBits(new float[][] {a.r, a.g, a.b}, new float[][] {b.r, b.g, b.b}, in.width(), what);
                    for (int u = 0; u < in.width(); u++) {
                        assertTrue(Float.isFinite(a.r[u]) && Float.isFinite(a.g[u]) && Float.isFinite(a.b[u]), "finite radiance, pixel " + u + ", " + what);
                        if (f.beta * in.rangeM()[v * in.width() + u] >= NegExp.MAX_X) {
                            assertEquals(f.ar, a.r[u], "airlight, pixel " + u + ", " + what);
                            assertEquals(f.ag, a.g[u], "airlight, pixel " + u + ", " + what);
                            assertEquals(f.ab, a.b[u], "airlight, pixel " + u + ", " + what);
                            airlit++;
                        }
                    }
                }
                assertTrue(airlit > in.width(), "the fog hides whole rows' worth of pixels: " + airlit + ", " + p);
            }
        }
    }

    /** Pixel p's normal (3 floats a pixel: AugmentInput#normals) set to n. */
    private static void setNormal(float[] normals, int p, float[] n) {
        System.arraycopy(n, 0, normals, 3 * p, 3);
    }

    private static AugmentInput withNormals(AugmentInput r, float[] normals) {
        return new AugmentInput(r.streamId(), r.sequence(), r.captureNanos(), r.frameId(), r.width(), r.height(), r.rgb8(), r.rangeM(),
                r.depthM(), r.semantic(), normals, r.fxPx(), r.fyPx(), r.cxPx(), r.cyPx(), r.scene());
    }

    /** The render with its lower half's terrain relabelled as asphalt (ids 2 and 3 in stripes), so wet frames reflect the sky. */
    private static AugmentInput withAsphalt(AugmentInput in) {
        byte[] cls = in.semantic().clone();
        int w = in.width(), h = in.height();
        int relabelled = 0;
        for (int v = h / 2; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                if (cls[p] >= 4 && cls[p] <= 10) {
                    cls[p] = (byte) (2 + (u / 13) % 2);
                    relabelled++;
                }
            }
        }
        assertTrue(relabelled > w, "the render has terrain to relabel: " + relabelled + " pixels");
        return new AugmentInput(in.streamId(), in.sequence(), in.captureNanos(), in.frameId(), w, h, in.rgb8(), in.rangeM(), in.depthM(), cls,
                in.normals(), in.fxPx(), in.fyPx(), in.cxPx(), in.cyPx(), in.scene());
    }

    /** SceneRow's scalar loops: the darkening by class, then t by NegExp and the blend. */
    private static void scalar(byte[] cls, float dry, float[] range, int base, float beta, float[] air, float[][] planes, int w) {
        for (int u = 0; u < w; u++) {
            int c = cls[base + u] & 0xFF;
            float k = c >= 2 && c <= 10 ? dry : 1f;
            float t = NegExp.expNeg(beta * range[base + u]);
            float q = 1 - t;
            for (int p = 0; p < 3; p++) {
                planes[p][u] = planes[p][u] * k * t + air[p] * q;
            }
        }
    }

    /** Runs of one class (as rendered labels come) and single pixels of any of the 256 ids. */
    private static byte[] classes(SplittableRandom random, int n) {
        byte[] cls = new byte[n];
        for (int i = 0; i < n; i++) {
            cls[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : (i / 9) % 16);
        }
        return cls;
    }

    /**
     * Ranges in runs: the sky (+inf), beyond and just around 20 / beta (t exactly 0 or not), near ones, and now and then
     * NaN, negative, signed zero or -inf; runs long enough to fill whole vectors with t = 0.
     */
    private static float[] ranges(SplittableRandom random, int n, float beta) {
        float edge = NegExp.MAX_X / beta;
        // Fixed values, or (negative kinds) uniform in [0, -kind): near ground, and every transmittance up to the edge.
        float[] kinds = {Float.POSITIVE_INFINITY, edge, Math.nextDown(edge), Math.nextUp(edge), 3 * edge, -5f, -120f, -edge};
        float[] range = new float[n];
        for (int i = 0; i < n; ) {
            float kind = kinds[random.nextInt(kinds.length)];
            for (int run = 1 + random.nextInt(40); run > 0 && i < n; run--, i++) {
                float value = kind < 0 ? (float) random.nextDouble(0, -kind) : kind;
                range[i] = random.nextInt(30) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : value;
            }
        }
        return range;
    }

    private static void assertSameBits(float[][] expected, float[][] actual, int w, String what) {
        for (int p = 0; p < 3; p++) {
            for (int u = 0; u < w; u++) {
                assertEquals(Float.floatToIntBits(expected[p][u]), Float.floatToIntBits(actual[p][u]),   // every NaN alike (its payload depends on operand order), -0 apart from +0
                        "plane " + p + " pixel " + u + ": " + expected[p][u] + " against " + actual[p][u] + ", " + what);
            }
        }
    }

    /** The ratios of a row not relit. */
    private static float[] ones(int w) {
        float[] ones = new float[w];
        java.util.Arrays.fill(ones, 1f);
        return ones;
    }
}
