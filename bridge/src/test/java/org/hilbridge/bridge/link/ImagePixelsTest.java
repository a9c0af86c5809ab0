package org.hilbridge.bridge.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Arrays;
import java.util.List;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.GroundingScores;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.Provenance;
import org.hilbridge.augment.SceneContexts;
import org.hilbridge.bridge.ros.mapping.ImageEncoder;
import org.hilbridge.bridge.socket.mapping.SampleEncoder;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.pool.Pooled;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImagePool;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transports send a camera image's arrays wrapped, without a copy; the wrapping buffer holds a pooled
 * image until Netty deallocates it (CameraFrame's ownership rule), so a frame still queued for a slow ROS or
 * socket subscriber is never rendered into. Pinned on the pool's count of images in, through the real encoders.
 * The same for an augmented frame's pixels (the augmenter's pooled buffer, or the raw image for a frame sent raw).
 */
@Timeout(30)
class ImagePixelsTest {
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private CameraSensor camera;
    private Vehicle vehicle;
    private CameraImagePool pool;

    @BeforeEach
    void camera() {
        RandomStreams random = new RandomStreams(5);
        HeightField ground = ProceduralTerrain.rollingCourse(random.stream("terrain"), 100, 1, MaterialCatalog.standard());
        World world = new World(ground, List.of(), World.STANDARD_GRAVITY_MPS2);
        Scene scene = new SceneBuilder(world, ground, new double[] {0, 0, 30, 10}, 3).build(random.stream("scenery"), SceneBuilder.defaultDensity());
        camera = new CameraSensor("front_camera", "front_camera_optical", 30, new SensorMount(1.2, 0, 0.9, 0, 0, 0),
                CameraParams.fromFieldOfView(32, 24, 90), scene, Runnable::run, 1);
        vehicle = new Vehicle(VehicleParams.offRoadUtility(), world);
        vehicle.place(0, 0, 0.2, 0);
        pool = new CameraImagePool(camera.renderer(), 1);
    }

    @Test
    void rosBodiesHoldTheImageUntilReleased() {
        CameraFrame f = camera.sample(vehicle, 0, pool.acquire());
        ImageEncoder images = new ImageEncoder(alloc);
        ByteBuf rgb = images.rgb8(f);
        ByteBuf labels = images.semanticMono8(f);
        ByteBuf depth = images.depth32FC1(f); // copied: holds nothing
        f.release(); // the producer is done
        assertEquals(2, f.image().holders(), "the two wrapped bodies");
        ByteBuf second = rgb.retainedDuplicate(); // another topic's share of the body
        rgb.release();
        assertEquals(2, f.image().holders(), "a duplicate still reads the pixels");
        byte[] body = ByteBufUtil.getBytes(second);
        byte[] pixels = f.image().rgbData();
        assertArrayEquals(pixels, Arrays.copyOfRange(body, body.length - pixels.length, body.length), "the pixels, not a copy of something else");
        second.release();
        depth.release();
        assertEquals(1, f.image().holders());
        assertEquals(0, pool.available());
        labels.release();
        assertEquals(0, f.image().holders());
        assertEquals(1, pool.available(), "the last body gone: the image is back");
    }

    @Test
    void socketFramesHoldTheImageUntilReleased() {
        CameraFrame f = camera.sample(vehicle, 0, pool.acquire());
        ByteBuf frame = new SampleEncoder(alloc, false, true, true).encode(f, 0);
        f.release();
        assertEquals(2, f.image().holders(), "rgb and labels wrapped (depth is copied)");
        ByteBuf toClient = frame.retainedDuplicate();
        frame.release();
        assertEquals(0, pool.available(), "a client's share still reads the pixels");
        toClient.release();
        assertEquals(1, pool.available());
    }

    @Test
    void directPixelsCopyAndHoldNothing() {
        CameraFrame f = camera.sample(vehicle, 0, pool.acquire());
        ByteBuf frame = new SampleEncoder(alloc, true, true, true).encode(f, 0);
        f.release();
        assertEquals(1, pool.available(), "copied into direct memory: the image is free at once");
        frame.release();
    }

    @Test
    void augmentedPixelsAreHeldByRosAndSocketBodies() {
        CameraFrame f = camera.sample(vehicle, 0, pool.acquire());
        AugmentedFrame a = Augmentations.fog(f, 150); // the real augmenter: its pooled pixels, with the stage's hold
        assertEquals(Outcome.AUGMENTED, a.outcome());
        Pooled<?> pixels = a.owner();
        assertTrue(pixels.pooled());
        assertNotSame(f.image(), pixels);
        ByteBuf ros = new ImageEncoder(alloc).rgb8(a);
        SampleEncoder socket = new SampleEncoder(alloc, false, false, false);
        ByteBuf rawPrimary = socket.encodeImage(f, a, false, 0);
        ByteBuf augmentedPrimary = socket.encodeImage(f, a, true, 0);
        a.release(); // the producer is done
        f.release();
        assertEquals(3, pixels.holders(), "the ROS body and both socket frames wrap the augmented pixels");
        assertEquals(2, f.image().holders(), "both socket frames wrap the raw pixels too (pixels or raw_pixels)");
        byte[] body = ByteBufUtil.getBytes(ros);
        assertArrayEquals(a.rgb8(), Arrays.copyOfRange(body, body.length - a.rgb8().length, body.length), "the augmented pixels, not a copy");
        ros.release();
        rawPrimary.release();
        assertEquals(1, pixels.holders());
        assertEquals(1, f.image().holders());
        augmentedPrimary.release();
        assertEquals(0, pixels.holders(), "the last body gone: the buffer is back in the augmenter's pool");
        assertEquals(1, pool.available(), "and the raw image in the camera's");
    }

    @Test
    void aFrameSentRawHoldsTheRawImage() {
        CameraFrame f = camera.sample(vehicle, 0, pool.acquire());
        AugmentInput in = AugmentInput.of(f, SceneContexts.of(CameraParams.Lighting.DEFAULT, new Rotation(), new Vec3()));
        AugmentedFrame late = AugmentedFrame.raw(in, Outcome.LATE, new Provenance("photometric", "ab12", java.util.Map.of(), 1),
                GroundingScores.NOT_MEASURED);
        assertSame(f.image(), late.owner(), "the raw pixels' owner");
        assertSame(f.image().rgbData(), late.rgb8());
        f.release();
        assertEquals(1, f.image().holders(), "the LATE frame holds the raw image as any consumer does");
        ByteBuf ros = new ImageEncoder(alloc).rgb8(late);
        late.release();
        assertEquals(0, pool.available(), "the ROS body still reads the raw pixels");
        ros.release();
        assertEquals(1, pool.available());
    }

    @Test
    void directPixelsCopyTheAugmentedPixelsAndHoldNothing() {
        CameraFrame f = camera.sample(vehicle, 0, pool.acquire());
        AugmentedFrame a = Augmentations.fog(f, 150);
        ByteBuf frame = new SampleEncoder(alloc, true, true, true).encodeImage(f, a, true, 0);
        a.release();
        f.release();
        assertEquals(0, a.owner().holders(), "copied into direct memory: the buffer is free at once");
        assertEquals(1, pool.available());
        frame.release();
    }
}
