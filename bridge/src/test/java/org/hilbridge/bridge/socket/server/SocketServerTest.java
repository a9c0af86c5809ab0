package org.hilbridge.bridge.socket.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.bridge.socket.client.SocketClient;
import org.hilbridge.proto.v1.AckermannControl;
import org.hilbridge.proto.v1.CommandAck;
import org.hilbridge.proto.v1.ErrorCode;
import org.hilbridge.proto.v1.Imu;
import org.hilbridge.proto.v1.LeaseReply;
import org.hilbridge.proto.v1.LeaseRequest;
import org.hilbridge.proto.v1.NormalizedControl;
import org.hilbridge.proto.v1.Pong;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.Stats;
import org.hilbridge.proto.v1.TwistControl;
import org.hilbridge.proto.v1.VehicleCommand;
import org.hilbridge.proto.v1.Verdict;
import org.hilbridge.proto.v1.Welcome;
import org.hilbridge.sim.command.TwistCommand;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.TestImages;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server over loopback with the Java client: handshake, streams, decimation, lease, commands, ping, stats, token, TLS, reconnects. */
@Timeout(60)
class SocketServerTest {
    private final RecordingIntake intake = new RecordingIntake();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private SocketServer server(SocketServerConfig config) throws InterruptedException {
        SocketServer s = SocketServer.start(config, TestStreams.catalog(64, 48), intake);
        open.add(s);
        return s;
    }

    static SocketServerConfig loopback() {
        return SocketServerConfig.defaults().withPort(0);
    }

    private SocketClient client(SocketClient.Builder b) {
        SocketClient c = b.build();
        open.add(c);
        return c;
    }

    private static <T extends com.google.protobuf.Message> T take(BlockingQueue<ServerMessage> q, ServerMessage.BodyCase body) throws InterruptedException {
        while (true) {
            ServerMessage m = q.poll(20, SECONDS);
            assertNotNull(m, "no " + body + " frame within 20 s");
            if (m.getBodyCase() == body) {
                @SuppressWarnings("unchecked")
                T t = (T) m.getField(ServerMessage.getDescriptor().findFieldByNumber(body.getNumber()));
                return t;
            }
        }
    }

    @Test
    void aSubscriberGetsEveryFrameInOrderWithTheSamplesFields() throws Exception {
        // A queue that holds every frame published: none may be lost however the threads interleave.
        SocketServer server = server(loopback().withClientQueueFrames(256));
        BlockingQueue<ServerMessage> frames = new LinkedBlockingQueue<>();
        SocketClient c = client(SocketClient.builder("127.0.0.1", server.port()).name("t").subscribe("imu", 0).subscribe("clock", 0)
                .onFrame(frames::add));
        Welcome w = c.connect().get(10, SECONDS);
        assertEquals(1, w.getProtocolVersion());
        assertEquals(List.of("imu", "front", "clock"), w.getCatalog().getStreamsList().stream().map(s -> s.getStreamId()).toList());
        assertEquals(64, w.getCatalog().getStreams(1).getCamera().getWidthPx());
        for (long seq = 0; seq < 50; seq++) {
            server.accept(TestStreams.imu(seq));
        }
        long lastClock = -1;
        int imus = 0;
        while (imus < 50) {
            ServerMessage m = frames.poll(20, SECONDS);
            assertNotNull(m, "frame " + imus + " did not arrive");
            if (m.hasClock()) {
                assertTrue(m.getClock().getSimNanos() > lastClock, "clock goes forward");
                lastClock = m.getClock().getSimNanos();
                continue;
            }
            Imu imu = m.getImu();
            ImuSample s = TestStreams.imu(imus);
            assertEquals(imus, imu.getHeader().getSequence());
            assertEquals(s.captureNanos(), imu.getHeader().getCaptureSimNanos());
            assertEquals(s.accelXMps2(), imu.getAccelXMps2());
            assertEquals(s.gyroXRadPerS(), imu.getGyroXRadPerS());
            imus++;
        }
        // The clock for the last sample follows it.
        while (lastClock < TestStreams.imu(49).captureNanos()) {
            org.hilbridge.proto.v1.Clock clock = take(frames, ServerMessage.BodyCase.CLOCK);
            assertTrue(clock.getSimNanos() > lastClock);
            lastClock = clock.getSimNanos();
        }
        assertEquals(TestStreams.imu(49).captureNanos(), lastClock);
    }

