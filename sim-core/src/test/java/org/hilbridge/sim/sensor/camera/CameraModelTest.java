package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Projection and ray table against the pinhole + Brown-Conrady model as OpenCV documents it (calib3d,
 * "Camera Calibration and 3D Reconstruction"): x' = x / z, y' = y / z, r^2 = x'^2 + y'^2,
 * x'' = x' (1 + k1 r^2 + k2 r^4 + k3 r^6) + 2 p1 x' y' + p2 (r^2 + 2 x'^2),
 * y'' = y' (1 + k1 r^2 + k2 r^4 + k3 r^6) + p1 (r^2 + 2 y'^2) + 2 p2 x' y', u = fx x'' + cx, v = fy y'' + cy;
 * and the sensor_msgs/CameraInfo layout of D, K, R and P (ROS message definition).
 */
class CameraModelTest {
    private static final CameraParams.Distortion LENS = new CameraParams.Distortion(-0.28, 0.09, 0.0012, -0.0007, -0.015);
    private static final CameraParams CALIBRATED = new CameraParams(640, 480, 520, 515, 319.5, 241.25, LENS, 0.1, 200,
            CameraParams.Lighting.DEFAULT, 0);

    @Test
    void knownPointsLandWhereTheOpenCvFormulaPutsThem() {
        CameraModel model = new CameraModel(CALIBRATED);
        // Expected pixels computed independently from the formula above (double precision), not by this code.
        double[][] cases = {
                {0.5, -0.25, 2.0, 446.613794, 178.338426},
                {-1.2, 0.8, 3.5, 148.995796, 353.890620},
                {2.0, 1.5, 4.0, 554.310411, 416.011485},
                {0.0, 0.0, 7.0, 319.5, 241.25},
                {-0.3, -0.45, 1.1, 186.562209, 44.040797},
        };
        double[] uv = new double[2];
        for (double[] c : cases) {
            assertTrue(model.project(c[0], c[1], c[2], uv));
            assertEquals(c[3], uv[0], 0.01, "u of " + c[0] + ", " + c[1] + ", " + c[2]);
            assertEquals(c[4], uv[1], 0.01, "v of " + c[0] + ", " + c[1] + ", " + c[2]);
        }
        assertFalse(model.project(1, 1, -2, uv), "behind the camera");
    }

    @Test
    void everyPixelsRayProjectsBackOntoThatPixel() {
        for (CameraParams params : new CameraParams[] {CALIBRATED, CALIBRATED.withDistortion(CameraParams.Distortion.NONE),
                CameraParams.fromFieldOfView(320, 200, 100).withDistortion(new CameraParams.Distortion(0.12, -0.03, -0.002, 0.003, 0.004))}) {
            CameraModel model = new CameraModel(params);
            double[] uv = new double[2];
            double worst = 0;
            for (int v = 0; v < params.heightPx(); v++) {
                for (int u = 0; u < params.widthPx(); u++) {
                    // The ray (x', y', 1), scaled to any depth, is a 3-D point on that pixel's line of sight.
                    double depth = 3.7;
                    assertTrue(model.project(model.rayX(u, v) * depth, model.rayY(u, v) * depth, depth, uv));
                    worst = Math.max(worst, Math.max(Math.abs(uv[0] - u), Math.abs(uv[1] - v)));
                }
            }
            assertTrue(worst < 0.01, "worst reprojection error " + worst + " px for " + params.distortion());
        }
    }

    @Test
    void undistortionInvertsTheModelAsUndistortPointsDoes() {
        CameraModel model = new CameraModel(CALIBRATED);
        double[] xy = new double[2];
        double[] uv = new double[2];
        // The pixel a known point projects to undistorts back to that point's normalized coordinates.
        assertTrue(model.undistort(446.613794, 178.338426, xy));
        assertEquals(0.25, xy[0], 1e-7);
        assertEquals(-0.125, xy[1], 1e-7);
        assertTrue(model.project(xy[0], xy[1], 1, uv));
        assertEquals(446.613794, uv[0], 1e-5);
    }

    @Test
    void fieldOfViewGivesSquarePixelsCentredOnTheImage() {
        CameraParams p = CameraParams.fromFieldOfView(640, 480, 90);
        // (width / 2) / tan(45 deg) = 320.
        assertEquals(320, p.fxPx(), 1e-9);
        assertEquals(p.fxPx(), p.fyPx());
        assertEquals(319.5, p.cxPx());
        assertEquals(239.5, p.cyPx());
        assertEquals(90, p.horizontalFovDeg(), 1e-9);
        CameraModel model = new CameraModel(p);
        // The outer edge of the leftmost pixel (u = -0.5) is 45 degrees off the axis.
        assertEquals(-1, (model.rayX(0, 0) * 320 - 0.5) / 320, 1e-6);
        assertFalse(model.isDistorted());
    }

    @Test
    void cameraInfoFollowsTheRosLayout() {
        CameraInfoData info = CameraInfoData.of(CALIBRATED);
        assertEquals("plumb_bob", info.distortionModel());
        assertEquals(640, info.width());
        assertEquals(480, info.height());
        assertArrayEquals(new double[] {-0.28, 0.09, 0.0012, -0.0007, -0.015}, info.d());
        assertArrayEquals(new double[] {520, 0, 319.5, 0, 515, 241.25, 0, 0, 1}, info.k());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, info.r());
        assertArrayEquals(new double[] {520, 0, 319.5, 0, 0, 515, 241.25, 0, 0, 0, 1, 0}, info.p());
        info.k()[0] = 0;
        assertEquals(520, info.k()[0], "accessors hand out copies");
    }
}
