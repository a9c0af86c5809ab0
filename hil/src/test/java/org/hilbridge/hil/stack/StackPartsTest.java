package org.hilbridge.hil.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hilbridge.proto.v1.CameraIntrinsics;
import org.hilbridge.proto.v1.FrameHeader;
import org.hilbridge.proto.v1.Image;
import org.hilbridge.proto.v1.Mount;
import org.hilbridge.proto.v1.PointCloud;
import org.hilbridge.proto.v1.PointField;
import org.hilbridge.proto.v1.PointFieldType;
import org.hilbridge.sim.sensor.gnss.Wgs84;
import org.junit.jupiter.api.Test;

/** The reference stack's parts against closed forms. */
class StackPartsTest {
    @Test
    void clockSyncIsNtpsOffsetAndDelayFromTheBestRoundTrip() {
        ClockSync c = new ClockSync(4);
        assertNull(c.estimate());
        // Server 1000 ns ahead; 300 ns out and 500 ns back (asymmetric), server holds it 0 ns.
        // t0 = 0, t1 = t2 = 0 + 300 + 1000 = 1300, t3 = 300 + 500 = 800. RFC 5905 §8:
        // offset = ((t1 - t0) + (t2 - t3)) / 2 = (1300 + 500) / 2 = 900, off the true 1000 by half the
        // asymmetry, (300 - 500) / 2; delay = (t3 - t0) - (t2 - t1) = 800.
        c.record(0, 1300, 1300, 800);
        assertEquals(new ClockSync.Estimate(900, 800, 1), c.estimate());
        // A symmetric exchange with a shorter round trip wins, and its offset is exact.
        c.record(10_000, 11_100, 11_100, 10_200);
        assertEquals(new ClockSync.Estimate(1000, 200, 2), c.estimate());
        c.record(20_000, 22_000, 22_000, 22_000);
        assertEquals(200, c.estimate().roundTripNanos());
    }

    @Test
    void speedPiHoldsASteadyErrorToZeroAndStopsIntegratingWhenSaturated() {
        SpeedPi pi = new SpeedPi(0.5, 0.15);
        // Proportional plus integral: u = kp e + ki e t while unsaturated.
        assertEquals(0.5 * 1 + 0.15 * 1 * 0.1, pi.update(6, 5, 0.1), 1e-12);
        // Far below target the output saturates at full throttle; the integrator does not wind up, so the
        // first step at the target gives back at most what was integrated before saturation.
        for (int i = 0; i < 1000; i++) {
            assertEquals(1.0, pi.update(6, 0, 0.1));
        }
        double atTarget = pi.update(6, 6, 0.1);
        assertTrue(atTarget < 0.2, "no wind-up: " + atTarget);
    }

    @Test
    void mountTransformRotatesAsRep103FixedAxesAndInverts() {
        // Pitch +90 deg about y turns the sensor's x axis to base_link's -z (nose down, REP-103).
        MountTransform m = new MountTransform(Mount.newBuilder().setXM(1).setZM(2).setPitchRad(Math.PI / 2).build());
        double[] p = new double[3];
        m.toBase(1, 0, 0, p);
        assertEquals(1, p[0], 1e-12);
        assertEquals(0, p[1], 1e-12);
        assertEquals(1, p[2], 1e-12);
        MountTransform any = new MountTransform(Mount.newBuilder().setXM(0.3).setYM(-0.2).setZM(1.1).setRollRad(0.1).setPitchRad(-0.2).setYawRad(0.7).build());
        double[] q = new double[3];
        any.toBase(2, -1, 0.5, p);
        any.toSensor(p[0], p[1], p[2], q);
        assertEquals(2, q[0], 1e-12);
        assertEquals(-1, q[1], 1e-12);
        assertEquals(0.5, q[2], 1e-12);
    }

