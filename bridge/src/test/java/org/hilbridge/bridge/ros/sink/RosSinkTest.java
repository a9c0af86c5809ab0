package org.hilbridge.bridge.ros.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.serial.CommandDecoder;
import org.hilbridge.bridge.ros.serial.RosReader;
import org.hilbridge.sim.command.TwistCommand;
import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RosSink and RosCommandInput against an in-memory graph: topics, types, latching, clock, tf source, diagnostics. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RosSinkTest {
    private static final MessageCatalog CATALOG = MessageCatalog.standard();
    private final RecordingGraph graph = new RecordingGraph();

    private static List<StreamInfo> streams() {
        return List.of(
                new StreamInfo("ground_truth", "ground_truth", 50, "base_link", SensorMount.atBaseLink(), null, null),
                new StreamInfo("imu", "imu", 200, "imu_link", new SensorMount(0.2, 0, 0.3, 0, 0, 0), null, null),
                new StreamInfo("wheel_odom", "wheel_odometry", 50, "odom", SensorMount.atBaseLink(), null, null),
                new StreamInfo("front", "camera", 30, "front_optical_frame", new SensorMount(1, 0, 1, 0, 0, 0), null, null));
    }

    @AfterEach
    void release() throws Exception {
        graph.releaseAll();
    }

    @Test
    void everyTopicIsAdvertisedWithItsTypeAndTfStaticIsLatchedAndSent() throws Exception {
        new RosSink(graph, CATALOG, streams(), RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT);
        Map<String, String> expected = Map.ofEntries(
                Map.entry("/ground_truth/odom", "nav_msgs/Odometry"), Map.entry("/imu/data", "sensor_msgs/Imu"),
                Map.entry("/vehicle/odom", "nav_msgs/Odometry"), Map.entry("/camera/image_raw", "sensor_msgs/Image"),
                Map.entry("/camera/camera_info", "sensor_msgs/CameraInfo"), Map.entry("/camera/depth", "sensor_msgs/Image"),
                Map.entry("/camera/semantic", "sensor_msgs/Image"), Map.entry("/camera/image", "sensor_msgs/Image"),
                Map.entry("/clock", "rosgraph_msgs/Clock"),
                Map.entry("/tf", "tf2_msgs/TFMessage"), Map.entry("/tf_static", "tf2_msgs/TFMessage"),
                Map.entry("/diagnostics", "diagnostic_msgs/DiagnosticArray"));
        assertEquals(expected.keySet(), graph.adverts.keySet());
        expected.forEach((topic, type) -> assertEquals(CATALOG.type(type), graph.adverts.get(topic).type(), topic));
        graph.adverts.values().forEach(a -> assertEquals(a.topic().equals("/tf_static"), a.latched(), a.topic()));
        assertEquals(1, graph.published.get("/tf_static").size());
        // imu_link, front_link and front_optical_frame
        assertEquals(3, graph.published.get("/tf_static").get(0).getIntLE(0));
    }

    @Test
    void clockLeadsEachNewerSampleAndTfFollowsWheelOdometryByDefault() throws Exception {
        RosSink sink = new RosSink(graph, CATALOG, streams(), RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT);
        sink.accept(imu(0, 5_000_000));
        sink.accept(odom(0, 5_000_000));
        sink.accept(imu(1, 10_000_000));
        assertEquals(List.of(5_000_000L, 10_000_000L), graph.published.get("/clock").stream().map(RosSinkTest::time).toList());
        assertEquals(2, graph.published.get("/imu/data").size());
        assertEquals(1, graph.published.get("/tf").size());
        ByteBuf tf = graph.published.get("/tf").get(0);
        RosReader r = new RosReader(tf.duplicate().skipBytes(4), "tf2_msgs/TFMessage");
        assertEquals(5_000_000L, r.readHeaderStampNanos("header"));
        assertEquals("base_link", r.readString("child_frame_id"));
        assertEquals(1, graph.published.get("/diagnostics").size(), "diagnostics at the first sample, then once a sim second");
        sink.accept(imu(2, 1_004_999_999));
        assertEquals(1, graph.published.get("/diagnostics").size());
        graph.dropsPerTopic = 2;
        sink.accept(imu(3, 1_005_000_000));
        assertEquals(2, graph.published.get("/diagnostics").size());
        ByteBuf diag = graph.published.get("/diagnostics").get(1);
        RosReader d = new RosReader(diag.duplicate(), "diagnostic_msgs/DiagnosticArray");
        d.readHeaderStampNanos("header");
        assertEquals(1, d.readUint32AsInt("status length"));
        assertEquals(1, diag.getByte(diag.readerIndex() + 16 + 4)); // level WARN, after the header (seq 4, stamp 8, frame_id "" 4) and the count
    }

    @Test
    void groundTruthDrivesTfWhenChosenOrWhenThereIsNoWheelOdometry() throws Exception {
        List<StreamInfo> noWheel = streams().stream().filter(s -> !s.kind().equals("wheel_odometry")).toList();
        RosSink sink = new RosSink(graph, CATALOG, noWheel, RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT);
        sink.accept(new org.hilbridge.sim.sensor.GroundTruthSample("ground_truth", 0, 1000, "base_link", 1, 2, 3, 1, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals(1, graph.published.get("/tf").size());
        RecordingGraph other = new RecordingGraph();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RosSink(other, CATALOG, noWheel,
                RosSinkConfig.defaults().withTfSource(OdomTfSource.WHEEL_ODOMETRY), PooledByteBufAllocator.DEFAULT));
        assertTrue(e.getMessage().contains("no wheel_odometry sensor"), e.getMessage());
        other.releaseAll();
    }

    @Test
    void twoCamerasNeedAStreamPlaceholder() throws Exception {
        List<StreamInfo> two = new ArrayList<>(streams());
        two.add(new StreamInfo("rear", "camera", 30, "rear_optical_frame", new SensorMount(-1, 0, 1, 0, 0, Math.PI), null, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RosSink(new RecordingGraph(), CATALOG, two, RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT));
        assertTrue(e.getMessage().contains("topic /camera/image_raw would be published by both camera front and camera rear"), e.getMessage());
        TopicNames perCamera = TopicNames.of("/", Map.of("image", "{stream}/image_raw", "camera_info", "{stream}/camera_info",
                "depth", "{stream}/depth", "semantic", "{stream}/semantic", "image_primary", "{stream}/image"));
        new RosSink(graph, CATALOG, two, RosSinkConfig.defaults().withTopics(perCamera), PooledByteBufAllocator.DEFAULT);
        assertTrue(graph.adverts.containsKey("/rear/image_raw") && graph.adverts.containsKey("/front/depth"));
    }

    @Test
    void commandsReachTheArbiterAttributedByStampAndMalformedOnesDoNot() throws Exception {
        List<String> calls = new ArrayList<>();
        CommandIntake intake = new CommandIntake() {
            @Override
            public Verdict submit(String source, VehicleCommand command, SampleRef basedOn) {
                throw new AssertionError("ROS commands name samples by stamp");
            }

            @Override
            public Verdict submitStamped(String source, VehicleCommand command, long stampNanos) {
                calls.add(source + " " + command + " @" + stampNanos);
                return Verdict.ACCEPTED;
            }

            @Override
            public Verdict submitUnattributed(String source, VehicleCommand command) {
                calls.add(source + " " + command);
                return Verdict.ACCEPTED_UNATTRIBUTED;
            }

            @Override
            public boolean acquireLease(String source) {
                return true;
            }

            @Override
            public boolean renewLease(String source) {
                return true;
            }

            @Override
            public void releaseLease(String source) {
            }

            @Override
            public String leaseHolder() {
                return null;
            }
        };
        RosCommandInput input = new RosCommandInput(graph, CATALOG, TopicNames.defaults(), intake);
        assertEquals(CATALOG.type(CommandDecoder.TWIST), graph.subscribedTypes.get("/cmd_vel"));
        assertEquals(CATALOG.type(CommandDecoder.TWIST_STAMPED), graph.subscribedTypes.get("/cmd_vel_stamped"));
        assertEquals(CATALOG.type(CommandDecoder.ACKERMANN_DRIVE_STAMPED), graph.subscribedTypes.get("/ackermann_cmd"));
        ByteBuf twist = PooledByteBufAllocator.DEFAULT.buffer();
        twist.writeIntLE(3).writeIntLE(2).writeIntLE(500).writeIntLE(0); // header seq, stamp 2 s 500 ns, frame_id ""
        twist.writeDoubleLE(1.5).writeDoubleLE(0).writeDoubleLE(0).writeDoubleLE(0).writeDoubleLE(0).writeDoubleLE(0.5);
        graph.subscriptions.get("/cmd_vel_stamped").accept(twist);
        graph.subscriptions.get("/cmd_vel").accept(twist.slice(16, 48));
        graph.subscriptions.get("/cmd_vel").accept(twist.slice(16, 40));
        twist.release();
        assertEquals(List.of("ros:/cmd_vel_stamped " + new TwistCommand(1.5, 0.5) + " @2000000500", "ros:/cmd_vel " + new TwistCommand(1.5, 0.5)), calls);
        assertEquals(2, input.applied());
        assertEquals(1, input.malformed());
        assertFalse(graph.subscriptions.isEmpty());
        assertNull(input.handle("ros:/cmd_vel", CommandDecoder.TWIST, io.netty.buffer.Unpooled.EMPTY_BUFFER));
    }

    private static ImuSample imu(long seq, long t) {
        return new ImuSample("imu", seq, t, "imu_link", 0, 0, 9.81, 0, 0, 0, 1e-4, 1e-6);
    }

    private static OdometrySample odom(long seq, long t) {
        return new OdometrySample("wheel_odom", seq, t, "odom", "base_link", 1, 2, 0.3, 1, 0.1);
    }

    private static long time(ByteBuf clock) {
        return new RosReader(clock.duplicate(), "rosgraph_msgs/Clock").readTimeNanos("clock");
    }
}
