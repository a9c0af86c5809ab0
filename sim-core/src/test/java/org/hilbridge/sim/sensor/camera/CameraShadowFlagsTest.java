package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
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
 * The per-cell shadow flags let shading skip a shadow test only where that test cannot fail. Checked against
 * the tests themselves, exactly as shading evaluates them, at points spread over every cell of a seeded
 * rolling course with its scenery under a sun 3 degrees high (long terrain and solid shadows): where a
 * cell's flag says the terrain cannot shade it, every point of the drawn surface (the cell's two triangles
 * through its samples, split along the diagonal from (i, j) to (i + 1, j + 1)) lies at or above the
 * interpolated horizon level less the bias (the horizon-map rule, Max 1988, as {@link TerrainShading} states
 * it); where it says no solid can, the sun index holds no candidate anywhere in the cell, edges included.
 */
class CameraShadowFlagsTest {
    private static final int SAMPLES = 7;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCellSkipsAShadowTestOnlyWhereTheTestWouldPassEverywhereOnIt() {
        long seed = 11;
        HeightField course = ProceduralTerrain.rollingCourse(new RandomStreams(seed).stream("terrain"), 200, 1, MaterialCatalog.standard());
        Scene scene = new SceneBuilder(new World(course), course, new double[0], 0).build(new RandomStreams(seed).stream("scenery"), SceneBuilder.defaultDensity());
        CameraParams params = CameraParams.fromFieldOfView(64, 48, 90)
                .withLighting(new CameraParams.Lighting(200, 3, new CameraParams.Rgb(1, 0.9, 0.8), new CameraParams.Rgb(0.5, 0.6, 0.8), 0.5));
        CameraRenderer renderer = new CameraRenderer(params, scene, Runnable::run, 1);
        TerrainShading g = renderer.ground();
        Solids solids = renderer.solids();
        float[] d = g.samples;
        int stride = TerrainShading.STRIDE;
        int lv = TerrainShading.LEVEL;
        int terrainSkips = 0;
        int terrainTests = 0;
        int solidSkips = 0;
        int solidTests = 0;
        for (int j = 0; j + 1 < g.rows; j++) {
            for (int i = 0; i + 1 < g.columns; i++) {
                int flags = renderer.cellShadowFlags(i, j);
                int s00 = stride * (j * g.columns + i);
                int s10 = s00 + stride;
                int s01 = s00 + stride * g.columns;
                int s11 = s01 + stride;
                if ((flags & CameraRenderer.TERRAIN_MAY_SHADE) == 0) {
                    terrainSkips++;
                } else {
                    terrainTests++;
                }
                if ((flags & CameraRenderer.SOLID_MAY_SHADE) == 0) {
                    solidSkips++;
                } else {
                    solidTests++;
                }
                for (int a = 0; a < SAMPLES; a++) {
                    for (int b = 0; b < SAMPLES; b++) {
                        double fx = a / (double) (SAMPLES - 1);
                        double fy = b / (double) (SAMPLES - 1);
                        if ((flags & CameraRenderer.TERRAIN_MAY_SHADE) == 0) {
                            double h00 = d[s00];
                            double h10 = d[s10];
                            double h01 = d[s01];
                            double h11 = d[s11];
                            double z = fx >= fy ? h00 + fx * (h10 - h00) + fy * (h11 - h10) : h00 + fy * (h01 - h00) + fx * (h11 - h01);
                            double ex = 1 - fx;
                            double ey = 1 - fy;
                            double level = ey * (ex * d[s00 + lv] + fx * d[s10 + lv]) + fy * (ex * d[s01 + lv] + fx * d[s11 + lv]);
                            assertTrue(z >= level - CameraRenderer.SHADOW_BIAS_M, "cell (" + i + ", " + j + ") flagged sunlit past the terrain, but at ("
                                    + fx + ", " + fy + ") height " + z + " < level " + level + " - bias");
                        }
                        if ((flags & CameraRenderer.SOLID_MAY_SHADE) == 0) {
                            double x = g.originXM + (i + fx) * g.cellM;
                            double y = g.originYM + (j + fy) * g.cellM;
                            assertEquals(0, solids.sunCandidates(x, y).length, "cell (" + i + ", " + j + ") flagged clear of solids, but a solid may shade (" + x + ", " + y + ")");
                        }
                    }
                }
            }
        }
        // Not vacuous: both answers occur for both flags on this course.
        assertTrue(terrainSkips > 1000 && terrainTests > 100, "terrain flag: " + terrainSkips + " cells skip the test, " + terrainTests + " keep it");
        assertTrue(solidSkips > 1000 && solidTests > 100, "solid flag: " + solidSkips + " cells skip the test, " + solidTests + " keep it");
    }
}
