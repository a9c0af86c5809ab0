package org.hilbridge.bridge.socket.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.proto.v1.FrameHeader;
import org.hilbridge.proto.v1.Image;
import org.hilbridge.proto.v1.PointCloud;
import org.hilbridge.proto.v1.SensorKind;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.StreamCatalog;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.TestImages;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.lidar.LidarParams;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each sample's frame, read back with protobuf's own parseDelimitedFrom (the reference decoder every
 * language's protobuf implements), carries every field of the sample; a camera frame's pixels are the
 * renderer's array itself, not a copy.
 */
@Timeout(30)
class SampleEncoderTest {
    private static final long WALL = 1_700_000_000_123_456_789L;
    private final ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;

    private static ServerMessage parse(ByteBuf frame) throws Exception {
        try (ByteBufInputStream in = new ByteBufInputStream(frame.duplicate())) {
            ServerMessage m = ServerMessage.parseDelimitedFrom(in);
            assertEquals(0, in.available(), "the frame holds exactly one delimited message");
            return m;
        }
    }

    private static void assertHeader(FrameHeader h, String stream, long seq, long capture, String frame) {
        assertEquals(stream, h.getStreamId());
        assertEquals(seq, h.getSequence());
        assertEquals(capture, h.getCaptureSimNanos());
        assertEquals(WALL, h.getPublishWallNanos());
        assertEquals(frame, h.getFrameId());
    }

    @Test
    void imuCarriesEveryField() throws Exception {
        ImuSample s = new ImuSample("imu", 42, 420_000_000L, "imu_link", 0.1, -0.2, 9.81, 0.01, -0.02, 0.03, 1e-4, 2e-6);
        ByteBuf f = new SampleEncoder(alloc, true, false, false).encode(s, WALL);
        ServerMessage m = parse(f);
        f.release();
        assertHeader(m.getImu().getHeader(), "imu", 42, 420_000_000L, "imu_link");
        assertEquals(0.1, m.getImu().getAccelXMps2());
        assertEquals(-0.2, m.getImu().getAccelYMps2());
        assertEquals(9.81, m.getImu().getAccelZMps2());
        assertEquals(0.01, m.getImu().getGyroXRadPerS());
        assertEquals(-0.02, m.getImu().getGyroYRadPerS());
        assertEquals(0.03, m.getImu().getGyroZRadPerS());
        assertEquals(1e-4, m.getImu().getAccelVarianceMps2Sq());
        assertEquals(2e-6, m.getImu().getGyroVarianceRadPerSSq());
    }

    @Test
    void gnssOdometryAndGroundTruthCarryEveryField() throws Exception {
        SampleEncoder e = new SampleEncoder(alloc, true, false, false);
        double[] cov = {1, 0, 0, 0, 2, 0, 0, 0, 3};
        GnssSample g = new GnssSample("gnss", 3, 3_000_000_000L, "gnss_link", GnssSample.STATUS_FIX, 48.1, 11.5, 520.25, cov,
                GnssSample.COVARIANCE_TYPE_DIAGONAL_KNOWN);
        ServerMessage gm = parse(e.encode(g, WALL));
        assertHeader(gm.getGnss().getHeader(), "gnss", 3, 3_000_000_000L, "gnss_link");
        assertEquals(0, gm.getGnss().getStatus());
        assertEquals(48.1, gm.getGnss().getLatitudeDeg());
        assertEquals(11.5, gm.getGnss().getLongitudeDeg());
        assertEquals(520.25, gm.getGnss().getAltitudeM());
        assertArrayEquals(cov, gm.getGnss().getPositionCovarianceM2List().stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(2, gm.getGnss().getCovarianceType());

        GnssSample noFix = new GnssSample("gnss", 4, 4_000_000_000L, "gnss_link", GnssSample.STATUS_NO_FIX, Double.NaN, Double.NaN,
                Double.NaN, cov, 0);
        assertEquals(-1, parse(e.encode(noFix, WALL)).getGnss().getStatus());

        OdometrySample o = new OdometrySample("odom", 7, 70, "odom", "base_link", 1.5, -2.5, 0.3, 4.0, -0.1);
        ServerMessage om = parse(e.encode(o, WALL));
        assertHeader(om.getOdometry().getHeader(), "odom", 7, 70, "odom");
        assertEquals("base_link", om.getOdometry().getChildFrameId());
        assertEquals(1.5, om.getOdometry().getXM());
        assertEquals(-2.5, om.getOdometry().getYM());
        assertEquals(0.3, om.getOdometry().getYawRad());
        assertEquals(4.0, om.getOdometry().getForwardSpeedMps());
        assertEquals(-0.1, om.getOdometry().getYawRateRadPerS());

        GroundTruthSample t = new GroundTruthSample("gt", 9, 90, "base_link", 1, 2, 3, 0.5, 0.5, 0.5, 0.5, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                0.01, 0.02, 0.03, 0.04);
        var gt = parse(e.encode(t, WALL)).getGroundTruth();
        assertHeader(gt.getHeader(), "gt", 9, 90, "base_link");
        double[] expected = {1, 2, 3, 0.5, 0.5, 0.5, 0.5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0.01, 0.02, 0.03, 0.04};
        double[] actual = {gt.getXM(), gt.getYM(), gt.getZM(), gt.getQw(), gt.getQx(), gt.getQy(), gt.getQz(), gt.getVxMps(), gt.getVyMps(),
                gt.getVzMps(), gt.getRollRateRadPerS(), gt.getPitchRateRadPerS(), gt.getYawRateBodyRadPerS(), gt.getForwardSpeedMps(),
                gt.getYawRateRadPerS(), gt.getSteeringAngleRad(), gt.getSlipRatioFrontLeft(), gt.getSlipRatioFrontRight(),
                gt.getSlipRatioRearLeft(), gt.getSlipRatioRearRight()};
        assertArrayEquals(expected, actual);
    }

    @Test
    void pointCloudPacksEveryPointAsTheLayoutSays() throws Exception {
        int n = 5;
        float[] x = {1, 2, 3, 4, 5};
        float[] y = {-1, -2, -3, -4, -5};
        float[] z = {0.5f, 0.25f, 0.125f, 0, -1};
        float[] in = {10, 20, 30, 40, 255};
        short[] ring = {0, 1, 15, 2, 3};
        float[] t = {0, 1e-5f, 2e-5f, 0.05f, 0.0999f};
        byte[] cls = {1, 2, 3, 4, 5};
        PointCloudSample s = new PointCloudSample("lidar", 2, 200_000_000L, "lidar_link", 16, 1800, x, y, z, in, ring, t, cls);
        PointCloud pc = parse(new SampleEncoder(alloc, true, false, false).encode(s, WALL)).getPointCloud();
        assertHeader(pc.getHeader(), "lidar", 2, 200_000_000L, "lidar_link");
        assertEquals(n, pc.getPointCount());
        assertEquals(16, pc.getChannels());
        assertEquals(1800, pc.getColumnsPerRevolution());
        assertEquals(PointLayout.FIELDS, pc.getFieldsList());
        ByteBuffer b = pc.getPointsLe().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(n * pc.getPointStepBytes(), b.remaining());
        for (int i = 0; i < n; i++) {
            int o = i * pc.getPointStepBytes();
            assertEquals(x[i], b.getFloat(o));
            assertEquals(y[i], b.getFloat(o + 4));
            assertEquals(z[i], b.getFloat(o + 8));
            assertEquals(in[i], b.getFloat(o + 12));
            assertEquals(ring[i], b.getShort(o + 16));
            assertEquals(cls[i], b.get(o + 18));
            assertEquals(t[i], b.getFloat(o + 20));
        }
    }

    @Test
    void imageWithDepthAndLabelsReadsBackExactly() throws Exception {
        CameraFrame c = TestImages.frame("front", 5, 500_000_000L, 64, 48, 3);
        Image img = parse(new SampleEncoder(alloc, true, true, true).encode(c, WALL)).getImage();
        assertHeader(img.getHeader(), "front", 5, 500_000_000L, "front_optical");
        assertEquals(64, img.getWidthPx());
        assertEquals(48, img.getHeightPx());
        assertEquals("rgb8", img.getEncoding());
        assertEquals(3 * 64, img.getStepBytes());
        assertArrayEquals(c.image().rgbData(), img.getPixels().toByteArray());
        assertArrayEquals(c.image().semanticClassData(), img.getSemanticClassIds().toByteArray());
        ByteBuffer d = img.getDepthMF32Le().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] depth = c.image().depthData();
        assertEquals(4 * depth.length, d.remaining());
        for (int i = 0; i < depth.length; i++) {
            assertEquals(depth[i], d.getFloat(4 * i));
        }
        assertTrue(!img.hasAugmented());
    }

    /** Wrapped (directPixels off): the frame's pixel component is the renderer's own array, not a copy. */
    @Test
    void wrappedPixelsAreTheRenderersArray() throws Exception {
        CameraFrame c = TestImages.frame("front", 1, 0, 320, 240, 1);
        ByteBuf frame = new SampleEncoder(alloc, false, false, false).encode(c, WALL);
        CompositeByteBuf composite = (CompositeByteBuf) frame;
        ByteBuf pixels = composite.internalComponent(1);
        assertTrue(pixels.hasArray());
        assertSame(c.image().rgbData(), pixels.array(), "the frame must reference the renderer's pixel array, not a copy");
        // Each client gets a duplicate: the same bytes again, no copy.
        ByteBuf forClient = frame.retainedDuplicate();
        assertSame(c.image().rgbData(), ((CompositeByteBuf) forClient.unwrap()).internalComponent(1).array());
        forClient.release();
        assertArrayEquals(c.image().rgbData(), parse(frame).getImage().getPixels().toByteArray());
        frame.release();
    }

    @Test
    void catalogDescribesCamerasLidarsAndTheClock() {
        LidarParams vlp = LidarParams.preset(LidarParams.VLP16);
        StreamCatalog cat = CatalogMapping.catalog(List.of(
                new StreamInfo("front", "camera", 15, "front_optical", TestImages.mount(), TestImages.info(640, 480), null),
                new StreamInfo("lidar", "lidar", 10, "lidar_link", TestImages.mount(), null, vlp),
                new StreamInfo("imu", "imu", 200, "imu_link", TestImages.mount(), null, null)));
        assertEquals(4, cat.getStreamsCount());
        var cam = cat.getStreams(0);
        assertEquals(SensorKind.SENSOR_KIND_CAMERA, cam.getKind());
        assertEquals(640, cam.getCamera().getWidthPx());
        assertEquals("plumb_bob", cam.getCamera().getDistortionModel());
        assertArrayEquals(TestImages.info(640, 480).k(), cam.getCamera().getKList().stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(1.2, cam.getMount().getZM());
        var lidar = cat.getStreams(1).getLidar();
        assertEquals(16, lidar.getChannels());
        // VLP-16 manual: ring 0 is -15 deg, ring 15 is +15 deg, 2 deg apart.
        for (int ring = 0; ring < 16; ring++) {
            assertEquals(-15 + 2 * ring, lidar.getRingElevationDeg(ring), 1e-9);
        }
        assertEquals(1800, lidar.getColumnsPerRevolution());
        var clock = cat.getStreams(3);
        assertEquals(CatalogMapping.CLOCK_STREAM, clock.getStreamId());
        assertEquals(SensorKind.SENSOR_KIND_CLOCK, clock.getKind());
        assertEquals(200, clock.getRateHz());
    }
}
