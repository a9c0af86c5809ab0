package org.hilbridge.sim.sensor.lidar;

import static org.hilbridge.sim.ErrorMessages.assertMessage;
import static org.hilbridge.sim.sensor.lidar.Fixtures.MS;
import static org.hilbridge.sim.sensor.lidar.Fixtures.farBelow;
import static org.hilbridge.sim.sensor.lidar.Fixtures.plane;
import static org.hilbridge.sim.sensor.lidar.Fixtures.range;
import static org.hilbridge.sim.sensor.lidar.Fixtures.scene;
import static org.hilbridge.sim.sensor.lidar.Fixtures.sweep;
import static org.hilbridge.sim.sensor.lidar.Fixtures.wall;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

class LidarSensorTest {
    private static final double H = 1.8;
    private static final LidarParams VLP16 = LidarParams.preset("vlp16");
    private static final LidarParams QUIET_VLP16 = VLP16.withRangeNoiseStdDevM(0);

    private static LidarSensor sensor(LidarParams params, Scene scene) {
        return new LidarSensor("lidar", "velodyne", SensorMount.atBaseLink(), params, scene, new SeededRandom(42));
    }

    /**
     * Geometry: a beam at elevation e < 0 from height h meets level ground at range h / sin(-e). The VLP-16
     * datasheet: 0.2 deg azimuth step at 10 Hz, 360 / 0.2 = 1800 points per ring per revolution. The -3 deg
     * ring meets the ground at 87 deg incidence (beyond the 86 deg limit), the -1 deg ring at 103 m (beyond
     * 100 m), the upward rings never.
     */
    @Test
    void vlp16OverLevelGroundShowsItsDownwardRingsAtTheirGeometricRanges() {
        PointCloudSample cloud = sweep(sensor(QUIET_VLP16, new Scene(plane("grass"), List.of())), H);
        assertEquals(16, cloud.channels());
        assertEquals(1800, cloud.columnsPerRevolution());
        int[] perRing = new int[16];
        double[] worst = new double[16];
        for (int i = 0; i < cloud.pointCount(); i++) {
            int ring = cloud.ring()[i];
            perRing[ring]++;
            double elevationDeg = -15 + 2 * ring;
            double expected = H / Math.sin(Math.toRadians(-elevationDeg));
            worst[ring] = Math.max(worst[ring], Math.abs(range(cloud, i) - expected));
            assertEquals(-H, cloud.z()[i], 1e-3);
            assertEquals(SemanticClass.GRASS.id(), cloud.semanticClassId()[i]);
        }
        assertArrayEquals(new int[] {1800, 1800, 1800, 1800, 1800, 1800, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, perRing);
        for (int ring = 0; ring < 6; ring++) {
            assertTrue(worst[ring] < 1e-3, "ring " + ring + " is off its geometric range by up to " + worst[ring] + " m");
        }
    }

    @Test
    void theAzimuthStepFollowsTheSpinRate() {
        Scene ground = new Scene(plane("grass"), List.of());
        // Datasheet: 0.1 deg at 5 Hz, 0.4 deg at 20 Hz.
        assertEquals(3600, pointsOnRing(sweep(sensor(QUIET_VLP16.withRateHz(5), ground), H), 0));
        assertEquals(900, pointsOnRing(sweep(sensor(QUIET_VLP16.withRateHz(20), ground), H), 0));
    }

    @Test
    void os1x64OverLevelGroundHasItsLowestChannelLast() {
        // Ouster numbering: channel 0 is the top beam (+22.5 deg), channel 63 the bottom one (-22.5 deg).
        LidarParams os1 = LidarParams.preset("os1_64").withRangeNoiseStdDevM(0);
        PointCloudSample cloud = sweep(sensor(os1, new Scene(plane("grass"), List.of())), H);
        assertEquals(1024, pointsOnRing(cloud, 63));
        assertEquals(0, pointsOnRing(cloud, 0));
        for (int i = 0; i < cloud.pointCount(); i++) {
            double elevation = os1.elevationDeg(cloud.ring()[i]);
            assertTrue(elevation < 0);
            assertEquals(H / Math.sin(Math.toRadians(-elevation)), range(cloud, i), 1e-3);
        }
        // Every column of a channel whose incidence stays within 86 deg and whose return is strong enough.
        assertEquals(0, cloud.pointCount() % 1024);
    }

    /**
     * The runner's contract: sampled at 1 kHz, the sensor returns null until a revolution's last column has
     * fired, then that revolution, stamped with its start and numbered from 0. Points carry their firing
     * time after the start: column c at c * 100 ms / 1800, VLP-16 laser n a further n * 2.304 us.
     */
    @Test
    void slicedAtOneKilohertzItReturnsEachRevolutionOnceStampedAtItsStart() {
        HeightField ground = plane("grass");
        World world = new World(ground);
        Vehicle vehicle = new Vehicle(VehicleParams.offRoadUtility(), world);
        vehicle.place(0, 0, 0, 0);
        LidarSensor lidar = new LidarSensor("lidar", "velodyne", new SensorMount(0.3, 0, 1.2, 0, 0, 0), QUIET_VLP16,
                new Scene(ground, List.of()), new SeededRandom(1));
        assertEquals(1000, lidar.rateHz());
        PointCloudSample[] clouds = new PointCloudSample[3];
        int returned = 0;
        for (long t = 0; t <= 300 * MS; t += MS) {
            PointCloudSample s = lidar.sample(vehicle, t);
            if (t % (100 * MS) == 0 && t > 0) {
                assertNotNull(s, "at " + t);
                clouds[returned++] = s;
            } else {
                assertNull(s, "at " + t);
            }
        }
        for (int k = 0; k < 3; k++) {
            assertEquals(k, clouds[k].sequence());
            assertEquals(k * 100 * MS, clouds[k].captureNanos());
            assertEquals("lidar", clouds[k].streamId());
            assertEquals("velodyne", clouds[k].frameId());
        }
        // A vehicle at rest in a static scene, no noise: the same cloud every revolution.
        assertArrayEquals(clouds[0].x(), clouds[2].x());
        assertArrayEquals(clouds[0].timeOffsetS(), clouds[2].timeOffsetS());
        float[] time = clouds[0].timeOffsetS();
        for (int i = 0; i < time.length; i++) {
            assertTrue(time[i] >= 0 && time[i] < 0.1f);
            assertTrue(i == 0 || time[i] >= time[i - 1], "points are in firing order");
        }
        // Ring 0 is laser 0, fired first in its column: its points sit on the column times c * 100 ms / 1800.
        for (int i = 0; i < time.length; i++) {
            if (clouds[0].ring()[i] == 0) {
                double c = time[i] / (0.1 / 1800);
                assertEquals(Math.rint(c), c, 1e-3);
            } else if (clouds[0].ring()[i] == 1) {
                // Ring 1 (-13 deg) is laser 2: 2 x 2.304 us after its column.
                double c = (time[i] - 2 * 2.304e-6) / (0.1 / 1800);
                assertEquals(Math.rint(c), c, 1e-3);
            }
        }
    }

    /**
     * A sweep is not a snapshot: driving at v towards a wall at distance d, a point fired t after the
     * revolution's start is measured from where the sensor is then, so its x in the sensor frame is
     * d - v t (kinematics of a rigid translation). Points fired late are closer, to the millimetre.
     */
    @Test
    void aMovingSensorsSweepIsSkewedByItsMotion() {
        double v = 10;
        // The wall's near face is the plane x = 29.5, 40 m wide and high; nothing else within range.
        Scene s = scene(farBelow(), wall(30, 0, 0, 0.5, 20, 0.6f));
        PointCloudSample cloud = sweep(sensor(QUIET_VLP16, s), 0, v, new Rotation());
        assertTrue(cloud.pointCount() > 1000);
        double earliest = Double.MAX_VALUE;
        double latest = -Double.MAX_VALUE;
        double xEarliest = 0;
        double xLatest = 0;
        for (int i = 0; i < cloud.pointCount(); i++) {
            double t = cloud.timeOffsetS()[i];
            double x = cloud.x()[i];
            assertEquals(29.5, x + v * t, 1e-3, "point " + i + " fired at " + t + " s");
            if (t < earliest) {
                earliest = t;
                xEarliest = x;
            }
            if (t > latest) {
                latest = t;
                xLatest = x;
            }
        }
        // The wall spans about +-34 deg of the revolution, some 19 ms: a skew of about 19 cm.
        assertTrue(xEarliest - xLatest > 0.15, "skew " + (xEarliest - xLatest) + " m");
        assertEquals(v * (latest - earliest), xEarliest - xLatest, 1e-3);
    }

    @Test
    void aTurningSensorsSweepIsSkewedByItsRotation() {
        // Yawing at w: a point fired at t is seen from a frame turned by w t, so a wall point's bearing in the
        // sensor frame is its world bearing minus w t (the frame's rotation over the sweep).
        double w = 1.0;
        Scene s = scene(farBelow(), wall(30, 0, 0, 0.5, 20, 0.6f));
        LidarSensor lidar = sensor(QUIET_VLP16, s);
        Vec3 still = new Vec3();
        Vec3 omega = new Vec3(0, 0, w);
        Rotation r = new Rotation();
        PointCloudSample cloud = null;
        for (long t = 0; cloud == null; t += MS) {
            r.setYawPitchRoll(w * t * 1e-9, 0, 0);
            cloud = lidar.advance(t, 0, 0, 0, r, still, omega);
        }
        assertTrue(cloud.pointCount() > 1000);
        for (int i = 0; i < cloud.pointCount(); i++) {
            double yaw = w * cloud.timeOffsetS()[i];
            // Back to the world: rotate the sensor-frame point by the yaw at its firing time; it lies on x = 29.5.
            double xw = Math.cos(yaw) * cloud.x()[i] - Math.sin(yaw) * cloud.y()[i];
            assertEquals(29.5, xw, 1e-3, "point " + i);
        }
    }

    /** The range noise is Gaussian with the configured standard deviation (and no bias). */
    @Test
    void rangeNoiseHasTheConfiguredStandardDeviation() {
        PointCloudSample cloud = sweep(sensor(VLP16, new Scene(plane("grass"), List.of())), H);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int i = 0; i < cloud.pointCount(); i++) {
            int ring = cloud.ring()[i];
            if (ring > 4) {
                continue; // rings near the limits come and go with the noise; keep the five steepest
            }
            double expected = H / Math.sin(Math.toRadians(15 - 2 * ring));
            double e = range(cloud, i) - expected;
            sum += e;
            sumSq += e * e;
            n++;
        }
        assertEquals(5 * 1800, n);
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(0.03, sd, 0.003, "standard deviation");
        assertEquals(0, mean, 4 * 0.03 / Math.sqrt(n), "bias");
    }

