package org.hilbridge.hil.record;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;

/**
 * A RosGraph that compares what a re-run publishes with a bag, topic by topic, message by message, byte for
 * byte (and each message's time with the recorded receive time). Keeps the first divergence of each topic;
 * {@link #finish()} adds topics that came up short and picks the earliest. Bodies are released after the
 * comparison. Used on one thread (the ROS sink's).
 */
final class ComparingGraph implements RosGraph {
    private final BagReader bag;
    private final Map<String, List<BagMessage>> expected = new LinkedHashMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final Map<String, Divergence> first = new LinkedHashMap<>();
    private long timeNanos;
    private long compared;

    /** @param topics the bag's topics to compare (the others the re-run publishes are ignored) */
    ComparingGraph(BagReader bag, List<String> topics) {
        this.bag = bag;
        for (String t : topics) {
            expected.put(t, bag.messagesOn(t));
            seen.put(t, 0L);
        }
    }

    void setTimeNanos(long timeNanos) {
        this.timeNanos = timeNanos;
    }

    @Override
    public Publisher advertise(String topic, MessageType type, boolean latched) {
        List<BagMessage> want = expected.get(topic);
        return new Publisher() {
            @Override
            public void publish(ByteBuf body) {
                try {
                    if (want != null) {
                        compare(topic, want, body);
                    }
                } finally {
                    body.release();
                }
            }

            @Override
            public long droppedTotal() {
                return 0;
            }
        };
    }

    @Override
    public void subscribe(String topic, MessageType type, Consumer<ByteBuf> handler) {
        // a re-run takes no commands from the graph: they come from the bag
    }

    private void compare(String topic, List<BagMessage> want, ByteBuf body) {
        long i = seen.merge(topic, 1L, Long::sum) - 1;
        if (first.containsKey(topic)) {
            return;
        }
        compared++;
        if (i >= want.size()) {
            first.put(topic, new Divergence(topic, i, timeNanos, -1, "the re-run published more messages than the " + want.size() + " recorded"));
            return;
        }
        BagMessage m = want.get((int) i);
        byte[] recorded;
        try {
            recorded = bag.read(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = body.readableBytes();
        int common = Math.min(n, recorded.length);
        int r = body.readerIndex();
        for (int k = 0; k < common; k++) {
            if (body.getByte(r + k) != recorded[k]) {
                first.put(topic, new Divergence(topic, i, m.timeNanos(), k, String.format("recorded 0x%02x, re-run 0x%02x (%d bytes recorded, %d re-run)",
                        recorded[k] & 0xff, body.getByte(r + k) & 0xff, recorded.length, n)));
                return;
            }
        }
        if (n != recorded.length) {
            first.put(topic, new Divergence(topic, i, m.timeNanos(), common, "recorded " + recorded.length + " bytes, re-run " + n));
        } else if (m.timeNanos() != timeNanos) {
            first.put(topic, new Divergence(topic, i, m.timeNanos(), -1, "same bytes, but recorded at " + m.timeNanos() + " ns, re-run at " + timeNanos + " ns"));
        }
    }

    /** Every topic's first divergence (short topics included), earliest first; empty when all match. */
    List<Divergence> finish() {
        List<Divergence> out = new ArrayList<>(first.values());
        for (Map.Entry<String, List<BagMessage>> e : expected.entrySet()) {
            long n = seen.get(e.getKey());
            if (!first.containsKey(e.getKey()) && n < e.getValue().size()) {
                BagMessage m = e.getValue().get((int) n);
                out.add(new Divergence(e.getKey(), n, m.timeNanos(), -1, "the re-run published " + n + " of the " + e.getValue().size() + " recorded messages"));
            }
        }
        out.sort(Comparator.comparingLong(Divergence::stampNanos).thenComparing(Divergence::topic));
        return out;
    }

    /** Messages compared in full. */
    long compared() {
        return compared;
    }

    int topicCount() {
        return expected.size();
    }
}
