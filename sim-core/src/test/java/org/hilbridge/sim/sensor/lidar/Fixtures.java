package org.hilbridge.sim.sensor.lidar;

import java.util.List;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.scene.Appearance;
import org.hilbridge.sim.scene.Primitive;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;

/** Scenes and sweeps shared by the LiDAR tests. */
final class Fixtures {
    static final MaterialCatalog CATALOG = MaterialCatalog.standard();
    static final long MS = 1_000_000;

    private Fixtures() {
    }

    /** A level plane at height 0 of {@code material}, 400 m square, 1 m cells. */
    static HeightField plane(String material) {
        return ProceduralTerrain.plane(400, 1, CATALOG.get(material));
    }

    /** Level ground far below everything (out of every preset's range), so only the solids are seen. */
    static HeightField farBelow() {
        float[] h = new float[4];
        java.util.Arrays.fill(h, -500f);
        return new HeightField(2, 2, 400, -200, -200, h, null, List.of(CATALOG.get("grass")));
    }

    static Appearance grey(float infraredReflectivity) {
        return new Appearance(0.5f, 0.5f, 0.5f, 0, infraredReflectivity);
    }

    static Primitive.Box wall(double centerX, double centerY, double yawRad, double halfLength, double halfWidth, float reflectivity) {
        return new Primitive.Box(centerX, centerY, -20, yawRad, halfLength, halfWidth, 40, SemanticClass.OBSTACLE, grey(reflectivity));
    }

    /**
     * Sweeps one revolution from a sensor moving at constant velocity (vx, 0, 0) m/s from (0, 0, z) with the
     * given orientation, sampled at the 1 kHz slicing rate from t = 0; returns the first completed cloud.
     */
    static PointCloudSample sweep(LidarSensor sensor, double z, double vxMps, Rotation orientation) {
        Vec3 v = new Vec3(vxMps, 0, 0);
        Vec3 omega = new Vec3();
        for (long t = 0; ; t += MS) {
            PointCloudSample s = sensor.advance(t, vxMps * t * 1e-9, 0, z, orientation, v, omega);
            if (s != null) {
                return s;
            }
        }
    }

    static PointCloudSample sweep(LidarSensor sensor, double z) {
        return sweep(sensor, z, 0, new Rotation());
    }

    static Scene scene(HeightField terrain, Primitive... solids) {
        return new Scene(terrain, List.of(solids));
    }

    static double range(PointCloudSample s, int i) {
        double x = s.x()[i];
        double y = s.y()[i];
        double z = s.z()[i];
        return Math.sqrt(x * x + y * y + z * z);
    }
}
