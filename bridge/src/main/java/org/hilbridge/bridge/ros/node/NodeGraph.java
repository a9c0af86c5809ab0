package org.hilbridge.bridge.ros.node;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;

/**
 * The mapping side's {@link RosGraph} on a live {@link RosNode}: advertise with one queue depth for every topic
 * (the node's per-subscriber bounded queue), subscribe with a body-only handler. The node's {@link Publisher}
 * is the graph's publisher itself, so nothing is wrapped on the publish path.
 */
public final class NodeGraph implements RosGraph {
    private final RosNode node;
    private final int queueDepth;

    /** @param queueDepth messages each subscriber connection queues before it loses its oldest (>= 1) */
    public NodeGraph(RosNode node, int queueDepth) {
        this.node = Objects.requireNonNull(node, "node");
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queue depth " + queueDepth + " is not allowed: it must be >= 1");
        }
        this.queueDepth = queueDepth;
    }

    public RosNode node() {
        return node;
    }

    @Override
    public Publisher advertise(String topic, MessageType type, boolean latched) throws IOException, InterruptedException {
        return node.advertise(topic, type, latched, queueDepth);
    }

    @Override
    public void subscribe(String topic, MessageType type, Consumer<ByteBuf> handler) throws IOException, InterruptedException {
        Objects.requireNonNull(handler, "handler");
        node.subscribe(topic, type, (body, publisher) -> handler.accept(body));
    }
}
