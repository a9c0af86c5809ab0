package org.hilbridge.bridge.ros.node;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;
import org.hilbridge.bridge.ros.tcpros.SubscriberLinkStats;
import org.hilbridge.bridge.ros.tcpros.TopicFanout;

/**
 * A topic this node advertises. Thread-safe; {@link #publish} never blocks. It is the mapping side's
 * {@link RosGraph.Publisher} as it is (see {@link NodeGraph}): one publisher concept, not a wrapper per layer.
 */
public final class Publisher implements RosGraph.Publisher, AutoCloseable {
    private final RosNode node;
    private final TopicFanout fanout;

    Publisher(RosNode node, TopicFanout fanout) {
        this.node = node;
        this.fanout = fanout;
    }

    public String topic() {
        return fanout.topic();
    }

    public MessageType type() {
        return fanout.type();
    }

    /**
     * Sends a serialised message body (no length prefix) to every subscriber, taking ownership of one reference
     * to {@code body}. The body is shared by every subscriber connection, never copied per subscriber.
     */
    @Override
    public void publish(ByteBuf body) {
        fanout.publish(body);
    }

    /** Messages dropped for slow subscribers, over every connection this topic ever had. */
    @Override
    public long droppedTotal() {
        return fanout.droppedTotal();
    }

    public long publishedCount() {
        return fanout.publishedCount();
    }

    public List<SubscriberLinkStats> subscribers() {
        return fanout.subscribers();
    }

    TopicFanout fanout() {
        return fanout;
    }

    /** Unregisters from the master and closes every subscriber connection. */
    @Override
    public void close() {
        node.unadvertise(this);
    }
}
