package org.hilbridge.hil.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.bridge.ros.sink.RosGraph;

/**
 * Publishes a bag's messages through a RosGraph in time order, as {@code rosbag play --clock} does: each
 * message at its recorded time scaled by the rate (or back to back when fast), with /clock. A bag hilbridge
 * recorded carries its own /clock (published again as recorded); for any other bag a rosgraph_msgs/Clock
 * with the message's time goes out before each message that is newer than the last clock. Latched
 * connections are advertised latched. Runs on the calling thread.
 */
public final class BagPlayer {
    public static final String CLOCK = "/clock";

    private final RosGraph graph;
    private final double rate;

    /** @param rate bag seconds per wall second (1: as recorded); {@code Double.POSITIVE_INFINITY}: as fast as possible */
    public BagPlayer(RosGraph graph, double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate " + rate + " is not allowed: it must be > 0 (use --fast for no waiting)");
        }
        this.graph = graph;
        this.rate = rate;
    }

    /** What a replay published. */
    public record Played(long messages, long clocks, long firstNanos, long lastNanos, boolean stopped) {
    }

    /** Plays {@code bag} to its end or until {@code stop} turns true (checked before each message). */
    public Played play(BagReader bag, BooleanSupplier stop) throws IOException, InterruptedException {
        List<BagMessage> messages = bag.messagesByTime();
        Map<String, RosGraph.Publisher> publishers = new HashMap<>();
        boolean ownClock = false;
        for (BagConnection c : bag.connections()) {
            ownClock |= c.topic().equals(CLOCK);
            if (!publishers.containsKey(c.topic())) {
                publishers.put(c.topic(), graph.advertise(c.topic(), new MessageType(c.type(), c.md5sum(), c.messageDefinition()), c.latching()));
            }
        }
        RosGraph.Publisher clock = ownClock ? null : graph.advertise(CLOCK, MessageCatalog.standard().type("rosgraph_msgs/Clock"), false);
        long first = messages.isEmpty() ? 0 : messages.get(0).timeNanos();
        long last = first;
        long lastClock = -1;
        long clocks = 0;
        long sent = 0;
        long wallStart = System.nanoTime();
        for (BagMessage m : messages) {
            if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return new Played(sent, clocks, first, last, true);
            }
            waitUntil(wallStart, m.timeNanos() - first);
            if (clock != null && m.timeNanos() > lastClock) {
                lastClock = m.timeNanos();
                clock.publish(clockMessage(lastClock));
                clocks++;
            }
            publishers.get(m.connection().topic()).publish(Unpooled.wrappedBuffer(bag.read(m)));
            sent++;
            last = m.timeNanos();
        }
        return new Played(sent, clocks, first, last, false);
    }

    private void waitUntil(long wallStart, long bagOffsetNanos) {
        if (Double.isInfinite(rate)) {
            return;
        }
        long due = wallStart + (long) (bagOffsetNanos / rate);
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** rosgraph_msgs/Clock: one time (uint32 secs, uint32 nsecs). */
    private static ByteBuf clockMessage(long nanos) {
        ByteBuf b = Unpooled.buffer(RosWire.TIME_BYTES);
        RosWire.writeTime(b, nanos);
        return b;
    }
}
