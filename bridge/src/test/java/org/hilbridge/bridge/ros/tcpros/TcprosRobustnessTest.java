package org.hilbridge.bridge.ros.tcpros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.node.MasterMode;
import org.hilbridge.bridge.ros.node.Publisher;
import org.hilbridge.bridge.ros.node.RosNode;
import org.hilbridge.bridge.ros.node.RosNodeConfig;
import org.hilbridge.bridge.ros.testing.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad peers on the TCPROS port (garbage, wrong md5sum/type/topic, a subscriber that never reads, a truncated
 * message) are refused or contained, and the node keeps serving its good subscribers.
 */
class TcprosRobustnessTest {
    private static final MessageType STRING = Messages.STRING_TYPE;

    private RosNode node;

    @BeforeEach
    void setUp() throws Exception {
        node = RosNode.start(RosNodeConfig.of("robust", Map.of("ROS_IP", "127.0.0.1")).withMaster(MasterMode.EMBEDDED, 0));
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    @Test
    @Timeout(30)
    void garbageOnThePortIsClosedAndGoodSubscribersStillServed() throws Exception {
        Publisher p = node.advertise("/robust", STRING, false, 10);
        Random rnd = new Random(7);
        for (int i = 0; i < 20; i++) {
            try (Socket s = connect()) {
                byte[] junk = new byte[1 + rnd.nextInt(2000)];
                rnd.nextBytes(junk);
                if (i % 2 == 0) {
                    junk[3] = 0x7f; // a huge first length
                }
                s.getOutputStream().write(junk);
                assertClosedByPeer(s);
            } catch (java.net.SocketException reset) {
                // refused by reset: also closed
            }
        }
        assertGoodSubscriberWorks(p);
    }

    @Test
    @Timeout(60)
    void aPeerThatNeverSendsItsHeaderIsClosedAfterTheHandshakeTimeout() throws Exception {
        Publisher p = node.advertise("/robust", STRING, false, 10);
        try (Socket silent = connect()) {
            silent.setSoTimeout((TcprosServer.HANDSHAKE_TIMEOUT_S + 20) * 1000);
            long t0 = System.nanoTime();
            assertEquals(-1, silent.getInputStream().read(), "the server must close, not answer");
            double waitedS = (System.nanoTime() - t0) / 1e9;
            assertTrue(waitedS >= TcprosServer.HANDSHAKE_TIMEOUT_S - 1, "closed after " + waitedS + " s, before the handshake timeout");
        }
        assertGoodSubscriberWorks(p);
    }

    @Test
    @Timeout(30)
    void wrongMd5TypeOrTopicAreRefusedWithAnErrorHeader() throws Exception {
        Publisher p = node.advertise("/robust", STRING, false, 10);
        assertTrue(refusal("/robust", "std_msgs/String", "0123456789abcdef0123456789abcdef").contains("md5sums do not match"));
        assertTrue(refusal("/robust", "std_msgs/Float64", "*").contains("types do not match"));
        assertTrue(refusal("/elsewhere", "*", "*").contains("not a publisher of [/elsewhere]"));
        assertGoodSubscriberWorks(p);
    }

    @Test
    @Timeout(60)
    void aSubscriberThatNeverReadsLosesItsOwnOldestMessagesOnly() throws Exception {
        int depth = 4;
        Publisher p = node.advertise("/robust", STRING, false, depth);
        List<String> fast = new CopyOnWriteArrayList<>();
        node.subscribe("/robust", STRING, (body, h) -> fast.add(Messages.readString(body)));
        try (Socket stalled = connect()) {
            handshake(stalled, "/robust", "std_msgs/String", STRING.md5sum()); // then never reads
            awaitTrue(() -> p.subscribers().size() == 2, "both subscribers connected");
            String payload = "x".repeat(64 * 1024);
            int n = 2000;
            for (int i = 0; i < n; i++) {
                p.publish(Messages.string(i + " " + payload));
                if (i % 50 == 0) {
                    Thread.sleep(2); // let the fast subscriber keep pace; the stalled one cannot
                }
            }
            p.publish(Messages.string("last"));
            awaitTrue(() -> !fast.isEmpty() && fast.get(fast.size() - 1).equals("last"), "the reading subscriber to get the last message");
            long stalledDrops = p.subscribers().stream().filter(s -> s.subscriberCallerId().equals("/stalled")).findFirst().orElseThrow().messagesDropped();
            // 2001 messages of 64 KiB cannot fit its socket buffers, Netty's outbound buffer and a 4-deep queue
            assertTrue(stalledDrops > n / 2, "the stalled subscriber must lose most messages, lost " + stalledDrops);
            assertTrue(p.droppedTotal() >= stalledDrops);
        }
    }

    @Test
    @Timeout(30)
    void aTruncatedMessageIsContained() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> got = new CopyOnWriteArrayList<>();
            AtomicBoolean closed = new AtomicBoolean();
            PublisherLink.connect(group, "/sub", "/robust", STRING, "http://fake/", "127.0.0.1", fake.getLocalPort(), true, 1 << 20,
                    (body, h) -> got.add(Messages.readString(body)), () -> closed.set(true));
            try (Socket s = fake.accept()) {
                readFrame(new DataInputStream(s.getInputStream())); // the subscriber's header
                OutputStream out = s.getOutputStream();
                ByteBuf h = ConnectionHeader.of("callerid", "/fake", "topic", "/robust", "type", STRING.name(), "md5sum", STRING.md5sum(), "latching", "0")
                        .encode(UnpooledByteBufAllocator.DEFAULT);
                out.write(ByteBufUtil.getBytes(h));
                h.release();
                ByteBuf whole = Messages.string("whole");
                out.write(le(whole.readableBytes()));
                out.write(ByteBufUtil.getBytes(whole));
                out.write(le(1000)); // announces 1000 bytes, sends 10, hangs up
                out.write(new byte[10]);
                out.flush();
            }
            awaitTrue(closed::get, "the subscriber to see the connection end");
            assertEquals(List.of("whole"), got);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private void assertGoodSubscriberWorks(Publisher p) throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        node.subscribe("/robust", STRING, (body, h) -> got.add(Messages.readString(body)));
        awaitTrue(() -> {
            p.publish(Messages.string("fine"));
            return got.contains("fine");
        }, "a well-behaved subscriber to receive");
    }

    private String refusal(String topic, String type, String md5) throws Exception {
        try (Socket s = connect()) {
            Map<String, String> answer = handshake(s, topic, type, md5);
            assertNotNull(answer.get("error"), "expected an error header, got " + answer);
            assertClosedByPeer(s);
            return answer.get("error");
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), node.tcprosPort());
        s.setSoTimeout(10_000);
        return s;
    }

    private static Map<String, String> handshake(Socket s, String topic, String type, String md5) throws Exception {
        ByteBuf h = ConnectionHeader.of("callerid", "/stalled", "topic", topic, "type", type, "md5sum", md5, "tcp_nodelay", "0")
                .encode(UnpooledByteBufAllocator.DEFAULT);
        s.getOutputStream().write(ByteBufUtil.getBytes(h));
        h.release();
        return ConnectionHeader.decode(Unpooled.wrappedBuffer(readFrame(new DataInputStream(s.getInputStream())))).fields();
    }

    private static byte[] readFrame(DataInputStream in) throws Exception {
        byte[] len = new byte[4];
        in.readFully(len);
        int n = Unpooled.wrappedBuffer(len).readIntLE();
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static void assertClosedByPeer(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // drain whatever it said before closing
            }
        } catch (java.net.SocketException reset) {
            // closed with a reset: fine
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
