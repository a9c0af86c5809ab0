package org.hilbridge.bridge.ros.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hilbridge.bridge.ros.sink.TopicNames.Topic;
import org.junit.jupiter.api.Test;

/** Topic defaults of issue 5 and ROS name resolution (http://wiki.ros.org/Names). */
class TopicNamesTest {
    @Test
    void defaultsAreTheIssuesTopics() {
        TopicNames t = TopicNames.defaults();
        assertEquals("/clock", t.resolve(Topic.CLOCK));
        assertEquals("/tf_static", t.resolve(Topic.TF_STATIC));
        assertEquals("/imu/data", t.resolve(Topic.IMU, "imu"));
        assertEquals("/camera/image_raw", t.resolve(Topic.IMAGE, "front"));
        assertEquals("/camera/camera_info", t.resolve(Topic.CAMERA_INFO, "front"));
        assertEquals("/vehicle/odom", t.resolve(Topic.ODOM, "wheel_odom"));
        assertEquals("/ground_truth/odom", t.resolve(Topic.GROUND_TRUTH, "gt"));
        assertEquals("/ackermann_cmd", t.resolve(Topic.ACKERMANN_CMD));
    }

    @Test
    void aNamespaceMovesRelativeNamesAndKeepsGlobalOnes() {
        TopicNames t = TopicNames.of("robot1", Map.of("image", "/{stream}/image_raw", "gnss", "sensors/fix"));
        assertEquals("/robot1/imu/data", t.resolve(Topic.IMU, "imu"));
        assertEquals("/robot1/sensors/fix", t.resolve(Topic.GNSS, "gnss"));
        assertEquals("/front/image_raw", t.resolve(Topic.IMAGE, "front"));
        assertEquals("/clock", t.resolve(Topic.CLOCK));
        assertEquals("/robot1/cmd_vel", t.resolve(Topic.CMD_VEL));
        assertTrue(t.perStream(Topic.IMAGE));
    }

    @Test
    void badNamesAndKeysAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicNames.of("/", Map.of("imu", "imu//data")));
        assertTrue(e.getMessage().startsWith("topic imu = 'imu//data' is not allowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopicNames.of("/", Map.of("lidar_points", "x")));
        assertTrue(e.getMessage().contains("topic key 'lidar_points' is not allowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopicNames.defaults().withNamespace("9robots"));
        assertTrue(e.getMessage().contains("ROS namespace '9robots' is not allowed"), e.getMessage());
    }

    @Test
    void eachSensorTypeHasTheTopicRosSinkPublishesItOn() {
        // Issue 5's defaults: the odometry a stack steers by is vehicle/odom, a camera's first topic its raw image.
        assertEquals("/vehicle/odom", TopicNames.defaults().resolve(Topic.ofKind("wheel_odometry"), "odom"));
        assertEquals("/ground_truth/odom", TopicNames.defaults().resolve(Topic.ofKind("ground_truth"), "gt"));
        assertEquals("/lidar/points", TopicNames.defaults().resolve(Topic.ofKind("lidar"), "lidar"));
        assertEquals(Topic.IMAGE, Topic.ofKind("camera"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topic.ofKind("radar"));
        assertTrue(e.getMessage().contains("sensor type 'radar' has no ROS topic"), e.getMessage());
    }
}
