package org.hilbridge.sim.sensor.lidar;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.World;

/**
 * Sweeps a noisy VLP-16 and OS1-64 over a seeded off-road course with seeded scenery, from a vehicle
 * driving a curve, and hashes every field of every point (raw bits), so two runs agree only if their clouds
 * are bit-identical. A main class, so tests can run it in other JVM processes:
 * {@code java -cp ... PointCloudFingerprint SEED NOISE_SEED} prints the hash.
 */
public final class PointCloudFingerprint {
    private PointCloudFingerprint() {
    }

    public static void main(String[] args) {
        System.out.println(Long.toHexString(hash(clouds(Long.parseLong(args[0]), Long.parseLong(args[1])))));
    }

    /** Three VLP-16 revolutions and one OS1-64 revolution; scene from {@code seed}, range noise from {@code noiseSeed}. */
    static List<PointCloudSample> clouds(long seed, long noiseSeed) {
        RandomStreams streams = new RandomStreams(seed);
        HeightField course = ProceduralTerrain.rollingCourse(streams.stream("terrain"), 300, 1.0, MaterialCatalog.standard());
        Scene scene = new SceneBuilder(new World(course), course, new double[] {-100, 0, 100, 0}, 4)
                .build(streams.stream("scenery"), new SceneBuilder.Density(40, 80, 60));
        SceneRayCaster caster = new SceneRayCaster(scene);
        RandomStreams noise = new RandomStreams(noiseSeed);
        SensorMount mount = new SensorMount(0.3, 0, 1.2, 0, 0.02, 0);
        List<PointCloudSample> out = new ArrayList<>();
        out.addAll(drive(new LidarSensor("vlp", "velodyne", mount, LidarParams.preset("vlp16"), caster, noise.stream("vlp")), course, 3));
        out.addAll(drive(new LidarSensor("os1", "os_sensor", mount, LidarParams.preset("os1_64"), caster, noise.stream("os1")), course, 1));
        return out;
    }

    /** A vehicle at 8 m/s on a 60 m radius curve, 1.5 m over the ground, sampled at 1 kHz. */
    private static List<PointCloudSample> drive(LidarSensor sensor, HeightField course, int revolutions) {
        double speed = 8;
        double yawRate = speed / 60;
        Rotation orientation = new Rotation();
        Vec3 velocity = new Vec3();
        Vec3 omega = new Vec3(0, 0, yawRate);
        List<PointCloudSample> out = new ArrayList<>();
        for (long t = 0; out.size() < revolutions; t += 1_000_000) {
            double s = t * 1e-9;
            double yaw = yawRate * s;
            double x = -60 + 60 * StrictMath.sin(yaw);
            double y = 60 - 60 * StrictMath.cos(yaw);
            orientation.setYawPitchRoll(yaw, 0, 0);
            velocity.set(speed * StrictMath.cos(yaw), speed * StrictMath.sin(yaw), 0);
            PointCloudSample cloud = sensor.advance(t, x, y, course.heightM(x, y) + 1.5, orientation, velocity, omega);
            if (cloud != null) {
                out.add(cloud);
            }
        }
        return out;
    }

    static long hash(List<PointCloudSample> clouds) {
        long h = 0xCBF29CE484222325L;
        for (PointCloudSample c : clouds) {
            h = fnv(h, c.sequence());
            h = fnv(h, c.captureNanos());
            h = fnv(h, c.pointCount());
            for (int i = 0; i < c.pointCount(); i++) {
                h = fnv(h, Float.floatToRawIntBits(c.x()[i]));
                h = fnv(h, Float.floatToRawIntBits(c.y()[i]));
                h = fnv(h, Float.floatToRawIntBits(c.z()[i]));
                h = fnv(h, Float.floatToRawIntBits(c.intensity()[i]));
                h = fnv(h, Float.floatToRawIntBits(c.timeOffsetS()[i]));
                h = fnv(h, c.ring()[i]);
                h = fnv(h, c.semanticClassId()[i]);
            }
        }
        return h;
    }

    private static long fnv(long hash, long bits) {
        for (int i = 0; i < 8; i++) {
            hash ^= (bits >>> (8 * i)) & 0xFF;
            hash *= 0x100000001B3L;
        }
        return hash;
    }
}