    @Test
    void theGroundPatchProjectsWhereThePinholeModelPutsIt() {
        // Camera 1 m above the ground plane, level, looking forward; fx = fy = 100, cx = 50, cy = 40.
        CameraIntrinsics k = CameraIntrinsics.newBuilder().setWidthPx(100).setHeightPx(80).setDistortionModel("plumb_bob")
                .addAllK(java.util.List.of(100.0, 0.0, 50.0, 0.0, 100.0, 40.0, 0.0, 0.0, 1.0)).build();
        MountTransform mount = new MountTransform(Mount.newBuilder().setZM(1).build());
        // Ground 5 m ahead: v = cy + fy * (1 / 5) = 60; 10 m: v = 50. Half width 0.5 m at 5 m: u = 50 -/+ 10.
        GroundPatchClassifier c = new GroundPatchClassifier(k, mount, 0, 5, 10, 0.5, 110, 1.2);
        byte[] rgb = new byte[100 * 80 * 3];
        for (int v = 0; v < 80; v++) {
            for (int u = 0; u < 100; u++) {
                boolean inPatch = v >= 50 && v <= 60 && u >= 40 && u <= 60;
                int at = (v * 100 + u) * 3;
                // Mud's rendered colour inside, grass outside.
                rgb[at] = (byte) (inPatch ? 95 : 88);
                rgb[at + 1] = (byte) (inPatch ? 84 : 125);
                rgb[at + 2] = (byte) (inPatch ? 71 : 71);
            }
        }
        Image image = Image.newBuilder().setHeader(FrameHeader.newBuilder().setStreamId("cam")).setWidthPx(100).setHeightPx(80).setEncoding("rgb8")
                .setStepBytes(300).setPixels(ByteString.copyFrom(rgb)).build();
        assertTrue(c.pixels() > 20);
        assertEquals(1.0, c.mudFraction(image), 1e-12);
        // Clay (bright, warm), gravel (neutral) and asphalt (dark, neutral) are not mud.
        assertTrue(!c.isMud(158, 124, 104) && !c.isMud(150, 148, 144) && !c.isMud(30, 30, 33) && c.isMud(95, 84, 71));
    }

    @Test
    void theCorridorFindsAWallAheadAndIgnoresOneBesideIt() {
        Mount level = Mount.newBuilder().setZM(1).build();
        LidarCorridor corridor = new LidarCorridor(new MountTransform(level), 2, 27, 0.5, 1.25, 2.0, 0.35);
        // A wall 10.2 m ahead from the ground (z = -1 in the sensor frame) to 0.5 m up, across y = -0.5..0.5.
        assertEquals(10.0, corridor.nearestObstacleM(cloud(10.2, 0), 0), 1e-9);
        // The same wall 3 m to the left is outside a straight corridor, inside one curving left
        // (kappa = 2 y / x^2 puts the arc 3 m left at 10.2 m).
        assertEquals(Double.POSITIVE_INFINITY, corridor.nearestObstacleM(cloud(10.2, 3), 0));
        assertEquals(10.0, corridor.nearestObstacleM(cloud(10.2, 3), 2 * 3 / (10.2 * 10.2)), 1e-9);
    }

    private static PointCloud cloud(double xM, double yCentreM) {
        int n = 0;
        ByteBuffer b = ByteBuffer.allocate(16 * 200).order(ByteOrder.LITTLE_ENDIAN);
        for (double y = -0.5; y <= 0.5; y += 0.1) {
            for (double z = -1; z <= 0.5; z += 0.25) {
                b.putFloat((float) xM).putFloat((float) (yCentreM + y)).putFloat((float) z).putFloat(0);
                n++;
            }
        }
        b.flip();
        PointCloud.Builder c = PointCloud.newBuilder().setHeader(FrameHeader.newBuilder().setStreamId("lidar")).setPointCount(n).setPointStepBytes(16)
                .setPointsLe(ByteString.copyFrom(b));
        String[] names = {"x", "y", "z", "intensity"};
        for (int i = 0; i < 4; i++) {
            c.addFields(PointField.newBuilder().setName(names[i]).setOffsetBytes(4 * i).setType(PointFieldType.POINT_FIELD_TYPE_FLOAT32).setCount(1));
        }
        return c.build();
    }

    @Test
    void theLocaliserPlacesOdometryAtTheStartPoseAndGnssCorrectsAHeadingError() {
        Wgs84 datum = new Wgs84(48, 11, 0);
        // Start at (10, 20) facing north; odometry says 10 m straight ahead in its own frame.
        Localizer l = new Localizer(10, 20, Math.PI / 2, datum, 0, 0, 0.05, 0.05, 15);
        l.onOdometry(0, 0, 0, 0);
        l.onOdometry(10, 0, 0, 1);
        assertEquals(10, l.xM(), 1e-9);
        assertEquals(30, l.yM(), 1e-9);
        // Started with the heading 0.2 rad wrong; the vehicle truly drives north, and GNSS says so.
        Localizer wrong = new Localizer(0, 0, Math.PI / 2 + 0.2, datum, 0, 0, 0.05, 0.05, 15);
        double[] geo = new double[3];
        wrong.onOdometry(0, 0, 0, 0);
        for (int i = 1; i <= 2000; i++) {
            wrong.onOdometry(0.5 * i, 0, 0, 5);
            if (i % 5 == 0) {
                datum.toGeodetic(0, 0.5 * i, 0, geo);
                wrong.onGnss(geo[0], geo[1], geo[2]);
            }
        }
        assertEquals(Math.PI / 2, wrong.yawRad(), 0.01);
        assertEquals(0, wrong.xM(), 0.5);
        assertEquals(1000, wrong.yM(), 0.5);
    }
}
