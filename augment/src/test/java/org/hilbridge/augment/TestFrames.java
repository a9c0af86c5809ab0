package org.hilbridge.augment;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.sensor.camera.CameraImage;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraRenderer;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.World;

/** Frames for the tests: real renders of sim-core's off-road course with scenery, and synthetic frames of known range. */
public final class TestFrames {
    private TestFrames() {
    }

    /**
     * A render of the seeded rolling course with trees, bushes and rocks, from 1.6 m above the ground, looking along yaw;
     * the rendered {@link CameraImage} (not pooled: holds do nothing) is the input's owner.
     */
    public static AugmentInput render(int width, int height, long seed, double yawRad, Vec3 velocityWorldMps) {
        return render(width, height, seed, yawRad, velocityWorldMps, new SceneBuilder.Density(300, 300, 200));
    }

    /**
     * The same with the scenery's density given: {@link SceneBuilder#defaultDensity()} is the default scenario's (a few
     * trees a hectare: wide stretches of faintly textured ground, as in the benchmark's frames).
     */
    public static AugmentInput render(int width, int height, long seed, double yawRad, Vec3 velocityWorldMps, SceneBuilder.Density density) {
        HeightField course = ProceduralTerrain.rollingCourse(new RandomStreams(seed).stream("terrain"), 300, 1, MaterialCatalog.standard());
        Scene scene = new SceneBuilder(new World(course), course, new double[0], 0)
                .build(new RandomStreams(seed).stream("scenery"), density);
        CameraParams params = CameraParams.fromFieldOfView(width, height, 90).withTextureSeed(seed);
        CameraRenderer renderer = new CameraRenderer(params, scene, Runnable::run, 1);
        double x = -40, y = 10;
        Rotation pose = new Rotation().setYawPitchRoll(yawRad, Math.toRadians(4), 0);
        CameraImage im = renderer.render(new Vec3(x, y, course.heightM(x, y) + 1.6), pose);
        SceneContext ctx = SceneContexts.of(params.lighting(), pose, velocityWorldMps);
        return new AugmentInput("front", 7, 1_000_000L, "front_optical", width, height, im.rgbData(), im.rangeData(), im.depthData(),
                im.semanticClassData(), im.normalData(), params.fxPx(), params.fyPx(), params.cxPx(), params.cyPx(), ctx, im);
    }

    public static AugmentInput render(int width, int height) {
        return render(width, height, 3, 0.3, new Vec3());
    }

    /**
     * A synthetic frame: every pixel the colour {@code code} (sRGB, grey), at range {@code rangeM.applyAsDouble(u, v)}
     * (depth equal to range, normal facing the camera, class rock where finite, sky where infinite).
     */
    public static AugmentInput synthetic(int width, int height, int code, RangeFunction rangeM) {
        int n = width * height;
        byte[] rgb = new byte[3 * n];
        float[] range = new float[n];
        float[] depth = new float[n];
        byte[] cls = new byte[n];
        float[] normals = new float[3 * n];
        for (int v = 0, p = 0; v < height; v++) {
            for (int u = 0; u < width; u++, p++) {
                double r = rangeM.at(u, v);
                range[p] = (float) r;
                depth[p] = (float) r;
                boolean hit = Double.isFinite(r);
                cls[p] = (byte) (hit ? 12 : 1);
                normals[3 * p + 2] = hit ? -1 : 0;
                rgb[3 * p] = rgb[3 * p + 1] = rgb[3 * p + 2] = (byte) (hit ? code : 200);
            }
        }
        return new AugmentInput("synthetic", 0, 0, "synthetic_optical", width, height, rgb, range, depth, cls, normals,
                width / 2.0, width / 2.0, (width - 1) / 2.0, (height - 1) / 2.0, SceneContext.STILL_DAYLIGHT);
    }

    @FunctionalInterface
    public interface RangeFunction {
        double at(int u, int v);
    }
}