    @Test
    void returnsBeyondMaximumOrBelowMinimumRangeAreDropped() {
        // A white wall (reflectivity 1) facing the sensor at 90 m: detectable (1 / 90^2 > 0.8 / 100^2).
        Scene far = scene(farBelow(), wall(90.5, 0, 0, 0.5, 10, 1f));
        PointCloudSample seen = sweep(sensor(QUIET_VLP16, far), 0);
        assertTrue(seen.pointCount() > 100);
        assertEquals(0, sweep(sensor(QUIET_VLP16.withMaxRangeM(80), far), 0).pointCount());
        // Nearer than the VLP-16's 0.4 m: a plate 0.3 m away, 10 cm wide, 5 cm thick, is not reported.
        Scene near = scene(farBelow(), wall(0.325, 0, 0, 0.025, 0.05, 1f));
        assertEquals(0, sweep(sensor(QUIET_VLP16, near), 0).pointCount());
        assertTrue(sweep(sensor(QUIET_VLP16.withMinRangeM(0.1), near), 0).pointCount() > 100);
    }

    @Test
    void weakReturnsAreDropped() {
        // A dark wall (reflectivity 0.05): 0.05 / 20^2 = 1.25e-4 is above the 0.8 / 100^2 = 8e-5 threshold,
        // 0.05 / 40^2 = 3.1e-5 below it.
        assertTrue(sweep(sensor(QUIET_VLP16, scene(farBelow(), wall(20.5, 0, 0, 0.5, 5, 0.05f))), 0).pointCount() > 100);
        assertEquals(0, sweep(sensor(QUIET_VLP16, scene(farBelow(), wall(40.5, 0, 0, 0.5, 5, 0.05f))), 0).pointCount());
        // A black surface returns nothing, however near.
        assertEquals(0, sweep(sensor(QUIET_VLP16, scene(farBelow(), wall(5.5, 0, 0, 0.5, 5, 0f))), 0).pointCount());
    }

