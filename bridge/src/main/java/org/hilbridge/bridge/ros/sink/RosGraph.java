package org.hilbridge.bridge.ros.sink;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.function.Consumer;
import org.hilbridge.bridge.ros.msg.MessageType;

/**
 * What the ROS node offers the mapping side: advertise a topic and publish serialised bodies on it, and
 * subscribe to a topic and receive bodies. On the network it is org.hilbridge.bridge.ros.node.NodeGraph (a
 * RosNode, whose Publisher is this Publisher); the recorder and tests use their own. Registering with the master is I/O,
 * hence the checked exceptions.
 */
public interface RosGraph {
    /**
     * Registers a publisher with the master and opens it to subscribers.
     *
     * @param latched whether a new subscriber gets the last message (tf_static)
     */
    Publisher advertise(String topic, MessageType type, boolean latched) throws IOException, InterruptedException;

    /**
     * Subscribes to {@code topic}; {@code handler} gets every message body (without the length prefix) on the
     * node's I/O thread and must neither keep it nor release it (the node releases it after the call).
     */
    void subscribe(String topic, MessageType type, Consumer<ByteBuf> handler) throws IOException, InterruptedException;

    /** One advertised topic. */
    interface Publisher {
        /**
         * Sends {@code body} (the serialised message, no length prefix) to every subscriber, taking ownership of
         * one reference: the caller must not release it or touch it afterwards. Never blocks: a slow subscriber
         * loses its own oldest messages.
         */
        void publish(ByteBuf body);

        /** Messages dropped so far for slow subscribers, over every connection this topic had. */
        long droppedTotal();
    }
}
