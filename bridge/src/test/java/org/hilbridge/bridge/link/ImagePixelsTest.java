package org.hilbridge.bridge.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Arrays;
import java.util.List;
import org.hilbridge.bridge.ros.mapping.ImageEncoder;
import org.hilbridge.bridge.socket.mapping.SampleEncoder;
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
}
