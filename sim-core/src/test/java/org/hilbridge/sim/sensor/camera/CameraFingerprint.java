package org.hilbridge.sim.sensor.camera;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.World;

/**
 * Renders a few frames of a seeded course and its scenery through a distorted lens on two threads and
 * hashes every bit of every channel, so two runs agree only if they are bit-identical. A main class, so a
 * test can run it in other JVM processes and other JDKs: {@code java -cp ... CameraFingerprint SEED}.
 */
public final class CameraFingerprint {
    private CameraFingerprint() {
    }

    public static void main(String[] args) {
        System.out.println(Long.toHexString(of(Long.parseLong(args[0]))));
    }

    static long of(long seed) {
        HeightField course = ProceduralTerrain.rollingCourse(new RandomStreams(seed).stream("terrain"), 300, 1, MaterialCatalog.standard());
        Scene scene = new SceneBuilder(new World(course), course, new double[0], 0).build(new RandomStreams(seed).stream("scenery"), SceneBuilder.defaultDensity());
        CameraParams params = CameraParams.fromFieldOfView(200, 150, 100).withDistortion(new CameraParams.Distortion(-0.12, 0.03, 0.0008, -0.0006, -0.002))
                .withLighting(new CameraParams.Lighting(200, 25, new CameraParams.Rgb(1, 0.9, 0.8), new CameraParams.Rgb(0.5, 0.6, 0.8), 0.5))
                .withTextureSeed(seed);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CameraRenderer renderer = new CameraRenderer(params, scene, pool, 5);
            long h = 0xCBF29CE484222325L;
            for (int k = 0; k < 4; k++) {
                double x = -60 + 40 * k;
                double y = 20 - 15 * k;
                CameraImage image = renderer.render(new Vec3(x, y, course.heightM(x, y) + 1.6),
                        new Rotation().setYawPitchRoll(0.7 * k, Math.toRadians(3 + k), Math.toRadians(k - 1.5)));
                h = mix(h, image);
            }
            return h;
        } finally {
            pool.shutdown();
        }
    }

    /** FNV-1a over the raw bits of every channel value. */
    private static long mix(long h, CameraImage image) {
        for (byte b : image.rgbData()) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        for (byte b : image.semanticClassData()) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        for (float[] channel : new float[][] {image.rangeData(), image.depthData(), image.normalData()}) {
            for (float f : channel) {
                h = (h ^ Float.floatToRawIntBits(f)) * 0x100000001B3L;
            }
        }
        return h;
    }
}
