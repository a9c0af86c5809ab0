package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.CylinderObstacle;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

/**
 * Frames are a function of the scene, the camera and its pose alone: bit-identical in every channel whatever
 * the number of render threads or tiles, and for a scene rebuilt from the same seed; another scenery seed
 * changes them (DESIGN.md: sim-core is deterministic by construction).
 */
class CameraDeterminismTest {
    private static final HeightField COURSE = ProceduralTerrain.rollingCourse(new RandomStreams(7).stream("terrain"), 400, 1, MaterialCatalog.standard());
    private static final World WORLD = new World(COURSE, List.of(new BoxObstacle("crate", 25, 14, 0.4, 1.2, 0.8, 1.5),
            new CylinderObstacle("post", 18, 2, 0.3, 2.2)), World.STANDARD_GRAVITY_MPS2);
    private static final CameraParams PARAMS = CameraParams.fromFieldOfView(240, 180, 90)
            .withDistortion(new CameraParams.Distortion(-0.1, 0.02, 0.0005, -0.0004, 0));

    private static Scene scene(long seed) {
        return new SceneBuilder(WORLD, COURSE, new double[] {0, 0, 40, 20}, 4).build(new RandomStreams(seed).stream("scenery"), SceneBuilder.defaultDensity());
    }

    private static CameraImage render(Scene scene, java.util.concurrent.Executor executor, int tiles) {
        CameraRenderer renderer = new CameraRenderer(PARAMS, scene, executor, tiles);
        Rotation pose = new Rotation().setYawPitchRoll(0.45, Math.toRadians(4), Math.toRadians(-2));
        return renderer.render(new Vec3(0, 0, COURSE.heightM(0, 0) + 1.6), pose);
    }

    private static void assertSameFrame(CameraImage a, CameraImage b) {
        assertArrayEquals(a.rgbData(), b.rgbData(), "rgb");
        assertArrayEquals(a.rangeData(), b.rangeData(), "range");
        assertArrayEquals(a.depthData(), b.depthData(), "depth");
        assertArrayEquals(a.semanticClassData(), b.semanticClassData(), "semantic class");
        assertArrayEquals(a.normalData(), b.normalData(), "normal");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFrameRenderedIntoAReusedImageIsTheFrameOfANewImage() {
        CameraRenderer renderer = new CameraRenderer(PARAMS, scene(11), Runnable::run, 3);
        Vec3 at = new Vec3(0, 0, COURSE.heightM(0, 0) + 1.6);
        // Looking down (ground everywhere) and up (mostly sky): the second frame's misses lie where the first
        // wrote ground values, which a reused image must not keep (normals are written only for hits).
        Rotation down = new Rotation().setYawPitchRoll(0.45, Math.toRadians(35), 0);
        Rotation up = new Rotation().setYawPitchRoll(-0.3, Math.toRadians(-30), Math.toRadians(3));
        CameraImage reused = renderer.newImage();
        for (Rotation[] order : new Rotation[][] {{down, up}, {up, down}}) {
            assertTrue(renderer.render(at, order[0], reused) == reused, "render returns the image it was given");
            renderer.render(at, order[1], reused);
            assertSameFrame(renderer.render(at, order[1]), reused);
        }
        CameraImage downFrame = renderer.render(at, down);
        CameraImage upFrame = renderer.render(at, up);
        long skyOnlyUp = 0;
        for (int p = 0; p < PARAMS.widthPx() * PARAMS.heightPx(); p++) {
            if (Float.isInfinite(upFrame.depthData()[p]) && Float.isFinite(downFrame.depthData()[p])) {
                skyOnlyUp++;
            }
        }
        assertTrue(skyOnlyUp > PARAMS.widthPx() * PARAMS.heightPx() / 4, "the two views differ in what they miss: " + skyOnlyUp + " px");
        CameraImage other = new CameraRenderer(CameraParams.fromFieldOfView(64, 48, 90), scene(11), Runnable::run, 1).newImage();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> renderer.render(at, down, other));
        assertTrue(e.getMessage().contains("64 x 48") && e.getMessage().contains("240 x 180"), e.getMessage());
    }

    @Test
    void oneThreadTwoThreadsAndAnyTilingGiveTheSameFrame() throws InterruptedException {
        Scene scene = scene(11);
        CameraImage single = render(scene, Runnable::run, 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertSameFrame(single, render(scene, pool, 2));
            assertSameFrame(single, render(scene, pool, 7));
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        // The frame shows the scene, not just sky: ground, scenery and the obstacles.
        byte[] classes = single.semanticClassData();
        for (SemanticClass c : List.of(SemanticClass.SKY, SemanticClass.OBSTACLE, SemanticClass.GRASS)) {
            assertTrue(contains(classes, c), "frame shows " + c);
        }
    }

    @Test
    void theSameSeedGivesTheSameFrameAnotherSeedAnother() {
        CameraImage a = render(scene(11), Runnable::run, 3);
        assertSameFrame(a, render(scene(11), Runnable::run, 3));
        CameraImage c = render(scene(12), Runnable::run, 3);
        assertFalse(Arrays.equals(a.rgbData(), c.rgbData()), "another scenery seed, another frame");
        assertFalse(Arrays.equals(a.semanticClassData(), c.semanticClassData()));
    }

    @Test
    void theTextureSeedVariesTheSurfacesButNotTheGeometry() {
        Scene scene = scene(11);
        CameraImage a = new CameraRenderer(PARAMS, scene, Runnable::run, 1).render(new Vec3(0, 0, COURSE.heightM(0, 0) + 1.6), new Rotation());
        CameraImage b = new CameraRenderer(PARAMS.withTextureSeed(99), scene, Runnable::run, 1).render(new Vec3(0, 0, COURSE.heightM(0, 0) + 1.6), new Rotation());
        assertFalse(Arrays.equals(a.rgbData(), b.rgbData()));
        assertArrayEquals(a.depthData(), b.depthData());
        assertArrayEquals(a.semanticClassData(), b.semanticClassData());
    }

    private static boolean contains(byte[] classes, SemanticClass c) {
        for (byte b : classes) {
            if (b == c.id()) {
                return true;
            }
        }
        return false;
    }
}
