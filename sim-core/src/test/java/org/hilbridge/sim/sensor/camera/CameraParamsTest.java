package org.hilbridge.sim.sensor.camera;

import static org.hilbridge.sim.ErrorMessages.assertMessage;

import java.util.List;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.junit.jupiter.api.Test;

/** Bad camera input fails with a message naming the key, the value and what is allowed. */
class CameraParamsTest {
    private static final CameraParams.Lighting LIGHT = CameraParams.Lighting.DEFAULT;
    private static final CameraParams.Distortion NONE = CameraParams.Distortion.NONE;
    private static final CameraParams.Rgb WHITE = new CameraParams.Rgb(1, 1, 1);

    @Test
    void resolutionAndFieldOfView() {
        assertMessage(() -> CameraParams.fromFieldOfView(640, 480, 180), "camera.horizontal_fov_deg = 180 is not allowed: it must be in (0, 180)");
        assertMessage(() -> CameraParams.fromFieldOfView(640, 480, 0), "camera.horizontal_fov_deg = 0 is not allowed");
        assertMessage(() -> CameraParams.fromFieldOfView(640, 480, Double.NaN), "camera.horizontal_fov_deg = NaN is not allowed");
        assertMessage(() -> CameraParams.fromFieldOfView(0, 480, 90), "camera.width_px = 0 is not allowed: it must be an integer in [1, 16384]");
        assertMessage(() -> CameraParams.fromFieldOfView(640, -1, 90), "camera.height_px = -1 is not allowed");
        assertMessage(() -> CameraParams.fromFieldOfView(16384, 16384, 90), "camera.width_px x camera.height_px = 16384 x 16384 is not allowed");
    }

    @Test
    void intrinsicsAndDistortion() {
        assertMessage(() -> new CameraParams(640, 480, Double.NaN, 500, 320, 240, NONE, 0.1, 100, LIGHT, 0), "camera.fx_px = NaN is not allowed: it must be a finite number > 0");
        assertMessage(() -> new CameraParams(640, 480, 500, 0, 320, 240, NONE, 0.1, 100, LIGHT, 0), "camera.fy_px = 0 is not allowed");
        assertMessage(() -> new CameraParams(640, 480, 500, 500, Double.POSITIVE_INFINITY, 240, NONE, 0.1, 100, LIGHT, 0), "camera.cx_px = Infinity is not allowed: it must be a finite number");
        assertMessage(() -> new CameraParams(640, 480, 500, 500, 320, Double.NaN, NONE, 0.1, 100, LIGHT, 0), "camera.cy_px = NaN");
        assertMessage(() -> new CameraParams.Distortion(Double.NaN, 0, 0, 0, 0), "camera.k1 = NaN is not allowed: it must be a finite number");
        assertMessage(() -> new CameraParams.Distortion(0, 0, 0, Double.NEGATIVE_INFINITY, 0), "camera.p2 = -Infinity");
        assertMessage(() -> new CameraParams.Distortion(0, 0, 0, 0, Double.NaN), "camera.k3 = NaN");
        // Strong barrel distortion over a wide image folds it back on itself: no ray table exists.
        CameraParams folded = CameraParams.fromFieldOfView(640, 480, 120).withDistortion(new CameraParams.Distortion(-0.9, 0, 0, 0, 0));
        assertMessage(() -> new CameraModel(folded), "camera distortion (k1, k2, p1, p2, k3) = (-0.9, 0, 0, 0, 0) is not allowed for this 640 x 480 image");
    }

    @Test
    void rangeAndLighting() {
        CameraParams p = CameraParams.fromFieldOfView(64, 48, 90);
        assertMessage(() -> p.withRange(0, 100), "camera.near_m = 0 is not allowed: it must be a finite number > 0");
        assertMessage(() -> p.withRange(0.1, 0.05), "camera.far_m = 0.05 is not allowed: it must be a finite number > camera.near_m = 0.1");
        assertMessage(() -> p.withRange(0.1, Double.POSITIVE_INFINITY), "camera.far_m = Infinity");
        assertMessage(() -> new CameraParams.Lighting(Double.NaN, 45, WHITE, WHITE, 0.3), "camera.sun_azimuth_deg = NaN is not allowed");
        assertMessage(() -> new CameraParams.Lighting(90, 95, WHITE, WHITE, 0.3), "camera.sun_elevation_deg = 95 is not allowed: it must be in [-90, 90]");
        assertMessage(() -> new CameraParams.Lighting(90, 45, new CameraParams.Rgb(-1, 1, 1), WHITE, 0.3), "camera.sun_rgb red = -1 is not allowed: it must be in [0, 16]");
        assertMessage(() -> new CameraParams.Lighting(90, 45, WHITE, new CameraParams.Rgb(0.5, 2, 0.5), 0.3), "camera.sky_rgb green = 2 is not allowed: it must be in [0, 1]");
        assertMessage(() -> new CameraParams.Lighting(90, 45, WHITE, WHITE, Double.NaN), "camera.ambient = NaN");
    }

    @Test
    void sensorAndRenderer() {
        Scene scene = new Scene(ProceduralTerrain.plane(20, 1, MaterialCatalog.standard().get("grass")), List.of());
        CameraParams p = CameraParams.fromFieldOfView(64, 48, 90);
        assertMessage(() -> new CameraRenderer(p, scene, Runnable::run, 0), "camera tiles = 0 is not allowed: it must be in [1, camera.height_px = 48]");
        assertMessage(() -> new CameraSensor("front", "front_optical", 0, SensorMount.atBaseLink(), p, scene, Runnable::run, 1),
                "camera front rate_hz = 0.0 is not allowed: it must be a finite number > 0");
        CameraImage image = new CameraRenderer(p, scene, Runnable::run, 1).render(new org.hilbridge.sim.math.Vec3(0, 0, 2), new org.hilbridge.sim.math.Rotation());
        assertMessage(() -> image.depthM(64, 0), "pixel (64, 0) is outside the 64 x 48 image");
        assertMessage(() -> image.rgb(0, 0, 3), "rgb channel 3 is not allowed");
    }
}
