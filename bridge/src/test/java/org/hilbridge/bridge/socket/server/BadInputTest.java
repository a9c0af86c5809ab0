package org.hilbridge.bridge.socket.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.hilbridge.bridge.socket.client.SocketClient;
import org.hilbridge.proto.v1.ClientMessage;
import org.hilbridge.proto.v1.ErrorCode;
import org.hilbridge.proto.v1.Hello;
import org.hilbridge.proto.v1.Ping;
import org.hilbridge.proto.v1.Pong;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.SessionError;
import org.hilbridge.proto.v1.Subscription;
import org.hilbridge.sim.sensor.camera.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input over raw sockets: every case ends in a clear error frame and a close (or, for a slow reader,
 * in counted drops), and afterwards the server still serves another client.
 */
@Timeout(60)
class BadInputTest {
    private static final int MAX_FRAME = 1024;
    private final RecordingIntake intake = new RecordingIntake();
    private SocketServer server;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = SocketServer.start(SocketServerConfig.defaults().withPort(0).withMaxFrameBytes(MAX_FRAME).withTimeoutsMs(500, 500),
                TestStreams.catalog(320, 240), intake);
        open.add(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket();
        open.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        s.setSoTimeout(20_000);
        return s;
    }

    private static byte[] delimited(MessageLite m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeDelimitedTo(out);
        return out.toByteArray();
    }

    private static byte[] hello(String name) throws Exception {
        return delimited(ClientMessage.newBuilder().setHello(Hello.newBuilder().setClientName(name).setProtocolVersion(1)).build());
    }

    /** Reads frames until an error frame; then the server must close the connection. */
    private static SessionError fatalErrorThenClose(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        ServerMessage m;
        do {
            m = ServerMessage.parseDelimitedFrom(in);
            assertNotNull(m, "the server closed without an error frame");
        } while (!m.hasError());
        assertTrue(m.getError().getFatal(), m.getError().toString());
        assertEquals(-1, in.read(), "the server closes the connection after a fatal error");
        return m.getError();
    }

    /** The server still serves: a fresh client is welcomed and answered. */
    private void assertServerServes() throws Exception {
        try (SocketClient c = SocketClient.builder("127.0.0.1", server.port()).name("probe").build()) {
            c.connect().get(10, SECONDS);
            c.ping().get(10, SECONDS);
        }
    }

