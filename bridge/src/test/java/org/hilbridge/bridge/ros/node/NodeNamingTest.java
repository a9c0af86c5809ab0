package org.hilbridge.bridge.ros.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.hilbridge.bridge.ros.testing.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Node name, namespace and remapping (http://wiki.ros.org/Names; remapping "from:=to" resolves both sides against the node). */
class NodeNamingTest {
    @Test
    @Timeout(30)
    void namespaceAndRemappingApplyToAdvertisedTopics() throws Exception {
        RosNodeConfig c = RosNodeConfig.of("bridge", Map.of("ROS_IP", "127.0.0.1")).withNamespace("/robot1").withMaster(MasterMode.EMBEDDED, 0)
                .withRemappings(Map.of("imu", "/sensors/imu", "~status", "status_out"));
        try (RosNode n = RosNode.start(c)) {
            assertEquals("/robot1/bridge", n.callerId());
            assertEquals("/sensors/imu", n.advertise("imu", Messages.STRING_TYPE, false, 1).topic());
            assertEquals("/robot1/status_out", n.advertise("~status", Messages.STRING_TYPE, false, 1).topic());
            assertEquals("/robot1/camera/image_raw", n.advertise("camera/image_raw", Messages.STRING_TYPE, false, 1).topic());
            assertEquals("/tf", n.advertise("/tf", Messages.STRING_TYPE, false, 1).topic());
            assertEquals("http://127.0.0.1:" + n.slaveUri().getPort() + "/", n.slaveUri().toString());
        }
    }

    @Test
    void rosHostnameWinsOverRosIp() {
        assertEquals("robot.local", RosNode.advertisedHost(Map.of("ROS_HOSTNAME", "robot.local", "ROS_IP", "10.0.0.2")));
        assertEquals("10.0.0.2", RosNode.advertisedHost(Map.of("ROS_IP", "10.0.0.2")));
    }
}
