package org.hilbridge.bridge.ros.tcpros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connection header codec against rospy's own (rosgraph.network encode/decode_ros_handshake_header). */
class ConnectionHeaderTest {
    private static final Map<String, String> FIELDS = new TreeMap<>(Map.of(
            "callerid", "/talker", "topic", "/chatter", "type", "std_msgs/String", "md5sum", "992ce8a1687cec8c8bd883ec73ca41d1",
            "message_definition", "string data\n", "latching", "1", "tcp_nodelay", "0", "odd", "a=b=c"));

    @Test
    @Timeout(60)
    void encodesByteForByteAsRospy() throws Exception {
        StringBuilder dict = new StringBuilder("{");
        FIELDS.forEach((k, v) -> dict.append('\'').append(k).append("': ").append(pyString(v)).append(", "));
        dict.append('}');
        try (RosPeers peers = new RosPeers()) {
            RosPeers.Result r = peers.run(peers.env(null), Duration.ofSeconds(30), RosPeers.PYTHON, "-c",
                    "import rosgraph.network as n; print(n.encode_ros_handshake_header(" + dict + ").hex())");
            assertEquals(0, r.exitCode(), r.output());
            byte[] rospy = HexFormat.of().parseHex(r.output().trim());
            ByteBuf ours = new ConnectionHeader(FIELDS).encode(UnpooledByteBufAllocator.DEFAULT); // sorted keys, as rospy writes them
            assertArrayEquals(rospy, ByteBufUtil.getBytes(ours));
            ours.release();
            // and rospy's bytes decode to the same fields
            ByteBuf in = Unpooled.wrappedBuffer(rospy);
            assertEquals(rospy.length - 4, in.readIntLE());
            assertEquals(FIELDS, ConnectionHeader.decode(in).fields());
        }
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    @Test
    void refusesMalformedHeadersWithTheReason() {
        assertTrue(decodeError(new byte[] {1, 0}).contains("truncated field length"));
        assertTrue(decodeError(new byte[] {10, 0, 0, 0, 'a', '=', 'b'}).contains("overruns"));
        assertTrue(decodeError(new byte[] {3, 0, 0, 0, 'a', 'b', 'c'}).contains("not key=value"));
        assertTrue(decodeError(new byte[] {2, 0, 0, 0, '=', 'x'}).contains("not key=value"));
        assertTrue(decodeError(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}).contains("overruns"));
    }

    private static String decodeError(byte[] b) {
        return assertThrows(ConnectionHeaderException.class, () -> ConnectionHeader.decode(Unpooled.wrappedBuffer(b))).getMessage();
    }

    /**
     * Fuzz (seeded, bounded in count and time): mutated valid headers and random bytes decode or fail with the
     * documented {@link ConnectionHeaderException}, nothing else.
     */
    @Test
    @Timeout(60)
    void fuzzNeverThrowsAnythingElse() {
        Random rnd = new Random(0x5EED_C0DEL);
        ByteBuf valid = new ConnectionHeader(FIELDS).encode(UnpooledByteBufAllocator.DEFAULT);
        byte[] base = ByteBufUtil.getBytes(valid, 4, valid.readableBytes() - 4);
        valid.release();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 200_000 && System.nanoTime() < end; i++) {
            byte[] b;
            if (i % 4 == 0) {
                b = new byte[rnd.nextInt(64)];
                rnd.nextBytes(b);
            } else {
                b = base.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextBoolean()) {
                    b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                }
            }
            try {
                ConnectionHeader.decode(Unpooled.wrappedBuffer(b));
                decoded++;
            } catch (ConnectionHeaderException e) {
                refused++;
            }
        }
        assertTrue(decoded > 0 && refused > 0, "the fuzz must exercise both outcomes: decoded " + decoded + ", refused " + refused);
    }
}