    /**
     * A wall along the sensor's path, 1 m to its left: the beam meets it ever more obliquely further ahead
     * (cos(incidence) = |y| / range). Returns beyond 86 deg are dropped; with the limit at 89 deg the wall
     * reaches further, until the weak-return rule stops it.
     */
    @Test
    void grazingReturnsAreDropped() {
        Scene corridor = scene(farBelow(), wall(0, 1.5, 0, 30, 0.5, 1f));
        double limit = Math.cos(Math.toRadians(86));
        PointCloudSample cloud = sweep(sensor(QUIET_VLP16, corridor), 0);
        double mostOblique = minCosIncidence(cloud);
        assertTrue(mostOblique >= limit - 1e-6, "cos(incidence) " + mostOblique);
        assertTrue(mostOblique < limit + 0.01, "the wall is seen up to the limit, cos(incidence) " + mostOblique);
        PointCloudSample wider = sweep(sensor(QUIET_VLP16.withMaxIncidenceDeg(89), corridor), 0);
        assertTrue(minCosIncidence(wider) < limit - 0.01);
        assertTrue(wider.pointCount() > cloud.pointCount());
    }

    private static double minCosIncidence(PointCloudSample cloud) {
        double min = 1;
        for (int i = 0; i < cloud.pointCount(); i++) {
            assertEquals(1, cloud.y()[i], 1e-3, "on the wall");
            min = Math.min(min, cloud.y()[i] / range(cloud, i));
        }
        return min;
    }

