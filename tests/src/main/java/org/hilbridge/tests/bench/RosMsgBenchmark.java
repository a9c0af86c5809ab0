package org.hilbridge.tests.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.hilbridge.bridge.ros.mapping.ImageEncoder;
import org.hilbridge.bridge.ros.mapping.PointCloudEncoder;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.sensor.lidar.LidarParams;
import org.hilbridge.sim.sensor.lidar.LidarSensor;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;

/**
 * ROS message serialisation (issue 5): a 1920x1080 sensor_msgs/Image rgb8 (a pooled head plus the
 * renderer's pixels wrapped, not copied), the same image copied into one pooled buffer (what a serialiser
 * without wrapping does), a 1920x1080 32FC1 depth image (copied: floats must become bytes) and a VLP-16
 * sensor_msgs/PointCloud2 (interleaved into one pooled buffer). Each body is built and released, as a
 * publisher would once its subscribers are done. Reported: median ns per message over alternating trials and
 * heap bytes allocated per message on the serialising thread (ThreadMXBean), against a memcpy
 * (System.arraycopy into an array allocated beforehand) of the same number of bytes, measured in the same run.
 */
final class RosMsgBenchmark implements Benchmark {
    private static final int TRIALS = 7;
    private static final int IMAGE_MESSAGES = 40;
    private static final int CLOUD_MESSAGES = 200;

    @Override
    public String name() {
        return "rosmsg";
    }

    @Override
    public String description() {
        return "ROS serialisation: 1920x1080 Image and VLP-16 PointCloud2, ns and heap bytes per message against a memcpy";
    }

    @Override
    public void run(BenchReport report) {
        CameraFrame frame = renderFrame();
        PointCloudSample cloud = sweep();
        for (ByteBufAllocator alloc : List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT)) {
            String a = alloc == PooledByteBufAllocator.DEFAULT ? "pooled" : "default";
            report.note("allocator " + a + ": " + alloc.getClass().getSimpleName() + "; " + frame.width() + "x" + frame.height() + " image, "
                    + cloud.pointCount() + " points; JDK " + Runtime.version());
            ImageEncoder images = new ImageEncoder(alloc);
            PointCloudEncoder clouds = new PointCloudEncoder(alloc);
            Function<CameraFrame, ByteBuf> copied = f -> {
                ByteBuf head = images.rgb8(f);
                ByteBuf flat = alloc.buffer(head.readableBytes());
                flat.writeBytes(head);
                head.release();
                return flat;
            };
            measure(report, "image_rgb8_1920x1080_" + a, () -> images.rgb8(frame), IMAGE_MESSAGES);
            measure(report, "image_rgb8_copied_1920x1080_" + a, () -> copied.apply(frame), IMAGE_MESSAGES);
            measure(report, "image_32FC1_1920x1080_" + a, () -> images.depth32FC1(frame), IMAGE_MESSAGES);
            measure(report, "pointcloud2_vlp16_" + a, () -> clouds.encode(cloud), CLOUD_MESSAGES);
        }
    }

    private void measure(BenchReport report, String metric, java.util.function.Supplier<ByteBuf> encode, int messages) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int bytes;
        {
            ByteBuf b = encode.get();
            bytes = b.readableBytes();
            b.release();
        }
        byte[] src = new byte[bytes];
        byte[] dst = new byte[bytes];
        Arrays.fill(src, (byte) 7);
        double[] ns = new double[TRIALS];
        double[] copyNs = new double[TRIALS];
        long allocated = 0;
        // Warm-up, then alternating trials: ours, then the memcpy, each over the same number of messages.
        for (int k = 0; k < messages; k++) {
            encode.get().release();
            System.arraycopy(src, 0, dst, 0, bytes);
        }
        for (int trial = 0; trial < TRIALS; trial++) {
            long a0 = threads.getThreadAllocatedBytes(thread);
            long t0 = System.nanoTime();
            for (int k = 0; k < messages; k++) {
                encode.get().release();
            }
            ns[trial] = (System.nanoTime() - t0) / (double) messages;
            allocated += threads.getThreadAllocatedBytes(thread) - a0;
            long c0 = System.nanoTime();
            for (int k = 0; k < messages; k++) {
                System.arraycopy(src, 0, dst, 0, bytes);
                dst[k % bytes] ^= 1;
            }
            copyNs[trial] = (System.nanoTime() - c0) / (double) messages;
        }
        Arrays.sort(ns);
        Arrays.sort(copyNs);
        double bytesPerMessage = allocated / (double) (TRIALS * messages);
        report.note(String.format("%s: %d bytes per body; ns per message median %.0f (spread %.0f to %.0f); memcpy median %.0f (spread %.0f to %.0f); heap %.0f B per message",
                metric, bytes, ns[TRIALS / 2], ns[0], ns[TRIALS - 1], copyNs[TRIALS / 2], copyNs[0], copyNs[TRIALS - 1], bytesPerMessage));
        report.figure(name(), metric + "_ns", ns[TRIALS / 2], "ns", "memcpy_" + bytes + "B", copyNs[TRIALS / 2]);
        report.figure(name(), metric + "_heap_bytes", bytesPerMessage, "B", "message_bytes", bytes);
    }

    /** One 1920x1080 frame of a grass plane and the sky, from a camera 1.2 m up. */
    private static CameraFrame renderFrame() {
        HeightField ground = ProceduralTerrain.plane(200, 1, MaterialCatalog.standard().get("grass"));
        World world = new World(ground, List.of(), World.STANDARD_GRAVITY_MPS2);
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), world);
        v.place(0, 0, 0, 0);
        CameraSensor camera = new CameraSensor("camera", "camera_optical_frame", 30, new SensorMount(1, 0, 1.2, 0, 0.05, 0),
                CameraParams.fromFieldOfView(1920, 1080, 90), new Scene(ground, List.of()), Runnable::run, 1);
        return camera.sample(v, 1_000_000_000L);
    }

    /** One VLP-16 revolution at 10 Hz over the same plane, sampled at 1 kHz as the runner does. */
    private static PointCloudSample sweep() {
        HeightField ground = ProceduralTerrain.plane(200, 1, MaterialCatalog.standard().get("grass"));
        World world = new World(ground, List.of(), World.STANDARD_GRAVITY_MPS2);
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), world);
        v.place(0, 0, 0, 0);
        LidarSensor lidar = new LidarSensor("lidar", "velodyne", new SensorMount(0.4, 0, 1.25, 0, 0, 0), LidarParams.preset(LidarParams.VLP16),
                new Scene(ground, List.of()), new SeededRandom(1));
        PointCloudSample out = null;
        for (long t = 0; out == null || t <= 100_000_000L; t += 1_000_000L) {
            PointCloudSample s = lidar.sample(v, t);
            if (s != null) {
                out = s;
            }
        }
        return out;
    }
}