    @Test
    void aMaxRateKeepsOneFrameInEachIntervalOfSimTime() throws Exception {
        SocketServer server = server(loopback());
        BlockingQueue<ServerMessage> frames = new LinkedBlockingQueue<>();
        SocketClient c = client(SocketClient.builder("127.0.0.1", server.port()).subscribe("imu", 20).onFrame(frames::add));
        c.connect().get(10, SECONDS);
        for (long seq = 0; seq < 100; seq++) {
            server.accept(TestStreams.imu(seq)); // 200 Hz
        }
        // 20 Hz of a 200 Hz stream: every 10th sample, from the first.
        for (long expected = 0; expected < 100; expected += 10) {
            Imu imu = take(frames, ServerMessage.BodyCase.IMU);
            assertEquals(expected, imu.getHeader().getSequence());
        }
        Stats st = c.stats().get(10, SECONDS);
        var imu = st.getStreamsList().stream().filter(s -> s.getStreamId().equals("imu")).findFirst().orElseThrow();
        assertEquals(10, imu.getFramesSent());
        assertEquals(90, imu.getFramesDecimated());
        assertEquals(0, imu.getFramesDropped());
    }

    @Test
    void onlyTheLeaseHolderCommandsAndOthersAreToldWhy() throws Exception {
        SocketServer server = server(loopback());
        SocketClient a = client(SocketClient.builder("127.0.0.1", server.port()).name("stack-a").subscribe("imu", 0));
        SocketClient b = client(SocketClient.builder("127.0.0.1", server.port()).name("stack-b"));
        String aSession = a.connect().get(10, SECONDS).getSessionId();
        b.connect().get(10, SECONDS);
        LeaseReply got = a.lease(LeaseRequest.Action.ACTION_ACQUIRE).get(10, SECONDS);
        assertTrue(got.getHeld());
        String aSource = "socket:stack-a#" + aSession;
        assertEquals(aSource, got.getHolder());

        LeaseReply refused = b.lease(LeaseRequest.Action.ACTION_ACQUIRE).get(10, SECONDS);
        assertFalse(refused.getHeld());
        assertTrue(refused.getDetail().contains(aSource), refused.getDetail());
        CommandAck bAck = b.command(VehicleCommand.newBuilder().setTwist(TwistControl.newBuilder().setSpeedMps(1))).get(10, SECONDS);
        assertEquals(Verdict.VERDICT_REFUSED_NO_LEASE, bAck.getVerdict());
        assertTrue(bAck.getDetail().contains(aSource), bAck.getDetail());

        server.accept(TestStreams.imu(5));
        CommandAck aAck = a.command(VehicleCommand.newBuilder().setBasedOn(org.hilbridge.proto.v1.SampleRef.newBuilder().setStreamId("imu").setSequence(5))
                .setTwist(TwistControl.newBuilder().setSpeedMps(2.5).setYawRateRadPerS(-0.25))).get(10, SECONDS);
        assertEquals(Verdict.VERDICT_ACCEPTED, aAck.getVerdict());
        assertTrue(aAck.getLoopLatencyNanos() > 0, "the server published imu#5, so it measures the loop latency");
        assertEquals(1, intake.submitted.size());
        RecordingIntake.Submitted s = intake.submitted.get(0);
        assertEquals(aSource, s.source());
        assertEquals(new TwistCommand(2.5, -0.25), s.command());
        assertEquals(new SampleRef("imu", 5), s.basedOn());

        CommandAck invalid = a.command(VehicleCommand.newBuilder().setNormalized(NormalizedControl.newBuilder().setThrottle(3))).get(10, SECONDS);
        assertEquals(Verdict.VERDICT_REFUSED_INVALID, invalid.getVerdict());
        assertTrue(invalid.getDetail().contains("throttle = 3.0"), invalid.getDetail());
        CommandAck empty = a.command(VehicleCommand.newBuilder()).get(10, SECONDS);
        assertEquals(Verdict.VERDICT_REFUSED_INVALID, empty.getVerdict());
        assertTrue(empty.getDetail().contains("control is not set"), empty.getDetail());

        // The lease expires (the arbiter's timeout): the holder is refused and told to acquire it again.
        intake.expire();
        LeaseReply renew = a.lease(LeaseRequest.Action.ACTION_RENEW).get(10, SECONDS);
        assertFalse(renew.getHeld());
        assertTrue(renew.getDetail().contains("ACQUIRE"), renew.getDetail());
        assertEquals(Verdict.VERDICT_REFUSED_NO_LEASE,
                a.command(VehicleCommand.newBuilder().setAckermann(AckermannControl.newBuilder().setSpeedMps(1))).get(10, SECONDS).getVerdict());

        // A holder that disconnects gives the lease back.
        assertTrue(a.lease(LeaseRequest.Action.ACTION_ACQUIRE).get(10, SECONDS).getHeld());
        a.close();
        LeaseReply next = null;
        for (int i = 0; i < 200 && (next == null || !next.getHeld()); i++) {
            next = b.lease(LeaseRequest.Action.ACTION_ACQUIRE).get(10, SECONDS);
            Thread.sleep(i == 0 ? 0 : 10);
        }
        assertTrue(next.getHeld(), "after the holder left, another client gets the lease");
    }