    /**
     * The documented model, min(255, 100 rho cos(theta) (10 m / R)^2): brighter materials read brighter at
     * the same geometry, farther and more oblique returns read darker.
     */
    @Test
    void intensityFollowsReflectivityIncidenceAndRange() {
        Scene s = scene(farBelow(), wall(20.5, 0, 0, 0.5, 8, 0.2f), wall(0, 20.5, 0, 8, 0.5, 0.5f), wall(-20.5, 0, 0, 0.5, 8, 0.9f),
                wall(0, -40.5, 0, 16, 0.5, 0.9f));
        PointCloudSample cloud = sweep(sensor(QUIET_VLP16, s), 0);
        double[] sum = new double[4];
        int[] n = new int[4];
        for (int i = 0; i < cloud.pointCount(); i++) {
            double x = cloud.x()[i];
            double y = cloud.y()[i];
            double r = range(cloud, i);
            int wall;
            double rho;
            double cos;
            if (Math.abs(x - 20) < 0.01) {
                wall = 0;
                rho = 0.2;
                cos = x / r;
            } else if (Math.abs(y - 20) < 0.01) {
                wall = 1;
                rho = 0.5;
                cos = y / r;
            } else if (Math.abs(x + 20) < 0.01) {
                wall = 2;
                rho = 0.9;
                cos = -x / r;
            } else {
                assertEquals(-40, y, 0.01);
                wall = 3;
                rho = 0.9;
                cos = -y / r;
            }
            double expected = Math.min(255, 100 * (float) rho * cos * (10 / r) * (10 / r));
            assertEquals(expected, cloud.intensity()[i], 1e-4 * expected + 1e-6);
            sum[wall] += cloud.intensity()[i];
            n[wall]++;
        }
        double dark = sum[0] / n[0];
        double mid = sum[1] / n[1];
        double bright = sum[2] / n[2];
        double brightFar = sum[3] / n[3];
        assertTrue(dark < mid && mid < bright, dark + " < " + mid + " < " + bright);
        // Same geometry, so the ratio is the reflectivities' (to the rounding of float reflectivities).
        assertEquals(0.9 / 0.2, bright / dark, 0.02);
        // Twice as far: about a quarter as bright (the far wall subtends the same angles, so the same incidences).
        assertEquals(0.25, brightFar / bright, 0.02);
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        Scene s = new Scene(plane("grass"), List.of());
        LidarSensor lidar = sensor(QUIET_VLP16, s);
        Rotation r = new Rotation();
        Vec3 zero = new Vec3();
        lidar.advance(5 * MS, 0, 0, H, r, zero, zero);
        assertMessage(() -> lidar.advance(4 * MS, 0, 0, H, r, zero, zero), "lidar lidar: nowNanos = 4000000 is not allowed: it is before the previous call (5000000)");
        IllegalStateException sparse = assertThrows(IllegalStateException.class, () -> lidar.advance(200 * MS, 0, 0, H, r, zero, zero));
        assertTrue(sparse.getMessage().contains("calls must come at least once per revolution (100000000 ns)"), sparse.getMessage());
        assertMessage(() -> new LidarSensor("", "velodyne", SensorMount.atBaseLink(), VLP16, s, new SeededRandom(1)), "a lidar needs a stream id");
        assertMessage(() -> new LidarSensor("lidar", null, SensorMount.atBaseLink(), VLP16, s, new SeededRandom(1)), "lidar lidar needs a frame id");
    }

    @Test
    void pointCloudArraysMustAgreeInLength() {
        float[] two = new float[2];
        assertMessage(() -> new PointCloudSample("l", 0, 0, "f", 16, 1800, two, two, two, new float[1], new short[2], two, new byte[2]),
                "point cloud arrays must all hold the same number of points: x has 2, y 2, z 2, intensity 1");
    }

    private static int pointsOnRing(PointCloudSample cloud, int ring) {
        int n = 0;
        for (short r : cloud.ring()) {
            n += r == ring ? 1 : 0;
        }
        return n;
    }
}
