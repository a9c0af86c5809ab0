package org.hilbridge.hil.record;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;

/**
 * A RosGraph that writes every body published on a selected topic into a bag, with the time its owner sets
 * (the capture time of the sample being published), and hands the same body on to the real graph when there
 * is one: the bag holds exactly the bytes the wire carries. Publishing happens on one thread (the ROS sink's);
 * {@link #setTimeNanos} must be called on it before each sample's messages.
 */
public final class RecordingGraph implements RosGraph {
    private final BagWriter bag;
    private final RosGraph delegate;
    private final TopicSelection selection;
    private final String callerid;
    private final Set<String> advertised = new LinkedHashSet<>();
    private long timeNanos;

    /**
     * @param delegate the node that publishes on the network, or null to record only
     * @param callerid the node name written into each connection record (rosbag keeps the publisher's)
     */
    public RecordingGraph(BagWriter bag, RosGraph delegate, TopicSelection selection, String callerid) {
        this.bag = Objects.requireNonNull(bag, "bag");
        this.delegate = delegate;
        this.selection = Objects.requireNonNull(selection, "selection");
        this.callerid = Objects.requireNonNull(callerid, "callerid");
    }

    /** The receive time of the messages published next. */
    public void setTimeNanos(long timeNanos) {
        this.timeNanos = timeNanos;
    }

    /** Every topic advertised through this graph (recorded or not). */
    public Set<String> advertised() {
        return Set.copyOf(advertised);
    }

    @Override
    public Publisher advertise(String topic, MessageType type, boolean latched) throws IOException, InterruptedException {
        advertised.add(topic);
        Publisher wire = delegate == null ? null : delegate.advertise(topic, type, latched);
        BagConnection conn = selection.includes(topic) ? bag.addConnection(topic, type.name(), type.md5sum(), type.definition(), callerid, latched) : null;
        return new Publisher() {
            @Override
            public void publish(ByteBuf body) {
                if (conn == null) {
                    if (wire != null) {
                        wire.publish(body);
                    } else {
                        body.release();
                    }
                    return;
                }
                if (wire != null) {
                    wire.publish(body.retain()); // one reference for the wire, the caller's for the bag
                }
                try {
                    bag.write(conn, timeNanos, body);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing " + topic + " to " + bag.path() + ": " + e.getMessage(), e);
                }
            }

            @Override
            public long droppedTotal() {
                return wire == null ? 0 : wire.droppedTotal();
            }
        };
    }

    @Override
    public void subscribe(String topic, MessageType type, Consumer<ByteBuf> handler) throws IOException, InterruptedException {
        if (delegate != null) {
            delegate.subscribe(topic, type, handler);
        }
    }
}