    @Test
    void garbageBytesAreABadFrame() throws Exception {
        Socket s = connect();
        s.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3});
        SessionError e = fatalErrorThenClose(s);
        assertEquals(ErrorCode.ERROR_CODE_BAD_FRAME, e.getCode());
        assertTrue(e.getMessage().contains("longer than 5 bytes"), e.getMessage());
        assertServerServes();
    }

    @Test
    void aFrameThatIsNotAClientMessageIsABadFrame() throws Exception {
        Socket s = connect();
        s.getOutputStream().write(new byte[] {4, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        SessionError e = fatalErrorThenClose(s);
        assertEquals(ErrorCode.ERROR_CODE_BAD_FRAME, e.getCode());
        assertTrue(e.getMessage().contains("is not a ClientMessage"), e.getMessage());
        assertServerServes();
    }

    @Test
    void aLengthPrefixOverTheMaximumClosesAtOnce() throws Exception {
        Socket s = connect();
        CodedOutputStream c = CodedOutputStream.newInstance(s.getOutputStream());
        c.writeUInt32NoTag(1 << 30); // the prefix alone, 1 GiB announced
        c.flush();
        SessionError e = fatalErrorThenClose(s);
        assertEquals(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, e.getCode());
        assertTrue(e.getMessage().contains("1073741824") && e.getMessage().contains(Integer.toString(MAX_FRAME)), e.getMessage());
        assertServerServes();
    }

    @Test
    void aServerMessageBeforeTheHelloIsRefused() throws Exception {
        Socket s = connect();
        s.getOutputStream().write(delimited(ServerMessage.newBuilder().setPong(Pong.newBuilder().setPingId(1)).build()));
        SessionError e = fatalErrorThenClose(s);
        assertEquals(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, e.getCode());
        assertTrue(e.getMessage().contains("first frame must be a ClientMessage with a Hello"), e.getMessage());
        assertServerServes();
    }

    @Test
    void aServerMessageInAnOpenSessionIsAnErrorButNotFatal() throws Exception {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        out.write(hello("wrong-type"));
        InputStream in = s.getInputStream();
        assertTrue(ServerMessage.parseDelimitedFrom(in).hasWelcome());
        // An Image (ServerMessage field 16) is no ClientMessage body.
        out.write(delimited(ServerMessage.newBuilder().setImage(org.hilbridge.proto.v1.Image.newBuilder().setWidthPx(1)).build()));
        ServerMessage err = ServerMessage.parseDelimitedFrom(in);
        assertEquals(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, err.getError().getCode());
        assertFalse(err.getError().getFatal());
        assertTrue(err.getError().getMessage().contains("is it a ServerMessage?"), err.getError().getMessage());
        out.write(delimited(ClientMessage.newBuilder().setPing(Ping.newBuilder().setPingId(9)).build()));
        assertEquals(9, ServerMessage.parseDelimitedFrom(in).getPong().getPingId(), "the session goes on");
    }

    @Test
    void aTruncatedFrameEndsInTheIdleTimeout() throws Exception {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        out.write(hello("truncated"));
        assertTrue(ServerMessage.parseDelimitedFrom(s.getInputStream()).hasWelcome());
        out.write(new byte[] {100, 1, 2, 3}); // announces 100 bytes, sends 3
        SessionError e = fatalErrorThenClose(s);
        assertEquals(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, e.getCode());
        assertServerServes();
    }

    @Test
    void silenceAfterConnectingEndsInTheHandshakeTimeout() throws Exception {
        Socket s = connect();
        SessionError e = fatalErrorThenClose(s);
        assertTrue(e.getCode() == ErrorCode.ERROR_CODE_HANDSHAKE_TIMEOUT || e.getCode() == ErrorCode.ERROR_CODE_IDLE_TIMEOUT, e.toString());
        assertServerServes();
    }

    @Test
    void anUnknownVersionOrStreamIsRefusedByName() throws Exception {
        Socket s = connect();
        s.getOutputStream().write(delimited(ClientMessage.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(2)).build()));
        SessionError e = fatalErrorThenClose(s);
        assertEquals(ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION, e.getCode());
        assertTrue(e.getMessage().contains("protocol_version = 2"), e.getMessage());

        Socket t = connect();
        t.getOutputStream().write(delimited(ClientMessage.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(1)
                .addSubscriptions(Subscription.newBuilder().setStreamId("rear_camera"))).build()));
        SessionError u = fatalErrorThenClose(t);
        assertEquals(ErrorCode.ERROR_CODE_UNKNOWN_STREAM, u.getCode());
        assertTrue(u.getMessage().contains("'rear_camera'") && u.getMessage().contains("[imu, front, clock]"), u.getMessage());
        assertServerServes();
    }

    /**
     * Fuzz over the wire (a seeded loop, bounded in count and time): after a good Hello, random bytes then a
     * Ping, then the client's end closes. Whatever the bytes, the server answers only well-formed frames
     * (errors carry a code and a message), closes the connection, and keeps serving.
     */
    @Test
    void randomBytesAfterTheHelloNeverBreakTheServer() throws Exception {
        java.util.Random random = new java.util.Random(20261126L);
        long deadline = System.nanoTime() + 20_000_000_000L;
        int rounds = 0;
        for (; rounds < 200 && System.nanoTime() < deadline; rounds++) {
            byte[] garbage = new byte[random.nextInt(64) == 0 ? 4096 : random.nextInt(300)];
            random.nextBytes(garbage);
            if (random.nextBoolean() && garbage.length > 0) {
                garbage[0] = (byte) random.nextInt(0x80); // a plausible length prefix
            }
            try (Socket s = connect()) {
                OutputStream out = s.getOutputStream();
                out.write(hello("fuzz-" + rounds));
                out.write(garbage);
                out.write(delimited(ClientMessage.newBuilder().setPing(Ping.newBuilder().setPingId(rounds)).build()));
                s.shutdownOutput();
                InputStream in = s.getInputStream();
                for (ServerMessage m; (m = ServerMessage.parseDelimitedFrom(in)) != null; ) {
                    if (m.hasError()) {
                        assertTrue(m.getError().getCode() != ErrorCode.ERROR_CODE_UNSPECIFIED && !m.getError().getMessage().isEmpty(), m.toString());
                    }
                }
            } catch (java.net.SocketException e) {
                // A reset after the server closed on bad input: fine, as long as it keeps serving.
            }
            open.removeIf(c -> c instanceof Socket sock && sock.isClosed());
        }
        assertTrue(rounds >= 20, "only " + rounds + " rounds in 20 s");
        assertServerServes();
    }

    /**
     * A client that never reads loses its own oldest frames (counted) while another client, reading,
     * gets every frame; publishing never waits for either (the loop below ends).
     */
    @Test
    void aClientThatNeverReadsLosesItsOwnFramesOnly() throws Exception {
        server.close();
        open.remove(server);
        server = SocketServer.start(SocketServerConfig.defaults().withPort(0).withTimeoutsMs(30_000, 30_000).withClientQueueFrames(16),
                TestStreams.catalog(320, 240), intake);
        open.add(server);
        Socket stuck = new Socket();
        open.add(stuck);
        stuck.setReceiveBufferSize(4096);
        stuck.connect(new InetSocketAddress("127.0.0.1", server.port()));
        stuck.getOutputStream().write(delimited(ClientMessage.newBuilder().setHello(Hello.newBuilder().setClientName("stuck")
                .setProtocolVersion(1).addSubscriptions(Subscription.newBuilder().setStreamId("front"))).build()));
        BlockingQueue<ServerMessage> frames = new LinkedBlockingQueue<>();
        SocketClient reader = SocketClient.builder("127.0.0.1", server.port()).name("reader").subscribe("front", 0).onFrame(frames::add).build();
        open.add(reader);
        reader.connect().get(10, SECONDS);
        while (server.sessionCount() < 2) {
            Thread.sleep(5);
        }
        int published = 300;
        for (int f = 0; f < published; f++) {
            server.accept(TestImages.frame("front", f, f * 33_333_333L, 320, 240, f));
            // Paced by the reader (its queue never fills), never by the stuck client.
            ServerMessage m = frames.poll(20, SECONDS);
            assertNotNull(m, "the reading client did not get frame " + f);
            assertEquals(f, m.getImage().getHeader().getSequence());
        }
        SessionStats stuckStats = server.sessionStats().stream().filter(s -> s.clientName().equals("stuck")).findFirst().orElseThrow();
        SessionStats readerStats = server.sessionStats().stream().filter(s -> s.clientName().equals("reader")).findFirst().orElseThrow();
        assertEquals(0, readerStats.droppedTotal());
        assertEquals(published, readerStats.sentByStream().get("front"));
        // 300 frames of 230 kB: far more than its queue (16), Netty's 1 MiB high-water mark and the socket buffers hold.
        assertTrue(stuckStats.droppedTotal() > 100, "the stuck client lost " + stuckStats.droppedTotal() + " frames");
        assertTrue(stuckStats.queueDepth() <= 16);
        assertServerServes();
    }
}
