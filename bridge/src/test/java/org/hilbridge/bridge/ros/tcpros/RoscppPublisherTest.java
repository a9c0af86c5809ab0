package org.hilbridge.bridge.ros.tcpros;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hilbridge.bridge.ros.node.MasterMode;
import org.hilbridge.bridge.ros.node.RosNode;
import org.hilbridge.bridge.ros.node.RosNodeConfig;
import org.hilbridge.bridge.ros.testing.Messages;
import org.hilbridge.bridge.ros.testing.Roscpp;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A roscpp publisher (compiled here) reaches our subscriber: our XML-RPC client against roscpp's XmlRpc++ slave
 * API (requestTopic), and roscpp's TCPROS publisher against our subscriber's handshake.
 */
class RoscppPublisherTest {
    @Test
    @Timeout(300)
    void roscppPublisherReachesOurSubscriber() throws Exception {
        try (RosPeers peers = new RosPeers()) {
            Path exe = Roscpp.compile(peers, Path.of("src/test/cpp/string_talker.cpp").toAbsolutePath(), "string_talker");
            try (RosNode node = RosNode.start(RosNodeConfig.of("listener", Map.of("ROS_IP", "127.0.0.1")).withMaster(MasterMode.EMBEDDED, 0))) {
                List<String> got = new CopyOnWriteArrayList<>();
                node.subscribe("/hil/from_roscpp", peers.messageType("std_msgs/String"), (body, h) -> got.add(Messages.readString(body)));
                Process talker = peers.start(peers.env(node.masterUri()), exe.toString());
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (got.size() < 3) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("no messages from the roscpp publisher; it said:\n" + peers.output(talker));
                    }
                    Thread.sleep(20);
                }
                assertTrue(got.get(0).matches("roscpp \\d+"), got.get(0));
            }
        }
    }
}
