package org.hilbridge.bridge.ros.node;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ROS_MASTER_URI set but nobody answers: the node refuses to start and names the URI (issue 5: never two graphs). */
class FailFastTest {
    @Test
    @Timeout(30)
    void unreachableMasterUriFailsNamingIt() throws Exception {
        int port = RosPeers.freePort(); // nothing listens here
        String uri = "http://127.0.0.1:" + port + "/";
        RosNodeConfig c = RosNodeConfig.of("ff", Map.of("ROS_IP", "127.0.0.1", "ROS_MASTER_URI", uri)).withCallTimeout(Duration.ofSeconds(2));
        MasterUnreachableException e = assertThrows(MasterUnreachableException.class, () -> RosNode.start(c));
        assertTrue(e.getMessage().contains(uri) && e.getMessage().contains("ROS_MASTER_URI"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void malformedMasterUriFailsNamingIt() {
        RosNodeConfig c = RosNodeConfig.of("ff", Map.of("ROS_IP", "127.0.0.1", "ROS_MASTER_URI", "localhost"));
        MasterUnreachableException e = assertThrows(MasterUnreachableException.class, () -> RosNode.start(c));
        assertTrue(e.getMessage().contains("'localhost'"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void embeddedModeIgnoresMasterUri() throws Exception {
        int port = RosPeers.freePort();
        RosNodeConfig c = RosNodeConfig.of("ff", Map.of("ROS_IP", "127.0.0.1", "ROS_MASTER_URI", "http://127.0.0.1:" + port + "/"))
                .withMaster(MasterMode.EMBEDDED, 0);
        try (RosNode n = RosNode.start(c)) {
            assertTrue(n.embeddedMaster() != null && n.masterUri().getHost().equals("127.0.0.1"), n.masterUri().toString());
        }
    }
}
