package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
 * The camera image pool and the reference count of its images (CameraFrame's ownership rule): an image is
 * handed out again only after its last hold is released, a pool that runs empty makes a new image and counts
 * it, misuse (a hold on an image back in its pool, one release too many) fails loudly, unpooled images ignore
 * holds, and a frame rendered into a reused image equals a frame rendered into a new one.
 */
@Timeout(60)
class CameraImagePoolTest {
    private static final HeightField COURSE = ProceduralTerrain.rollingCourse(new RandomStreams(7).stream("terrain"), 200, 1, MaterialCatalog.standard());
    private static final World WORLD = new World(COURSE, List.of(), World.STANDARD_GRAVITY_MPS2);
    private static final CameraParams PARAMS = CameraParams.fromFieldOfView(96, 64, 90);

    private static CameraRenderer renderer() {
        Scene scene = new SceneBuilder(WORLD, COURSE, new double[] {0, 0, 40, 20}, 4).build(new RandomStreams(3).stream("scenery"),
                SceneBuilder.defaultDensity());
        return new CameraRenderer(PARAMS, scene, Runnable::run, 2);
    }

    @Test
    void anImageComesBackOnlyWhenItsLastHoldIsReleased() {
        CameraImagePool pool = new CameraImagePool(renderer(), 1);
        CameraImage a = pool.acquire();
        assertTrue(a.pooled());
        assertEquals(1, a.holders(), "the acquirer's hold");
        assertEquals(0, pool.available());
        a.retain(); // a sink keeps it
        a.release(); // the producer lets go
        assertEquals(0, pool.available(), "still held by the sink");
        CameraImage b = pool.acquire();
        assertNotSame(a, b, "an image still held is never handed out: the empty pool makes a new one");
        assertEquals(1, pool.createdWhenEmpty());
        assertEquals(2, pool.created());
        a.release(); // the sink lets go
        assertEquals(0, a.holders());
        assertEquals(1, pool.available());
        assertSame(a, pool.acquire(), "and now it is reused");
        assertEquals(1, pool.createdWhenEmpty(), "no new image when one is in the pool");
    }

    @Test
    void misuseFailsLoudly() {
        CameraImagePool pool = new CameraImagePool(renderer(), 1);
        CameraImage a = pool.acquire();
        a.release();
        IllegalStateException late = assertThrows(IllegalStateException.class, a::retain);
        assertTrue(late.getMessage().contains("back in its pool"), late.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class, a::release);
        assertTrue(twice.getMessage().contains("released once more"), twice.getMessage());
        assertEquals(0, a.holders(), "a failed release leaves the count as it was");
        assertEquals(1, pool.available(), "and the image in the pool once");
    }

    @Test
    void unpooledImagesIgnoreHolds() {
        CameraImage image = renderer().newImage();
        assertFalse(image.pooled());
        assertSame(image, image.retain());
        image.release();
        image.release();
        assertEquals(0, image.holders());
    }

    @Test
    void poolSizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CameraImagePool(renderer(), 0));
        assertTrue(e.getMessage().contains("0 images"), e.getMessage());
    }

    /** The reused image holds the new frame only, bit for bit (the renderer overwrites every value: CameraDeterminismTest). */
    @Test
    void aFrameRenderedIntoAReusedImageEqualsANewRender() {
        CameraRenderer renderer = renderer();
        CameraImagePool pool = new CameraImagePool(renderer, 1);
        Vec3 here = new Vec3(0, 0, COURSE.heightM(0, 0) + 1.6);
        Vec3 there = new Vec3(12, 5, COURSE.heightM(12, 5) + 1.6);
        Rotation east = new Rotation().setYawPitchRoll(0, Math.toRadians(4), 0);
        Rotation north = new Rotation().setYawPitchRoll(Math.PI / 2, Math.toRadians(-10), 0);
        CameraImage first = renderer.render(here, east, pool.acquire());
        first.release();
        CameraImage reused = renderer.render(there, north, pool.acquire());
        assertSame(first, reused);
        CameraImage fresh = renderer.render(there, north);
        assertArrayEquals(fresh.rgbData(), reused.rgbData());
        assertArrayEquals(fresh.rangeData(), reused.rangeData());
        assertArrayEquals(fresh.depthData(), reused.depthData());
        assertArrayEquals(fresh.semanticClassData(), reused.semanticClassData());
        assertArrayEquals(fresh.normalData(), reused.normalData());
    }
}
