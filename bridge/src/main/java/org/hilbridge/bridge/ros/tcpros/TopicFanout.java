package org.hilbridge.bridge.ros.tcpros;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One published topic: its subscriber connections and, when latched, its last message. {@link #publish}
 * frames the serialised body once (a 4-byte little-endian length and the body in one composite buffer, no
 * copy of the body) and hands every subscriber a retained duplicate of it (http://wiki.ros.org/ROS/TCPROS:
 * "each message is prefixed by a 4-byte little-endian length").
 */
public final class TopicFanout {
    private static final Logger log = LoggerFactory.getLogger(TopicFanout.class);

    private final String topic;
    private final MessageType type;
    private final boolean latched;
    private final int queueDepth;
    private final ByteBufAllocator alloc;
    private final List<SubscriberLink> links = new CopyOnWriteArrayList<>();
    private final List<SubscriberLink> finished = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private ByteBuf latchedFrame; // guarded by this
    private boolean closed; // guarded by this

    public TopicFanout(String topic, MessageType type, boolean latched, int queueDepth, ByteBufAllocator alloc) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.type = Objects.requireNonNull(type, "type");
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queueDepth of " + topic + " must be >= 1, got " + queueDepth);
        }
        this.latched = latched;
        this.queueDepth = queueDepth;
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public String topic() {
        return topic;
    }

    public MessageType type() {
        return type;
    }

    public boolean latched() {
        return latched;
    }

    /**
     * Sends {@code body} (a serialised message, no length prefix) to every subscriber; takes ownership of one
     * reference. Never blocks. Direct memory (or a composite whose large parts are direct) is sent as it is;
     * heap parts are copied once into direct memory here, never once per subscriber.
     */
    public void publish(ByteBuf body) {
        ByteBuf direct = direct(body);
        ByteBuf length = alloc.directBuffer(4).writeIntLE(direct.readableBytes());
        CompositeByteBuf framed = alloc.compositeDirectBuffer(2).addComponents(true, length, direct);
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                published.incrementAndGet();
                for (SubscriberLink l : links) {
                    l.offer(framed.retainedDuplicate());
                }
                if (latched) {
                    if (latchedFrame != null) {
                        latchedFrame.release();
                    }
                    latchedFrame = framed.retainedDuplicate();
                }
            }
        } finally {
            framed.release();
        }
    }

    /**
     * The body as direct memory, so socket writes need no copy per subscriber (NIO copies heap buffers on every
     * write): a direct buffer as it is; a composite keeps its direct parts (pixels) shared and copies only its heap
     * parts (a small serialised header, typically); anything else is copied once. Takes over {@code body}'s reference.
     */
    private ByteBuf direct(ByteBuf body) {
        if (body.isDirect()) {
            return body;
        }
        try {
            if (body instanceof CompositeByteBuf c) {
                List<ByteBuf> parts = c.decompose(c.readerIndex(), c.readableBytes());
                CompositeByteBuf out = alloc.compositeDirectBuffer(Math.max(2, parts.size()));
                for (ByteBuf part : parts) {
                    out.addComponent(true, part.isDirect() ? part.retain() : copy(part));
                }
                return out;
            }
            return copy(body);
        } finally {
            body.release();
        }
    }

    private ByteBuf copy(ByteBuf b) {
        return alloc.directBuffer(b.readableBytes()).writeBytes(b, b.readerIndex(), b.readableBytes());
    }

    /** Attaches an accepted subscriber connection (its handshake is done); a latched topic sends its last message. */
    synchronized SubscriberLink attach(int connectionId, String subscriberCallerId, Channel channel) {
        SubscriberLink link = new SubscriberLink(connectionId, topic, subscriberCallerId, channel, queueDepth);
        if (closed) {
            channel.close();
            return link;
        }
        links.add(link);
        if (latchedFrame != null) {
            link.offer(latchedFrame.retainedDuplicate());
        }
        log.info("{}: subscriber {} connected from {}", topic, subscriberCallerId, channel.remoteAddress());
        return link;
    }

    void detach(SubscriberLink link) {
        if (links.remove(link)) {
            finished.add(link);
            while (finished.size() > 16) { // keep the stats of a few past connections for getBusStats
                finished.remove(0);
            }
            log.info("{}: subscriber {} disconnected", topic, link.stats().subscriberCallerId());
        }
    }

    public long publishedCount() {
        return published.get();
    }

    /** Per-connection figures of the connected subscribers. */
    public List<SubscriberLinkStats> subscribers() {
        List<SubscriberLinkStats> out = new ArrayList<>();
        for (SubscriberLink l : links) {
            out.add(l.stats());
        }
        return out;
    }

    /** Messages dropped for slow subscribers, over every connection this topic ever had. */
    public long droppedTotal() {
        long n = 0;
        for (SubscriberLink l : links) {
            n += l.dropped();
        }
        for (SubscriberLink l : finished) {
            n += l.dropped();
        }
        return n;
    }

    /** Closes every subscriber connection and forgets the latched message. */
    public void close() {
        synchronized (this) {
            closed = true;
            if (latchedFrame != null) {
                latchedFrame.release();
                latchedFrame = null;
            }
        }
        for (SubscriberLink l : links) {
            l.channel().close();
        }
    }
}
