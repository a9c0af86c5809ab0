package org.hilbridge.bridge.ros.tcpros;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound side of one subscriber connection: a bounded queue of framed messages (each a shared,
 * reference-counted view of the one serialised buffer) drained into the channel only while Netty reports it
 * writable. When the queue is full the oldest message is released and counted as dropped, so a subscriber
 * that does not read loses its own oldest messages and never blocks the publisher or the other subscribers.
 * All queue work runs on the channel's event loop.
 */
final class SubscriberLink {
    private static final Logger log = LoggerFactory.getLogger(SubscriberLink.class);

    private final int connectionId;
    private final String topic;
    private final String subscriberCallerId;
    private final Channel channel;
    private final int queueDepth;
    private final ArrayDeque<ByteBuf> queue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private boolean closed;

    SubscriberLink(int connectionId, String topic, String subscriberCallerId, Channel channel, int queueDepth) {
        this.connectionId = connectionId;
        this.topic = topic;
        this.subscriberCallerId = subscriberCallerId;
        this.channel = channel;
        this.queueDepth = queueDepth;
        this.queue = new ArrayDeque<>(Math.min(queueDepth, 64) + 1);
    }

    Channel channel() {
        return channel;
    }

    /** Takes ownership of {@code framed} (a length-prefixed message); callable from any thread. */
    void offer(ByteBuf framed) {
        if (channel.eventLoop().inEventLoop()) {
            enqueue(framed);
        } else {
            channel.eventLoop().execute(() -> enqueue(framed));
        }
    }

    private void enqueue(ByteBuf framed) {
        if (closed) {
            framed.release();
            return;
        }
        queue.addLast(framed);
        while (queue.size() > queueDepth) {
            queue.pollFirst().release();
            long n = dropped.incrementAndGet();
            if (n == 1 || Long.bitCount(n) == 1) { // log the 1st, 2nd, 4th, 8th ... drop, not every one
                log.warn("{}: subscriber {} ({}) is not keeping up: {} message(s) dropped so far", topic, subscriberCallerId, channel.remoteAddress(), n);
            }
        }
        drain();
    }

    /** Writes queued messages while the channel is writable; runs on the event loop. */
    void drain() {
        boolean wrote = false;
        while (!closed && channel.isWritable() && !queue.isEmpty()) {
            ByteBuf m = queue.pollFirst();
            int bytes = m.readableBytes();
            channel.write(m, channel.voidPromise());
            sent.incrementAndGet();
            sentBytes.addAndGet(bytes);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** Releases what is still queued; runs on the event loop. */
    void closed() {
        closed = true;
        ByteBuf m;
        while ((m = queue.pollFirst()) != null) {
            m.release();
        }
    }

    SubscriberLinkStats stats() {
        return new SubscriberLinkStats(connectionId, subscriberCallerId, String.valueOf(channel.remoteAddress()), sent.get(), sentBytes.get(), dropped.get(),
                channel.isActive());
    }

    long dropped() {
        return dropped.get();
    }
}
