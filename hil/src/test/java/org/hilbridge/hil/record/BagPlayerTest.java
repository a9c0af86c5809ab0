package org.hilbridge.hil.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The player against an in-memory graph: time order, /clock as `rosbag play --clock` gives it, latching kept. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BagPlayerTest {
    @TempDir
    Path dir;

    /** Records advertisements and every published body (as hex) in order. */
    static final class MemoryGraph implements RosGraph {
        final Map<String, Boolean> latched = new LinkedHashMap<>();
        final Map<String, MessageType> types = new LinkedHashMap<>();
        final List<String> log = new ArrayList<>();

        @Override
        public Publisher advertise(String topic, MessageType type, boolean latch) {
            latched.put(topic, latch);
            types.put(topic, type);
            return new Publisher() {
                @Override
                public void publish(ByteBuf body) {
                    log.add(topic + " " + ByteBufUtil.hexDump(body));
                    body.release();
                }

                @Override
                public long droppedTotal() {
                    return 0;
                }
            };
        }

        @Override
        public void subscribe(String topic, MessageType type, Consumer<ByteBuf> handler) {
        }
    }

    private static String clockHex(long nanos) {
        return ByteBufUtil.hexDump(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (nanos / 1_000_000_000L))
                .putInt((int) (nanos % 1_000_000_000L)).array());
    }

    @Test
    void aForeignBagIsPlayedInTimeOrderWithAClockBeforeEachNewerMessage() throws Exception {
        Path bag = dir.resolve("p.bag");
        try (BagWriter w = BagWriter.create(bag)) {
            BagConnection a = w.addConnection("/a", "std_msgs/String", "992ce8a1687cec8c8bd883ec73ca41d1", "string data\n", "/rec", true);
            BagConnection b = w.addConnection("/b", "std_msgs/String", "992ce8a1687cec8c8bd883ec73ca41d1", "string data\n", "/rec", false);
            w.write(a, 2_000_000_000L, new byte[] {1});
            w.write(b, 1_500_000_000L, new byte[] {2});
            w.write(b, 2_000_000_000L, new byte[] {3});
        }
        MemoryGraph g = new MemoryGraph();
        BagPlayer.Played played;
        try (BagReader r = BagReader.open(bag)) {
            played = new BagPlayer(g, Double.POSITIVE_INFINITY).play(r, () -> false);
        }
        assertEquals(List.of("/clock " + clockHex(1_500_000_000L), "/b 02", "/clock " + clockHex(2_000_000_000L), "/a 01", "/b 03"), g.log);
        assertEquals(3, played.messages());
        assertEquals(2, played.clocks());
        assertTrue(g.latched.get("/a"));
        assertEquals(false, g.latched.get("/b"));
        assertEquals("992ce8a1687cec8c8bd883ec73ca41d1", g.types.get("/a").md5sum());
        assertEquals("rosgraph_msgs/Clock", g.types.get("/clock").name());
    }

    @Test
    void aHilbridgeBagKeepsItsOwnClock() throws Exception {
        Path bag = Recordings.record(dir.resolve("h.bag"), Recordings.OBSTACLE_FIELD, "duration_s=0.2");
        MemoryGraph g = new MemoryGraph();
        try (BagReader r = BagReader.open(bag)) {
            BagPlayer.Played played = new BagPlayer(g, Double.POSITIVE_INFINITY).play(r, () -> false);
            assertEquals(r.messages().size(), played.messages());
            assertEquals(0, played.clocks(), "the recorded /clock is played, none is added");
            assertEquals(r.messagesOn("/clock").size(), g.log.stream().filter(l -> l.startsWith("/clock ")).count());
        }
    }

    @Test
    void aStopEndsThePlayAndABadRateIsRefused() throws Exception {
        Path bag = dir.resolve("s.bag");
        try (BagWriter w = BagWriter.create(bag)) {
            BagConnection a = w.addConnection("/a", "std_msgs/String", "992ce8a1687cec8c8bd883ec73ca41d1", "string data\n", "", false);
            for (int i = 0; i < 10; i++) {
                w.write(a, i * 1_000_000_000L, new byte[] {(byte) i});
            }
        }
        MemoryGraph g = new MemoryGraph();
        try (BagReader r = BagReader.open(bag)) {
            int[] calls = {0};
            BagPlayer.Played p = new BagPlayer(g, Double.POSITIVE_INFINITY).play(r, () -> ++calls[0] > 3);
            assertTrue(p.stopped());
            assertEquals(3, p.messages());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BagPlayer(g, 0));
        assertTrue(e.getMessage().contains("--rate 0"), e.getMessage());
    }
}
