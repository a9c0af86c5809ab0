package org.hilbridge.bridge.ros.node;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.hilbridge.bridge.ros.testing.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A second node registering under the same name replaces the first, which the master tells to shut down
 * (rosmaster's behaviour, ros_comm master_api.py _register_node_api; http://wiki.ros.org/ROS/Slave_API shutdown).
 */
class DuplicateNodeTest {
    @Test
    @Timeout(30)
    void theOlderNodeWithTheSameNameIsShutDown() throws Exception {
        try (RosNode master = RosNode.start(RosNodeConfig.of("master_holder", Map.of("ROS_IP", "127.0.0.1")).withMaster(MasterMode.EMBEDDED, 0))) {
            Map<String, String> env = Map.of("ROS_IP", "127.0.0.1", "ROS_MASTER_URI", master.masterUri().toString());
            try (RosNode first = RosNode.start(RosNodeConfig.of("dup", env)); RosNode second = RosNode.start(RosNodeConfig.of("dup", env))) {
                first.advertise("/a", Messages.STRING_TYPE, false, 1);
                second.advertise("/b", Messages.STRING_TYPE, false, 1);
                RosGraphInteropBase.awaitTrue(first::isClosed, java.time.Duration.ofSeconds(20), "the first /dup to be shut down");
                assertFalse(second.isClosed());
            }
        }
    }
}
