package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The terrain's level of detail ({@link TerrainLod}) against the full-detail render of the same frames. The
 * coarse mesh is chosen so that its vertical error, projected at each block's nearest depth, stays under
 * {@link CameraRenderer#DEFAULT_LOD_TOLERANCE_PX} (half a pixel): the surface a pixel sees in the LOD frame is
 * then the full-detail surface seen within a pixel of it, so its depth lies within the depths the full frame
 * has around that pixel, and a pixel changes class only where a class boundary passes within a pixel. Seams
 * between levels are closed (T-junction vertices moved onto the coarse edge): no pixel looks through the
 * ground to something farther than everything the full frame shows around it.
 */
@Timeout(120)
class CameraLodTest {
    private static final HeightField COURSE = ProceduralTerrain.rollingCourse(new RandomStreams(7).stream("terrain"), 400, 1, MaterialCatalog.standard());
    private static final Scene SCENE = new SceneBuilder(new World(COURSE), COURSE, new double[] {0, 0, 40, 20}, 4)
            .build(new RandomStreams(11).stream("scenery"), SceneBuilder.defaultDensity());
    private static final CameraParams PARAMS = CameraParams.fromFieldOfView(640, 480, 90);
    /** Poses: (x, y, yaw); 1.6 m above the ground, level, as the benchmark's camera. */
    private static final double[][] POSES = {{0, 0, 0}, {0, 0, 1.6}, {0, 0, 3.3}, {0, 0, -1.2}, {-60, 40, 0.7}, {50, -70, 2.4}};

    private static CameraImage render(CameraRenderer renderer, double[] pose) {
        return renderer.render(new Vec3(pose[0], pose[1], COURSE.heightM(pose[0], pose[1]) + 1.6), new Rotation().setYawPitchRoll(pose[2], 0, 0));
    }

    @Test
    void theLevelOfDetailStaysWithinAPixelOfTheFullDetailRender() {
        CameraRenderer full = new CameraRenderer(PARAMS, SCENE, Runnable::run, 1, 0);
        CameraRenderer coarse = new CameraRenderer(PARAMS, SCENE, Runnable::run, 1);
        int width = PARAMS.widthPx();
        int height = PARAMS.heightPx();
        long pixels = 0;
        long hits = 0;
        long classDiffers = 0;
        long depthOutside = 0;
        long holes = 0;
        long cellsFull = 0;
        long cellsCoarse = 0;
        for (double[] pose : POSES) {
            CameraImage a = render(full, pose);
            cellsFull += full.listedCells();
            CameraImage b = render(coarse, pose);
            cellsCoarse += coarse.listedCells();
            float[] da = a.depthData();
            float[] db = b.depthData();
            byte[] ca = a.semanticClassData();
            byte[] cb = b.semanticClassData();
            for (int v = 1; v + 1 < height; v++) {
                for (int u = 1; u + 1 < width; u++) {
                    int p = v * width + u;
                    pixels++;
                    if (ca[p] != cb[p]) {
                        classDiffers++;
                    }
                    // The full frame's depths around the pixel (3 x 3).
                    float lo = Float.POSITIVE_INFINITY;
                    float hi = 0;
                    for (int dv = -1; dv <= 1; dv++) {
                        for (int du = -1; du <= 1; du++) {
                            float d = da[p + dv * width + du];
                            lo = Math.min(lo, d);
                            hi = Math.max(hi, d);
                        }
                    }
                    if (Float.isFinite(da[p])) {
                        hits++;
                    }
                    float d = db[p];
                    // A crack or hole: farther than all the full frame shows around the pixel (sky included).
                    if (d > hi * 1.01f) {
                        holes++;
                    }
                    if (!(d >= lo * 0.99f && d <= hi * 1.01f)) {
                        depthOutside++;
                    }
                }
            }
        }
        String figures = String.format("%d pixels, %d terrain or solid in the full frames; class differs on %d, depth outside the 3 x 3 range on %d, holes %d; cells listed %d (full) vs %d (lod)",
                pixels, hits, classDiffers, depthOutside, holes, cellsFull, cellsCoarse);
        System.out.println("CameraLodTest: " + figures);
        assertTrue(hits > pixels / 2, "the frames show mostly ground: " + figures);
        assertEquals(0, holes, figures);
        assertTrue(classDiffers <= pixels / 500, "semantic ids equal on >= 99.8 % of pixels: " + figures);
        assertTrue(depthOutside <= pixels / 1000, "depth within the full frame's 3 x 3 neighbourhood (1 % slack) on >= 99.9 % of pixels: " + figures);
        // The level of detail is in use: far fewer cells drawn (a tolerance ignored would fail here).
        assertTrue(cellsCoarse * 2 < cellsFull, figures);
    }

    @Test
    void theLevelOfDetailFrameIsTheSameForAnyThreadCountAndTiling() throws InterruptedException {
        CameraImage single = render(new CameraRenderer(PARAMS, SCENE, Runnable::run, 1), POSES[4]);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int tiles : new int[] {2, 9}) {
                CameraImage other = render(new CameraRenderer(PARAMS, SCENE, pool, tiles), POSES[4]);
                assertArrayEquals(single.rgbData(), other.rgbData(), "rgb, " + tiles + " tiles");
                assertArrayEquals(single.depthData(), other.depthData(), "depth, " + tiles + " tiles");
                assertArrayEquals(single.rangeData(), other.rangeData(), "range, " + tiles + " tiles");
                assertArrayEquals(single.semanticClassData(), other.semanticClassData(), "class, " + tiles + " tiles");
                assertArrayEquals(single.normalData(), other.normalData(), "normal, " + tiles + " tiles");
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aToleranceThatIsNotAFiniteNonNegativeNumberIsRefusedNamingTheKey() {
        for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CameraRenderer(PARAMS, SCENE, Runnable::run, 1, bad));
            assertTrue(e.getMessage().contains("camera.lod_tolerance_px = " + bad) && e.getMessage().contains(">= 0"), e.getMessage());
        }
    }

    @Test
    void coarseErrorsAreTheLargestVerticalDistanceToTheCoarseMesh() {
        // One whole 8 x 8 block, flat but for one sample 2 m up at (3, 5): level 1 (2-cell cells) misses it
        // entirely (odd column), so its error there is 2 m; a plane's error is 0 at every level (closed form).
        int columns = 9;
        float[] h = new float[columns * columns];
        h[5 * columns + 3] = 2;
        TerrainLod bump = new TerrainLod(h, columns, columns);
        assertEquals(2.0, bump.errorM[1], 0);
        float[] plane = new float[columns * columns];
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < columns; i++) {
                plane[j * columns + i] = 0.25f * i - 0.5f * j + 3;
            }
        }
        TerrainLod flat = new TerrainLod(plane, columns, columns);
        for (int l = 1; l <= TerrainLod.MAX_LEVEL; l++) {
            assertEquals(0.0, flat.errorM[l], 0, "level " + l);
        }
        assertEquals(TerrainLod.MAX_LEVEL, flat.level(0, 1, 1000, 0.5));
        // The bump's block: 2 m at depth z projects to 2 * 1000 / z px, within 0.5 px only beyond 4 km.
        assertEquals(0, bump.level(0, 3999, 1000, 0.5));
        assertEquals(TerrainLod.MAX_LEVEL, bump.level(0, 4001, 1000, 0.5));
    }
}
