package org.hilbridge.bridge.ros.tcpros;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.node.MasterMode;
import org.hilbridge.bridge.ros.node.Publisher;
import org.hilbridge.bridge.ros.node.RosNode;
import org.hilbridge.bridge.ros.node.RosNodeConfig;
import org.hilbridge.bridge.ros.testing.Roscpp;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A roscpp subscriber compiled here receives 1920x1080 rgb8 images (6.2 MB bodies) from our publisher intact. */
class RoscppLargeMessageTest {
    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;

    @Test
    @Timeout(300)
    void roscppReceivesFullHdImagesIntact() throws Exception {
        try (RosPeers peers = new RosPeers()) {
            Path exe = Roscpp.compile(peers, Path.of("src/test/cpp/image_checksum_sub.cpp").toAbsolutePath(), "image_checksum_sub");
            MessageType image = peers.messageType("sensor_msgs/Image");
            try (RosNode node = RosNode.start(RosNodeConfig.of("image_pub", Map.of("ROS_IP", "127.0.0.1")).withMaster(MasterMode.EMBEDDED, 0))) {
                Publisher p = node.advertise("/hil/image", image, false, 5);
                int n = 4;
                Process sub = peers.start(peers.env(node.masterUri()), exe.toString(), Integer.toString(n));
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (p.subscribers().isEmpty()) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("the roscpp subscriber never connected:\n" + peers.output(sub));
                    }
                    Thread.sleep(20);
                }
                Random rnd = new Random(42);
                List<String> expected = new ArrayList<>();
                for (int seq = 1; seq <= n; seq++) {
                    byte[] pixels = new byte[WIDTH * HEIGHT * 3];
                    rnd.nextBytes(pixels);
                    p.publish(serialiseImage(seq, 1_700_000_000 + seq, 123_456_789, "camera_optical", pixels));
                    expected.add(String.format("IMG seq=%d stamp=%d.%09d frame=camera_optical %dx%d enc=rgb8 big=0 step=%d bytes=%d fnv=%016x", seq,
                            1_700_000_000 + seq, 123_456_789, WIDTH, HEIGHT, WIDTH * 3, pixels.length, fnv1a64(pixels)));
                    Thread.sleep(100); // 10 Hz: the test pins integrity, not throughput (the benchmark measures that)
                }
                if (!peers.awaitOutput(sub, Duration.ofSeconds(60), o -> o.lines().filter(l -> l.startsWith("IMG")).count() >= n)) {
                    throw new AssertionError("the roscpp subscriber did not get " + n + " images:\n" + peers.output(sub));
                }
                assertEquals(expected, peers.output(sub).lines().filter(l -> l.startsWith("IMG")).toList());
            }
        }
    }

    /** sensor_msgs/Image in ROS 1 serialisation (http://wiki.ros.org/msg#Serialization; field order from Image.msg and Header.msg). */
    static ByteBuf serialiseImage(int seq, int secs, int nsecs, String frameId, byte[] pixels) {
        byte[] frame = frameId.getBytes(StandardCharsets.UTF_8);
        byte[] enc = "rgb8".getBytes(StandardCharsets.UTF_8);
        ByteBuf b = Unpooled.directBuffer(64 + frame.length + pixels.length);
        b.writeIntLE(seq).writeIntLE(secs).writeIntLE(nsecs).writeIntLE(frame.length).writeBytes(frame);
        b.writeIntLE(HEIGHT).writeIntLE(WIDTH).writeIntLE(enc.length).writeBytes(enc).writeByte(0).writeIntLE(WIDTH * 3);
        b.writeIntLE(pixels.length).writeBytes(pixels);
        return b;
    }

    /** FNV-1a 64 (http://www.isthe.com/chongo/tech/comp/fnv/), as the C++ subscriber computes it. */
    static long fnv1a64(byte[] data) {
        long h = 0xcbf29ce484222325L;
        for (byte x : data) {
            h ^= (x & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
