package org.hilbridge.hil.config;

import static org.hilbridge.hil.config.ConfigErrors.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hilbridge.bridge.ros.node.MasterMode;
import org.hilbridge.bridge.ros.node.RosNodeConfig;
import org.hilbridge.bridge.ros.sink.OdomTfSource;
import org.hilbridge.bridge.ros.sink.RosSinkConfig;
import org.hilbridge.bridge.ros.sink.TopicNames.Topic;
import org.junit.jupiter.api.Test;

/** The ros.* keys: defaults (launch/config/bridge.properties), every key read into one RosSettings, bad values refused by key. */
class RosConfigTest {
    private final BridgeConfigLoader loader = new BridgeConfigLoader();

    @Test
    void rosIsOffWithIssue5sDefaultTopicsByDefault() {
        RosSettings r = loader.load(null, Map.of(), List.of()).ros();
        assertFalse(r.enabled());
        assertEquals(RosSettings.DEFAULTS, r);
        assertEquals(RosSinkConfig.defaults(), r.sink());
        assertEquals("/imu/data", r.sink().topics().resolve(Topic.IMU));
        RosNodeConfig n = r.nodeConfig(Map.of());
        assertEquals(MasterMode.AUTO, n.masterMode());
        assertEquals(11311, n.embeddedMasterPort());
        assertEquals("/hilbridge", n.fullName());
    }

    @Test
    void everyRosKeyIsRead() {
        RosSettings r = loader.load(null, Map.of("HILBRIDGE__ROS__QUEUE_DEPTH", "3"), List.of("ros.enabled=true", "ros.master=embedded",
                "ros.master_port=0", "ros.node_name=bridge", "ros.namespace=fleet/car1", "ros.call_timeout_s=0.5", "ros.odom_tf_source=ground_truth",
                "ros.world_frame=world", "ros.odom_frame=odom2", "ros.base_frame=base", "ros.diagnostics_period_s=0.25",
                "ros.await_controllers=2", "ros.topics.imu=sensors/imu", "ros.topics.image={stream}/image_raw", "ros.topics.clock=/clock")).ros();
        assertTrue(r.enabled());
        assertEquals(3, r.queueDepth());
        assertEquals(2, r.awaitControllers());
        assertEquals(new RosSinkConfig(r.sink().topics(), "world", "odom2", "base", OdomTfSource.GROUND_TRUTH, 250_000_000L), r.sink());
        assertEquals("/fleet/car1/sensors/imu", r.sink().topics().resolve(Topic.IMU));
        assertEquals("/fleet/car1/front/image_raw", r.sink().topics().resolve(Topic.IMAGE, "front"));
        assertEquals("/clock", r.sink().topics().resolve(Topic.CLOCK));
        assertEquals("/fleet/car1/cmd_vel", r.sink().topics().resolve(Topic.CMD_VEL));
        RosNodeConfig n = r.nodeConfig(Map.of("ROS_MASTER_URI", "http://127.0.0.1:1"));
        assertEquals(MasterMode.EMBEDDED, n.masterMode(), "embedded ignores ROS_MASTER_URI");
        assertEquals(0, n.embeddedMasterPort());
        assertEquals("/fleet/car1/bridge", n.fullName());
        assertEquals(Duration.ofMillis(500), n.callTimeout());
    }

    @Test
    void anExternalMasterNeedsRosMasterUri() {
        RosSettings r = loader.load(null, Map.of(), List.of("ros.master=external")).ros();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.nodeConfig(Map.of("ROS_IP", "127.0.0.1")));
        assertTrue(e.getMessage().contains("ros.master = external needs ROS_MASTER_URI"), e.getMessage());
        assertEquals(MasterMode.AUTO, r.nodeConfig(Map.of("ROS_MASTER_URI", "http://127.0.0.1:11311")).masterMode());
    }

    @Test
    void badRosValuesAreRefusedByKey() {
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.master=remote")), "ros.master", "remote", "auto", "embedded", "external");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.master_port=70000")), "ros.master_port", "70000");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.queue_depth=0")), "ros.queue_depth", "'0'");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.node_name=my-node")), "ros.node_name", "my-node");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.namespace=9robots")), "ros.namespace", "9robots", "http://wiki.ros.org/Names");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.topics.imu=imu//data")), "ros.topics.imu", "imu//data", "ROS name");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.odom_tf_source=gps")), "ros.odom_tf_source", "gps", "wheel_odometry");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.topics.radar=radar/points")), "ros.topics.radar");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.diagnostics_period_s=0")), "ros.diagnostics_period_s");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("ros.await_controllers=-1")), "ros.await_controllers", "-1");
    }
}
