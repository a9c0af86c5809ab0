package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hilbridge.sim.scene.Appearance;
import org.hilbridge.sim.scene.Primitive;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

/**
 * What the camera sees where, against the pinhole formula u = fx x / z + cx, v = fy y / z + cy (OpenCV calib3d,
 * no distortion) and the flat-ground formula: a camera h above level ground, pitched down by theta, sees the
 * ground along the ray (x', y', 1) at depth h / (sin theta + y' cos theta) (the ray's world direction has
 * vertical component -(sin theta + y' cos theta) per unit depth).
 */
class CameraGeometryTest {
    private static final Appearance GREY = new Appearance(0.5f, 0.5f, 0.5f, 0f, 0.5f);
    private static final HeightField FLAT = ProceduralTerrain.plane(120, 1, MaterialCatalog.standard().get("gravel"));
    /** The off-road vehicle's CG is 0.75 m up; a mount 0.75 m above it puts the camera 1.5 m above the ground. */
    private static final double CAMERA_HEIGHT_M = 1.5;

    private static Vehicle vehicleAt(double xM, double yM) {
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), new World(FLAT));
        v.place(xM, yM, 0, 0);
        return v;
    }

    @Test
    void aBoxCoversThePixelsThePinholeFormulaPredictsAndTheGroundItsOwn() {
        // Camera at (-19.5, 0, 1.5) looking along +x; the box's near face is the plane x = -8.5, 11 m ahead,
        // 3 m wide (y in [-1.5, 1.5]) and 2 m tall (z in [0, 2]); the camera, between its sides and below its
        // top, sees that face alone.
        Primitive.Box box = new Primitive.Box(-7.5, 0, 0, 0, 1, 1.5, 2, SemanticClass.OBSTACLE, GREY);
        Scene scene = new Scene(FLAT, List.of(box));
        CameraParams params = CameraParams.fromFieldOfView(320, 240, 90);
        CameraSensor camera = new CameraSensor("front", "front_optical", 10, new SensorMount(0.5, 0, 0.75, 0, 0, 0), params, scene, Runnable::run, 3);
        CameraFrame frame = camera.sample(vehicleAt(-20, 0), 123_000_000L);
        camera.sample(vehicleAt(-20, 0), 223_000_000L);
        CameraFrame third = camera.sample(vehicleAt(-20, 0), 323_000_000L);
        assertEquals(0, frame.sequence());
        assertEquals(2, third.sequence());
        assertEquals(123_000_000L, frame.captureNanos());
        assertEquals("front", frame.streamId());
        assertEquals("front_optical", frame.frameId());
        assertEquals(320, frame.width());
        assertEquals(240, frame.height());
        assertEquals(params.fxPx(), frame.cameraInfo().k()[0]);

        double fx = params.fxPx();
        double cx = params.cxPx();
        double cy = params.cyPx();
        double distance = 11;
        // Pinhole: optical x = -world y, optical y = -(world z - camera height), optical z = world x - camera x.
        double uLeft = fx * -1.5 / distance + cx;
        double uRight = fx * 1.5 / distance + cx;
        double vTop = fx * -(2 - CAMERA_HEIGHT_M) / distance + cy;
        double vBottom = fx * CAMERA_HEIGHT_M / distance + cy;
        CameraImage image = frame.image();
        CameraModel model = camera.renderer().model();
        int boxPixels = 0;
        int groundPixels = 0;
        for (int v = 0; v < 240; v++) {
            for (int u = 0; u < 320; u++) {
                boolean surelyIn = u > uLeft + 1 && u < uRight - 1 && v > vTop + 1 && v < vBottom - 1;
                boolean surelyOut = u < uLeft - 1 || u > uRight + 1 || v < vTop - 1 || v > vBottom + 1;
                double yRay = model.rayY(u, v);
                double xRay = model.rayX(u, v);
                if (surelyIn) {
                    boxPixels++;
                    assertEquals(SemanticClass.OBSTACLE, image.semanticClass(u, v), "pixel " + u + ", " + v);
                    assertEquals(distance, image.depthM(u, v), 1e-4);
                    assertEquals(distance * Math.sqrt(1 + xRay * xRay + yRay * yRay), image.rangeM(u, v), 1e-4);
                    // The near face's outward normal is -x in the world: -z in the optical frame.
                    assertEquals(-1, image.normal(u, v, 2), 1e-6);
                } else if (surelyOut) {
                    assertNotEquals(SemanticClass.OBSTACLE, image.semanticClass(u, v), "pixel " + u + ", " + v);
                    double groundDepth = CAMERA_HEIGHT_M / yRay;
                    boolean onField = yRay > 0 && -19.5 + groundDepth < 60 && Math.abs(groundDepth * xRay) < 60;
                    if (onField && groundDepth < params.farM()) {
                        groundPixels++;
                        assertEquals(SemanticClass.GRAVEL, image.semanticClass(u, v), "pixel " + u + ", " + v);
                        assertEquals(groundDepth, image.depthM(u, v), groundDepth * 1e-5, "ground depth at pixel " + u + ", " + v);
                        // Up in the world is -y in the optical frame.
                        assertEquals(-1, image.normal(u, v, 1), 1e-6);
                    } else if (yRay < 0) {
                        assertEquals(SemanticClass.SKY, image.semanticClass(u, v));
                        assertEquals(Float.POSITIVE_INFINITY, image.depthM(u, v));
                        assertEquals(Float.POSITIVE_INFINITY, image.rangeM(u, v));
                    }
                }
            }
        }
        assertTrue(boxPixels > 500, "box pixels checked: " + boxPixels);
        assertTrue(groundPixels > 15_000, "ground pixels checked: " + groundPixels);
    }

    @Test
    void aCameraPitchedDownSeesTheGroundAtTheFlatGroundDepthAndBeyondTheFieldNothingLabelled() {
        double pitch = Math.toRadians(12);
        Scene scene = new Scene(FLAT, List.of());
        CameraParams params = CameraParams.fromFieldOfView(200, 150, 70).withRange(0.2, 50);
        CameraSensor camera = new CameraSensor("cam", "cam_optical", 10, new SensorMount(0, 0, 0.75, 0, pitch, 0), params, scene, Runnable::run, 1);
        CameraImage image = camera.sample(vehicleAt(0, 0), 0).image();
        CameraModel model = camera.renderer().model();
        int checked = 0;
        for (int v = 0; v < 150; v++) {
            for (int u = 0; u < 200; u++) {
                double y = model.rayY(u, v);
                double down = Math.sin(pitch) + y * Math.cos(pitch);
                double depth = down > 0 ? CAMERA_HEIGHT_M / down : Double.POSITIVE_INFINITY;
                if (depth < 49.9) {
                    assertEquals(depth, image.depthM(u, v), depth * 1e-5, "pixel " + u + ", " + v);
                    assertEquals(SemanticClass.GRAVEL, image.semanticClass(u, v));
                    checked++;
                } else if (depth > 50.1 && down > 0) {
                    // Beyond the far plane the ground is there but not drawn: nothing labelled, no range.
                    assertEquals(SemanticClass.UNLABELED, image.semanticClass(u, v), "pixel " + u + ", " + v);
                    assertEquals(Float.POSITIVE_INFINITY, image.depthM(u, v));
                } else if (down < 0) {
                    assertEquals(SemanticClass.SKY, image.semanticClass(u, v));
                }
            }
        }
        assertTrue(checked > 20_000, "ground pixels checked: " + checked);
    }

    @Test
    void distortionMovesEveryChannelTogether() {
        // The same box through a distorted lens: wherever the class says obstacle, the depth is the face's and
        // the ray of that pixel, extended to that depth, meets the face inside its outline.
        Primitive.Box box = new Primitive.Box(-7.5, 0, 0, 0, 1, 1.5, 2, SemanticClass.OBSTACLE, GREY);
        Scene scene = new Scene(FLAT, List.of(box));
        CameraParams params = CameraParams.fromFieldOfView(320, 240, 90).withDistortion(new CameraParams.Distortion(-0.2, 0.04, 0.001, -0.001, 0));
        CameraRenderer renderer = new CameraRenderer(params, scene, Runnable::run, 2);
        CameraImage image = renderer.render(new org.hilbridge.sim.math.Vec3(-19.5, 0, CAMERA_HEIGHT_M), new org.hilbridge.sim.math.Rotation());
        CameraModel model = renderer.model();
        int obstacle = 0;
        for (int v = 0; v < 240; v++) {
            for (int u = 0; u < 320; u++) {
                double xr = model.rayX(u, v);
                double yr = model.rayY(u, v);
                // Where the undistorted ray meets the face plane 11 m ahead: world y = -11 x', z = 1.5 - 11 y'.
                double wy = -11 * xr;
                double wz = CAMERA_HEIGHT_M - 11 * yr;
                boolean inside = Math.abs(wy) < 1.5 - 0.05 && wz > 0.05 && wz < 2 - 0.05;
                boolean outside = Math.abs(wy) > 1.5 + 0.05 || wz < -0.05 || wz > 2 + 0.05;
                if (inside) {
                    obstacle++;
                    assertEquals(SemanticClass.OBSTACLE, image.semanticClass(u, v), "pixel " + u + ", " + v);
                    assertEquals(11, image.depthM(u, v), 1e-4);
                } else if (outside) {
                    assertNotEquals(SemanticClass.OBSTACLE, image.semanticClass(u, v), "pixel " + u + ", " + v);
                }
            }
        }
        assertTrue(obstacle > 500, "obstacle pixels: " + obstacle);
    }
}
