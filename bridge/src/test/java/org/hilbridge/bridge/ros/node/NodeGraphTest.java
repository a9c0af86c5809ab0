package org.hilbridge.bridge.ros.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * NodeGraph is the RosGraph of a live node: its publisher is the node's own Publisher (advertised with the
 * graph's queue depth and latching), and a subscription through it receives what the node publishes over TCPROS.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeGraphTest {
    private static RosNodeConfig config(String name) {
        return RosNodeConfig.of(name, Map.of("ROS_IP", "127.0.0.1")).withMaster(MasterMode.EMBEDDED, 0);
    }

    @Test
    void theGraphsPublisherIsTheNodesAndBodiesTravelOverTcpros() throws Exception {
        MessageType string = MessageCatalog.standard().type("std_msgs/String");
        try (RosNode node = RosNode.start(config("graph_test"))) {
            NodeGraph graph = new NodeGraph(node, 7);
            BlockingQueue<String> received = new ArrayBlockingQueue<>(16);
            graph.subscribe("/chatter", string, body -> {
                int n = body.readIntLE();
                received.add(body.readCharSequence(n, StandardCharsets.UTF_8).toString());
            });
            RosGraph.Publisher p = graph.advertise("/chatter", string, true);
            assertSame(node.publishers().get(0), p, "no wrapper around the node's publisher");
            assertEquals(1, node.publishers().size());
            byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String got = null;
            while (got == null && System.nanoTime() < deadline) { // the subscriber connects after publisherUpdate
                ByteBuf body = Unpooled.buffer().writeIntLE(text.length).writeBytes(text);
                p.publish(body);
                got = received.poll(200, TimeUnit.MILLISECONDS);
            }
            assertEquals("hello", got);
            assertEquals(0, p.droppedTotal());
        }
    }

    @Test
    void aQueueDepthBelowOneIsRefused() throws Exception {
        try (RosNode node = RosNode.start(config("graph_depth"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NodeGraph(node, 0));
            assertTrue(e.getMessage().contains("queue depth 0"), e.getMessage());
        }
    }
}
