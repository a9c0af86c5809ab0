package org.hilbridge.hil.ros;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;

/**
 * The simulator's own record of the samples it produced, taken by an in-process sink next to the ROS sink: for
 * each (topic, sequence), the message fields the rospy peer prints, written from the sample itself (the ROS
 * message definitions in /usr/share/<pkg>/msg say which field holds what). Only the fields are kept, not the
 * samples, so a long run stays small.
 */
final class SampleLog implements SampleSink {
    private final Map<String, Map<String, String>> expected = new ConcurrentHashMap<>();
    private final String worldFrame;

    SampleLog(String worldFrame) {
        this.worldFrame = worldFrame;
    }

    @Override
    public String name() {
        return "test-log";
    }

    /** The fields of the message on {@code topic} with header.seq {@code seq}, or null when no such sample was made. */
    Map<String, String> expected(String topic, long seq) {
        return expected.get(topic + "#" + seq);
    }

    @Override
    public void accept(SensorSample sample) throws NoSuchAlgorithmException {
        long seq = sample.sequence();
        if (sample instanceof ImuSample s) {
            put("/imu/data", seq, s.frameId(), "gyro", list(s.gyroXRadPerS(), s.gyroYRadPerS(), s.gyroZRadPerS()),
                    "accel", list(s.accelXMps2(), s.accelYMps2(), s.accelZMps2()), "gyro_var", list(s.gyroVarianceRadPerSSq()),
                    "accel_var", list(s.accelVarianceMps2Sq()), "orientation_cov0", "-1.0");
        } else if (sample instanceof GnssSample s) {
            put("/gnss/fix", seq, s.frameId(), "status", Integer.toString(s.status()), "lat", list(s.latitudeDeg()), "lon", list(s.longitudeDeg()),
                    "alt", list(s.altitudeM()), "cov", list(s.positionCovarianceM2()), "cov_type", Integer.toString(s.covarianceType()));
        } else if (sample instanceof GroundTruthSample s) {
            // ground truth is expressed in the world frame; the body frame is its child (nav_msgs/Odometry)
            put("/ground_truth/odom", seq, worldFrame, "child_frame_id", s.frameId(), "pos", list(s.xM(), s.yM(), s.zM()),
                    "quat", list(s.qx(), s.qy(), s.qz(), s.qw()), "ang", list(s.rollRateRadPerS(), s.pitchRateRadPerS(), s.yawRateBodyRadPerS()));
        } else if (sample instanceof OdometrySample s) {
            // planar wheel odometry: yaw about z as the quaternion (0, 0, sin(yaw/2), cos(yaw/2)) (REP-103)
            double half = s.yawRad() / 2;
            put("/vehicle/odom", seq, s.frameId(), "child_frame_id", s.childFrameId(), "pos", list(s.xM(), s.yM(), 0),
                    "quat", list(0, 0, StrictMath.sin(half), StrictMath.cos(half)), "lin", list(s.forwardSpeedMps(), 0, 0),
                    "ang", list(0, 0, s.yawRateRadPerS()));
        } else if (sample instanceof CameraFrame f) {
            String md5 = md5(f.image().rgbData());
            put("/camera/image_raw", seq, f.frameId(), "width", Integer.toString(f.width()), "height", Integer.toString(f.height()),
                    "encoding", "rgb8", "step", Integer.toString(3 * f.width()), "md5", md5);
            // 32FC1 depth: little-endian float32 metres (REP-117, sensor_msgs/image_encodings); mono8 class ids
            float[] depth = f.image().depthData();
            java.nio.ByteBuffer le = java.nio.ByteBuffer.allocate(4 * depth.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            le.asFloatBuffer().put(depth);
            put("/camera/depth", seq, f.frameId(), "width", Integer.toString(f.width()), "height", Integer.toString(f.height()),
                    "encoding", "32FC1", "step", Integer.toString(4 * f.width()), "md5", md5(le.array()));
            put("/camera/semantic", seq, f.frameId(), "width", Integer.toString(f.width()), "height", Integer.toString(f.height()),
                    "encoding", "mono8", "step", Integer.toString(f.width()), "md5", md5(f.image().semanticClassData()));
            put("/camera/camera_info", seq, f.frameId(), "width", Integer.toString(f.cameraInfo().width()),
                    "height", Integer.toString(f.cameraInfo().height()), "K", list(f.cameraInfo().k()), "D", list(f.cameraInfo().d()),
                    "distortion_model", f.cameraInfo().distortionModel());
        } else if (sample instanceof PointCloudSample c) {
            int n = c.pointCount();
            put("/lidar/points", seq, c.frameId(), "width", Integer.toString(n), "height", "1", "points", Integer.toString(n),
                    "first", n == 0 ? "" : list(c.x()[0], c.y()[0], c.z()[0]), "last", n == 0 ? "" : list(c.x()[n - 1], c.y()[n - 1], c.z()[n - 1]));
        }
    }

    private static String md5(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private void put(String topic, long seq, String frameId, String... fields) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("frame_id", frameId);
        for (int i = 0; i < fields.length; i += 2) {
            m.put(fields[i], fields[i + 1]);
        }
        expected.put(topic + "#" + seq, m);
    }

    private static String list(double... v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : ",").append(x);
        }
        return b.toString();
    }

    /**
     * Whether a received field equals the expected one: numbers (comma-separated lists of them) compare as the
     * same double, bit for bit (Python's repr and Java's Double.toString both round-trip exactly); text as text.
     */
    static boolean sameField(String expected, String actual) {
        String[] e = expected.split(",", -1);
        String[] a = actual.split(",", -1);
        if (e.length != a.length) {
            return false;
        }
        for (int i = 0; i < e.length; i++) {
            Double de = number(e[i]);
            Double da = number(a[i]);
            if (de != null && da != null ? Double.compare(de, da) != 0 : !e[i].equals(a[i])) {
                return false;
            }
        }
        return true;
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