    @Test
    void pingAnswersWithTheServersWallAndSimTime() throws Exception {
        SocketServer server = server(loopback());
        SocketClient c = client(SocketClient.builder("127.0.0.1", server.port()));
        c.connect().get(10, SECONDS);
        server.accept(TestStreams.imu(7));
        long before = SocketServer.epochNanos();
        Pong p = c.ping().get(10, SECONDS);
        long after = SocketServer.epochNanos();
        assertTrue(p.getClientWallNanos() >= before && p.getClientWallNanos() <= p.getServerWallNanos() && p.getServerWallNanos() <= after,
                "client send <= server answer <= client receive (one host, one clock): " + p);
        assertEquals(TestStreams.imu(7).captureNanos(), p.getSimNanos());
    }

    @Test
    void aTokenIsRequiredWhenConfigured() throws Exception {
        SocketServer server = server(loopback().withToken("s3cret"));
        for (String wrong : new String[] {null, "guess"}) {
            SocketClient.Builder b = SocketClient.builder("127.0.0.1", server.port()).reconnectDelay(Duration.ofSeconds(60));
            SocketClient c = client(wrong == null ? b : b.token(wrong));
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect().get(10, SECONDS));
            SocketClient.SocketClientException s = assertInstanceOf(SocketClient.SocketClientException.class, e.getCause());
            assertEquals(ErrorCode.ERROR_CODE_AUTH_FAILED, s.error().getCode());
            assertTrue(s.error().getFatal());
        }
        SocketClient good = client(SocketClient.builder("127.0.0.1", server.port()).token("s3cret"));
        assertEquals(1, good.connect().get(10, SECONDS).getProtocolVersion());
    }

    /** TLS with a self-signed certificate made by openssl (Debian package openssl) for 127.0.0.1. */
    @Test
    void tlsWithAUserSuppliedCertificateAndKey(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key.toString(), "-out", cert.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("this test needs the 'openssl' tool (Debian package openssl): " + e.getMessage(), e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), "openssl failed: " + out);
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.readString(key).contains("BEGIN PRIVATE KEY"), "a PKCS#8 key");
        SocketServer server = server(loopback().withTls(cert, key));
        BlockingQueue<ServerMessage> frames = new LinkedBlockingQueue<>();
        SocketClient c = client(SocketClient.builder("127.0.0.1", server.port()).tls(cert).subscribe("imu", 0).onFrame(frames::add));
        c.connect().get(20, SECONDS);
        server.accept(TestStreams.imu(3));
        assertEquals(3, ((Imu) take(frames, ServerMessage.BodyCase.IMU)).getHeader().getSequence());
    }

    @Test
    void theClientReconnectsAndSubscribesAgain() throws Exception {
        SocketServer first = SocketServer.start(loopback(), TestStreams.catalog(64, 48), intake);
        int port = first.port();
        BlockingQueue<ServerMessage> frames = new LinkedBlockingQueue<>();
        SocketClient c = client(SocketClient.builder("127.0.0.1", port).subscribe("imu", 0).reconnectDelay(Duration.ofMillis(50))
                .onFrame(frames::add));
        c.connect().get(10, SECONDS);
        first.close();
        SocketServer second = server(loopback().withPort(port));
        Welcome again = null;
        for (int i = 0; i < 200 && again == null; i++) {
            try {
                again = c.welcome().get(10, SECONDS);
                if (c.sessions() < 2) {
                    again = null;
                    Thread.sleep(20);
                }
            } catch (ExecutionException e) {
                Thread.sleep(20);
            }
        }
        assertNotNull(again, "no second session");
        assertEquals(2, c.sessions());
        while (second.sessionCount() == 0) {
            Thread.sleep(5);
        }
        second.accept(TestStreams.imu(11));
        assertEquals(11, ((Imu) take(frames, ServerMessage.BodyCase.IMU)).getHeader().getSequence());
    }

    /**
     * Four clients, 640x480 rgb8 frames: the server allocates about one frame's bytes per frame (the
     * pixels copied once into direct memory), not one per client. Without that copy (pixels wrapped from
     * the renderer's heap array) Netty's NIO transport copies the frame into direct memory on each
     * client's write (AbstractNioByteChannel.filterOutboundMessage): four times the bytes.
     */
    @Test
    void cameraPixelsAreNotCopiedPerClient() throws Exception {
        long direct = allocatedFor(true);
        long wrapped = allocatedFor(false);
        long frameBytes = 640 * 480 * 3;
        int frames = 12;
        assertTrue(direct < 1.5 * frames * frameBytes, "direct: " + direct + " bytes allocated for " + frames + " frames of " + frameBytes);
        assertTrue(wrapped > 3.5 * frames * frameBytes, "wrapped: " + wrapped + " bytes (the transport's per-client copies)");
    }

    private long allocatedFor(boolean directPixels) throws Exception {
        CountingAllocator alloc = new CountingAllocator(PooledByteBufAllocator.DEFAULT);
        SocketServer server = SocketServer.start(loopback().withClientQueueFrames(64).withCameraChannels(directPixels, false, false),
                TestStreams.catalog(640, 480), intake, alloc);
        List<SocketClient> clients = new ArrayList<>();
        List<BlockingQueue<ServerMessage>> queues = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                BlockingQueue<ServerMessage> q = new LinkedBlockingQueue<>();
                queues.add(q);
                SocketClient c = SocketClient.builder("127.0.0.1", server.port()).name("c" + i).subscribe("front", 0).onFrame(q::add).build();
                clients.add(c);
                c.connect().get(10, SECONDS);
            }
            List<CameraFrame> published = new ArrayList<>();
            for (int f = 0; f < 12; f++) {
                published.add(TestImages.frame("front", f, f * 33_333_333L, 640, 480, f));
            }
            long before = alloc.allocatedBytes();
            for (CameraFrame f : published) {
                server.accept(f);
            }
            for (BlockingQueue<ServerMessage> q : queues) {
                for (int f = 0; f < 12; f++) {
                    org.hilbridge.proto.v1.Image img = take(q, ServerMessage.BodyCase.IMAGE);
                    assertEquals(f, img.getHeader().getSequence());
                    assertArrayEquals(published.get(f).image().rgbData(), img.getPixels().toByteArray());
                }
            }
            return alloc.allocatedBytes() - before;
        } finally {
            for (SocketClient c : clients) {
                c.close();
            }
            server.close();
        }
    }
}
