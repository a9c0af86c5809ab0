package org.hilbridge.bridge.ros.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.ros.Genpy;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraInfoData;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every mapped message, serialised by us from a real sim-core sample of a small scene, deserialised by the
 * genpy classes Debian ships (and serialised again by genpy to exactly our bytes), then compared field by
 * field with the sample it came from. Reference: the message definitions (Imu.msg, Image.msg, ...) as
 * implemented by genpy; PointCloud2 points read back through sensor_msgs.point_cloud2.read_points.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MappingGenpyTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static SmallScene scene;
    private static List<Map<String, String>> decoded;
    private static final List<ByteBuf> BUFFERS = new ArrayList<>();

    @BeforeAll
    static void encodeEverythingAndDecodeWithGenpy() {
        scene = new SmallScene();
        ImageEncoder images = new ImageEncoder(ALLOC);
        List<Genpy.Body> bodies = new ArrayList<>();
        bodies.add(body("sensor_msgs/Image", images.rgb8(scene.camera)));
        bodies.add(body("sensor_msgs/Image", images.depth32FC1(scene.camera)));
        bodies.add(body("sensor_msgs/Image", images.semanticMono8(scene.camera)));
        bodies.add(body("sensor_msgs/CameraInfo", new CameraInfoEncoder(ALLOC).encode(scene.camera)));
        bodies.add(body("sensor_msgs/PointCloud2", new PointCloudEncoder(ALLOC).encode(scene.cloud)));
        bodies.add(body("sensor_msgs/Imu", new ImuEncoder(ALLOC).encode(scene.imu)));
        bodies.add(body("sensor_msgs/NavSatFix", new NavSatFixEncoder(ALLOC).encode(scene.gnss)));
        OdometryEncoder odom = new OdometryEncoder(ALLOC);
        bodies.add(body("nav_msgs/Odometry", odom.wheel(scene.odometry)));
        bodies.add(body("nav_msgs/Odometry", odom.groundTruth(scene.groundTruth, "map")));
        TfEncoder tf = new TfEncoder(ALLOC);
        bodies.add(body("tf2_msgs/TFMessage", tf.fromWheelOdometry(scene.odometry)));
        bodies.add(body("tf2_msgs/TFMessage", tf.fromGroundTruth(scene.groundTruth, "odom")));
        bodies.add(body("tf2_msgs/TFMessage", tf.staticTransforms(SensorFrames.staticTransforms(scene.streams, "base_link"), 0)));
        bodies.add(body("rosgraph_msgs/Clock", new ClockEncoder(ALLOC).encode(scene.camera.captureNanos())));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("dropped /camera/image_raw", "3");
        values.put("dropped /lidar/points", "0");
        bodies.add(body("diagnostic_msgs/DiagnosticArray", new DiagnosticsEncoder(ALLOC).encode(7, 2_500_000_000L,
                List.of(new DiagnosticStatusEntry(DiagnosticStatusEntry.WARN, "hilbridge: ros drops", "3 dropped", "hilbridge", values)))));
        decoded = Genpy.decode(bodies);
    }

    @AfterAll
    static void release() {
        BUFFERS.forEach(ByteBuf::release);
    }

    private static Genpy.Body body(String type, ByteBuf buf) {
        BUFFERS.add(buf);
        return new Genpy.Body(type, buf);
    }

    @Test
    void rgb8ImageCarriesTheRenderedPixels() {
        CameraFrame f = scene.camera;
        Fields m = new Fields(decoded.get(0));
        m.header("header", f.sequence(), f.captureNanos(), "front_camera_optical_frame");
        m.is("height", f.height());
        m.is("width", f.width());
        m.is("encoding", "rgb8");
        m.is("is_bigendian", 0);
        m.is("step", 3 * f.width());
        m.is("data", "len:" + f.image().rgbData().length + " md5:" + md5(f.image().rgbData()));
    }

    @Test
    void depthIs32FC1MetresAndSemanticIsMono8ClassIds() {
        CameraFrame f = scene.camera;
        float[] depth = f.image().depthData();
        ByteBuffer le = ByteBuffer.allocate(4 * depth.length).order(ByteOrder.LITTLE_ENDIAN);
        le.asFloatBuffer().put(depth);
        Fields d = new Fields(decoded.get(1));
        d.header("header", f.sequence(), f.captureNanos(), "front_camera_optical_frame");
        d.is("encoding", "32FC1");
        d.is("step", 4 * f.width());
        d.is("data", "len:" + le.capacity() + " md5:" + md5(le.array()));
        Fields s = new Fields(decoded.get(2));
        s.header("header", f.sequence(), f.captureNanos(), "front_camera_optical_frame");
        s.is("encoding", "mono8");
        s.is("step", f.width());
        s.is("data", "len:" + f.image().semanticClassData().length + " md5:" + md5(f.image().semanticClassData()));
        boolean someFinite = false;
        for (float z : depth) {
            someFinite |= Float.isFinite(z);
        }
        assertTrue(someFinite, "the scene puts ground in view");
    }

    @Test
    void cameraInfoHasTheImagesStampAndTheIntrinsics() {
        CameraFrame f = scene.camera;
        CameraInfoData info = f.cameraInfo();
        Fields m = new Fields(decoded.get(3));
        m.header("header", f.sequence(), f.captureNanos(), "front_camera_optical_frame");
        m.is("height", info.height());
        m.is("width", info.width());
        m.is("distortion_model", "plumb_bob");
        m.array("D", info.d(), true);
        m.array("K", info.k(), false);
        m.array("R", info.r(), false);
        m.array("P", info.p(), false);
        m.is("binning_x", 0);
        m.is("binning_y", 0);
        for (String k : List.of("x_offset", "y_offset", "height", "width")) {
            m.is("roi." + k, 0);
        }
        m.is("roi.do_rectify", "False");
    }

    @Test
    void pointCloudHasTheVelodyneLayoutAndEveryPoint() {
        PointCloudSample c = scene.cloud;
        Fields m = new Fields(decoded.get(4));
        m.header("header", c.sequence(), c.captureNanos(), "velodyne");
        m.is("height", 1);
        m.is("width", c.pointCount());
        m.is("fields.len", 6);
        String[] names = {"x", "y", "z", "intensity", "ring", "time"};
        int[] offsets = {0, 4, 8, 12, 16, 18};
        int[] types = {7, 7, 7, 7, 4, 7}; // PointField.FLOAT32, UINT16
        for (int i = 0; i < 6; i++) {
            m.is("fields." + i + ".name", names[i]);
            m.is("fields." + i + ".offset", offsets[i]);
            m.is("fields." + i + ".datatype", types[i]);
            m.is("fields." + i + ".count", 1);
        }
        m.is("is_bigendian", "False");
        m.is("point_step", 22);
        m.is("row_step", 22 * c.pointCount());
        m.is("is_dense", "True");
        assertTrue(c.pointCount() > 1000, "a VLP-16 revolution over open ground: " + c.pointCount());
        for (int i = 0; i < c.pointCount(); i++) {
            String[] p = m.get("points." + i).split(" ");
            assertEquals(c.x()[i], Genpy.number(p[0]), "x of point " + i);
            assertEquals(c.y()[i], Genpy.number(p[1]), "y of point " + i);
            assertEquals(c.z()[i], Genpy.number(p[2]), "z of point " + i);
            assertEquals(c.intensity()[i], Genpy.number(p[3]), "intensity of point " + i);
            assertEquals(Short.toUnsignedInt(c.ring()[i]), Integer.parseInt(p[4]), "ring of point " + i);
            assertEquals(c.timeOffsetS()[i], Genpy.number(p[5]), "time of point " + i);
        }
        assertEquals(null, m.map.get("points." + c.pointCount()), "no extra point");
    }

    @Test
    void imuCarriesRatesAccelerationsAndVariancesAndNoOrientation() {
        ImuSample s = scene.imu;
        Fields m = new Fields(decoded.get(5));
        m.header("header", s.sequence(), s.captureNanos(), "imu_link");
        m.num("orientation.w", 1);
        m.num("orientation_covariance.0", -1); // Imu.msg: -1 marks "no orientation estimate"
        m.num("angular_velocity.x", s.gyroXRadPerS());
        m.num("angular_velocity.y", s.gyroYRadPerS());
        m.num("angular_velocity.z", s.gyroZRadPerS());
        m.num("linear_acceleration.x", s.accelXMps2());
        m.num("linear_acceleration.y", s.accelYMps2());
        m.num("linear_acceleration.z", s.accelZMps2());
        double g = s.gyroVarianceRadPerSSq();
        double a = s.accelVarianceMps2Sq();
        m.array("angular_velocity_covariance", new double[] {g, 0, 0, 0, g, 0, 0, 0, g}, false);
        m.array("linear_acceleration_covariance", new double[] {a, 0, 0, 0, a, 0, 0, 0, a}, false);
        assertTrue(s.accelZMps2() > 5, "specific force: about +g on z");
    }

    @Test
    void navSatFixCarriesTheFix() {
        GnssSample s = scene.gnss;
        Fields m = new Fields(decoded.get(6));
        m.header("header", s.sequence(), s.captureNanos(), "gnss_link");
        m.is("status.status", s.status());
        m.is("status.service", 1);
        m.num("latitude", s.latitudeDeg());
        m.num("longitude", s.longitudeDeg());
        m.num("altitude", s.altitudeM());
        m.array("position_covariance", s.positionCovarianceM2(), false);
        m.is("position_covariance_type", s.covarianceType());
    }

    @Test
    void wheelOdometryIsPlanarPoseAndBodyTwist() {
        OdometrySample s = scene.odometry;
        Fields m = new Fields(decoded.get(7));
        m.header("header", s.sequence(), s.captureNanos(), "odom");
        m.is("child_frame_id", "base_link");
        m.num("pose.pose.position.x", s.xM());
        m.num("pose.pose.position.y", s.yM());
        m.num("pose.pose.position.z", 0);
        m.num("pose.pose.orientation.z", Math.sin(s.yawRad() / 2), 1e-15);
        m.num("pose.pose.orientation.w", Math.cos(s.yawRad() / 2), 1e-15);
        m.num("twist.twist.linear.x", s.forwardSpeedMps());
        m.num("twist.twist.angular.z", s.yawRateRadPerS());
        m.is("pose.covariance.len", 36);
        assertTrue(s.forwardSpeedMps() > 1 && s.yawRad() != 0, "the vehicle drove and turned");
    }

    @Test
    void groundTruthOdometryIsTheFullStateWithBodyFrameVelocity() {
        GroundTruthSample s = scene.groundTruth;
        Fields m = new Fields(decoded.get(8));
        m.header("header", s.sequence(), s.captureNanos(), "map");
        m.is("child_frame_id", "base_link");
        m.num("pose.pose.position.x", s.xM());
        m.num("pose.pose.position.y", s.yM());
        m.num("pose.pose.position.z", s.zM());
        m.num("pose.pose.orientation.x", s.qx());
        m.num("pose.pose.orientation.y", s.qy());
        m.num("pose.pose.orientation.z", s.qz());
        m.num("pose.pose.orientation.w", s.qw());
        // v_body = q* v q (Hamilton product), an independent route to R^T v.
        double[] v = rotateByConjugate(s.qw(), s.qx(), s.qy(), s.qz(), s.vxMps(), s.vyMps(), s.vzMps());
        m.num("twist.twist.linear.x", v[0], 1e-12);
        m.num("twist.twist.linear.y", v[1], 1e-12);
        m.num("twist.twist.linear.z", v[2], 1e-12);
        assertEquals(s.forwardSpeedMps(), Genpy.number(m.get("twist.twist.linear.x")), 0.05, "body x velocity is about the forward speed");
        m.num("twist.twist.angular.x", s.rollRateRadPerS());
        m.num("twist.twist.angular.y", s.pitchRateRadPerS());
        m.num("twist.twist.angular.z", s.yawRateBodyRadPerS());
    }

    @Test
    void tfCarriesOdomToBaseLinkFromEitherSource() {
        OdometrySample o = scene.odometry;
        Fields w = new Fields(decoded.get(9));
        w.is("transforms.len", 1);
        w.header("transforms.0.header", o.sequence(), o.captureNanos(), "odom");
        w.is("transforms.0.child_frame_id", "base_link");
        w.num("transforms.0.transform.translation.x", o.xM());
        w.num("transforms.0.transform.translation.y", o.yM());
        w.num("transforms.0.transform.rotation.z", Math.sin(o.yawRad() / 2), 1e-15);
        GroundTruthSample g = scene.groundTruth;
        Fields t = new Fields(decoded.get(10));
        t.header("transforms.0.header", g.sequence(), g.captureNanos(), "odom");
        t.is("transforms.0.child_frame_id", "base_link");
        t.num("transforms.0.transform.translation.z", g.zM());
        t.num("transforms.0.transform.rotation.w", g.qw());
    }

    @Test
    void tfStaticPlacesEverySensorFrameAndTheCameraOpticalFrame() {
        Fields m = new Fields(decoded.get(11));
        // imu, gnss, lidar at their mounts; the camera's body frame at its mount and its optical frame below it.
        m.is("transforms.len", 5);
        Map<String, Integer> byChild = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            byChild.put(m.get("transforms." + i + ".child_frame_id"), i);
        }
        assertEquals(List.of("imu_link", "gnss_link", "front_camera_link", "front_camera_optical_frame", "velodyne"), List.copyOf(byChild.keySet()));
        int imu = byChild.get("imu_link");
        m.is("transforms." + imu + ".header.frame_id", "base_link");
        m.num("transforms." + imu + ".transform.translation.x", SmallScene.IMU_MOUNT.xM());
        m.num("transforms." + imu + ".transform.translation.y", SmallScene.IMU_MOUNT.yM());
        m.num("transforms." + imu + ".transform.rotation.w", 1);
        int gnss = byChild.get("gnss_link");
        m.num("transforms." + gnss + ".transform.rotation.z", Math.sin(Math.toRadians(10) / 2), 1e-15);
        int cam = byChild.get("front_camera_link");
        m.num("transforms." + cam + ".transform.rotation.y", Math.sin(Math.toRadians(5) / 2), 1e-15);
        int optical = byChild.get("front_camera_optical_frame");
        m.is("transforms." + optical + ".header.frame_id", "front_camera_link");
        // The usual camera_link -> optical transform: quaternion (-0.5, 0.5, -0.5, 0.5).
        m.num("transforms." + optical + ".transform.rotation.x", -0.5, 1e-15);
        m.num("transforms." + optical + ".transform.rotation.y", 0.5, 1e-15);
        m.num("transforms." + optical + ".transform.rotation.z", -0.5, 1e-15);
        m.num("transforms." + optical + ".transform.rotation.w", 0.5, 1e-15);
    }

    @Test
    void clockAndDiagnostics() {
        long t = scene.camera.captureNanos();
        Fields c = new Fields(decoded.get(12));
        c.is("clock.secs", t / 1_000_000_000L);
        c.is("clock.nsecs", t % 1_000_000_000L);
        Fields d = new Fields(decoded.get(13));
        d.header("header", 7, 2_500_000_000L, "");
        d.is("status.len", 1);
        d.is("status.0.level", 1);
        d.is("status.0.name", "hilbridge: ros drops");
        d.is("status.0.message", "3 dropped");
        d.is("status.0.hardware_id", "hilbridge");
        d.is("status.0.values.len", 2);
        d.is("status.0.values.0.key", "dropped /camera/image_raw");
        d.is("status.0.values.0.value", "3");
        d.is("status.0.values.1.key", "dropped /lidar/points");
    }

    static double[] rotateByConjugate(double w, double x, double y, double z, double vx, double vy, double vz) {
        // t = q* (0, v); r = t q
        double tw = x * vx + y * vy + z * vz;
        double tx = w * vx - y * vz + z * vy;
        double ty = w * vy - z * vx + x * vz;
        double tz = w * vz - x * vy + y * vx;
        return new double[] {
            tw * x + tx * w + ty * z - tz * y,
            tw * y - tx * z + ty * w + tz * x,
            tw * z + tx * y - ty * x + tz * w};
    }

    static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genpy-flattened message with assertions that name the path. */
    static final class Fields {
        final Map<String, String> map;

        Fields(Map<String, String> map) {
            this.map = map;
        }

        String get(String path) {
            String v = map.get(path);
            if (v == null) {
                throw new AssertionError(map.get("type") + " has no field " + path + "; fields: " + map.keySet().stream().limit(60).toList());
            }
            return v;
        }

        void is(String path, Object expected) {
            assertEquals(String.valueOf(expected), get(path), map.get("type") + " " + path);
        }

        void num(String path, double expected) {
            assertEquals(expected, Genpy.number(get(path)), map.get("type") + " " + path);
        }

        void num(String path, double expected, double tolerance) {
            assertEquals(expected, Genpy.number(get(path)), tolerance, map.get("type") + " " + path);
        }

        void array(String path, double[] expected, boolean variable) {
            is(path + ".len", expected.length);
            for (int i = 0; i < expected.length; i++) {
                num(path + "." + i, expected[i]);
            }
        }

        void header(String path, long seq, long stampNanos, String frameId) {
            is(path + ".seq", seq);
            is(path + ".stamp.secs", stampNanos / 1_000_000_000L);
            is(path + ".stamp.nsecs", stampNanos % 1_000_000_000L);
            is(path + ".frame_id", frameId);
        }
    }
}
