package org.hilbridge.bridge.socket.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.HashMap;
import java.util.Map;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.ImageAugmentation;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.socket.codec.ProtoMessageDecoder;
import org.hilbridge.bridge.socket.codec.VarintFrameDecoder;
import org.hilbridge.bridge.socket.mapping.CatalogMapping;
import org.hilbridge.bridge.socket.mapping.SampleEncoder;
import org.hilbridge.proto.v1.ClientMessage;
import org.hilbridge.proto.v1.ErrorCode;
import org.hilbridge.proto.v1.StreamCatalog;
import org.hilbridge.proto.v1.StreamDescriptor;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protobuf socket: a Netty TCP server (optionally TLS) that publishes every sample it is given to the
 * clients subscribed to its stream, and delivers their commands and lease requests to a
 * {@link CommandIntake} (the runner's arbiter). As a {@link SampleSink} it runs on its own sink thread;
 * {@link #accept} serialises each sample once and hands every subscriber a duplicate of the same bytes,
 * and it never blocks on a client (see {@link ClientSession}).
 *
 * <p>Augmented cameras (issue 9; {@link StreamInfo#augmentation()}): the runner hands over each raw CameraFrame
 * followed by its AugmentedFrame. The server holds the raw frame of such a stream until its augmented frame
 * arrives (the next sample of the stream on this sink's queue, in practice the very next sample), then sends
 * one Image frame with both images (the primary one in Image.pixels; proto/README.md, "Augmented images"): one
 * serialisation per frame shared by every client, pixels wrapped, never copied per client. A held raw frame
 * whose augmented frame does not come (lost to this sink's full queue) goes out alone when the stream's next
 * raw frame arrives; an augmented frame without its raw frame is dropped; both are counted and logged.
 *
 * <p>Pipeline per client: [SslHandler] - IdleStateHandler (reader idle) - VarintFrameDecoder (max frame)
 * - ProtoMessageDecoder (ClientMessage) - ClientSession.
 */
public final class SocketServer implements SampleSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
    static final String SERVER_NAME = "hilbridge 0.1 (protocol hilbridge.v1)";
    /** Above this many bytes waiting in a client's Netty outbound buffer the channel is unwritable (no more frames leave its queue). */
    static final int HIGH_WATER_MARK_BYTES = 1 << 20;
    static final int LOW_WATER_MARK_BYTES = 256 << 10;

    private final SocketServerConfig config;
    private final CommandIntake intake;
    private final StreamCatalog catalog;
    private final List<String> streamIds;
    private final SampleEncoder encoder;
    private final PublishLog publishLog = new PublishLog();
    private final List<ClientSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong nextSessionId = new AtomicLong(1);
    private final LongSupplier wallNanos;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Map<String, ImageAugmentation> augmentation = new HashMap<>();
    /** Raw frames waiting for their augmented frame, by stream; the sink thread's only. */
    private final Map<String, CameraFrame> heldRaw = new HashMap<>();
    private final AtomicLong withoutAugmented = new AtomicLong();
    private final AtomicLong withoutRaw = new AtomicLong();
    private volatile long lastSimNanos;
    private long lastClockNanos = Long.MIN_VALUE;

    private SocketServer(SocketServerConfig config, List<StreamInfo> streams, CommandIntake intake, ByteBufAllocator alloc)
            throws InterruptedException {
        this.config = config;
        this.intake = intake;
        this.catalog = CatalogMapping.catalog(streams);
        this.streamIds = catalog.getStreamsList().stream().map(StreamDescriptor::getStreamId).toList();
        for (StreamInfo s : streams) {
            augmentation.put(s.streamId(), s.augmentation());
        }
        this.encoder = new SampleEncoder(alloc, config.directPixels(), config.cameraDepth(), config.cameraLabels());
        this.wallNanos = SocketServer::epochNanos;
        SslContext ssl = config.tls() ? tlsContext(config) : null;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hilbridge-socket-accept", true), NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("hilbridge-socket-io", true), NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap().group(bossGroup, workerGroup).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, alloc)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK_BYTES, HIGH_WATER_MARK_BYTES))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ChannelPipeline p = ch.pipeline();
                            if (ssl != null) {
                                p.addLast("tls", ssl.newHandler(ch.alloc()));
                            }
                            p.addLast("idle", new IdleStateHandler(config.idleTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS));
                            p.addLast("frames", new VarintFrameDecoder(config.maxFrameBytes()));
                            p.addLast("messages", new ProtoMessageDecoder<>(ClientMessage.parser(), "ClientMessage"));
                            p.addLast("session", new ClientSession(SocketServer.this, Long.toString(nextSessionId.getAndIncrement()), streamIds,
                                    config.clientQueueFrames()));
                        }
                    });
            io.netty.channel.ChannelFuture bound = b.bind(config.bindAddress(), config.port()).await();
            if (!bound.isSuccess()) {
                throw new IllegalArgumentException("socket.bind_address = " + config.bindAddress() + ", socket.port = " + config.port()
                        + ": cannot listen there: " + bound.cause() + " (another process on the port? 0 picks a free one)", bound.cause());
            }
            this.serverChannel = bound.channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdownGroups();
            throw e;
        }
        LOG.info("socket: listening on {}:{}{}{} with streams {}", config.bindAddress(), port(), config.tls() ? " (TLS)" : "",
                config.token() != null ? " (token required)" : "", streamIds);
    }

    /**
     * Binds and starts serving.
     *
     * @param streams the catalog (the scenario's sensors)
     * @param intake  where commands and lease requests go
     * @throws IllegalArgumentException the address cannot be bound (e.g. the port is in use), or TLS files that cannot be used
     */
    public static SocketServer start(SocketServerConfig config, List<StreamInfo> streams, CommandIntake intake) throws InterruptedException {
        return start(config, streams, intake, ByteBufAllocator.DEFAULT);
    }

    /** As {@link #start(SocketServerConfig, List, CommandIntake)}, with the allocator every buffer comes from (tests count it). */
    public static SocketServer start(SocketServerConfig config, List<StreamInfo> streams, CommandIntake intake, ByteBufAllocator alloc)
            throws InterruptedException {
        return new SocketServer(config, streams, intake, alloc);
    }

    private static SslContext tlsContext(SocketServerConfig config) {
        try {
            return SslContextBuilder.forServer(config.tlsCertPath().toFile(), config.tlsKeyPath().toFile()).build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("socket.tls_cert_path = " + config.tlsCertPath() + " / socket.tls_key_path = "
                    + config.tlsKeyPath() + " cannot be used: " + e.getMessage()
                    + " (expected a PEM certificate chain and an unencrypted PEM PKCS#8 private key)", e);
        }
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The port the server listens on (the OS's choice when configured with 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public String name() {
        return "socket";
    }

    /**
     * Publishes a sample to its subscribers: serialised once (only when somebody takes it), one duplicate
     * per client. Called by one thread at a time (the sink's); never blocks on a client.
     */
    @Override
    public void accept(SensorSample sample) {
        if (closed.get()) {
            return; // samples still queued for this sink after the run's end
        }
        if (sample instanceof AugmentedFrame a) {
            CameraFrame raw = heldRaw.remove(a.streamId());
            if (raw != null && raw.sequence() == a.sequence()) {
                publish(raw, a);
                raw.release(); // the hold taken when it was put aside (CameraFrame's ownership rule)
            } else {
                if (raw != null) {
                    lostAugmented(raw);
                    publish(raw, null);
                    raw.release();
                }
                long n = withoutRaw.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("socket: augmented frame {} #{} came without its raw frame (lost to the sink's full queue?): dropped ({} so far)",
                            a.streamId(), a.sequence(), n);
                }
            }
            return;
        }
        if (sample instanceof CameraFrame c && augmentation.getOrDefault(c.streamId(), ImageAugmentation.NONE).augmented()) {
            // Kept past this call until its augmented frame comes: a hold on a pooled image (CameraFrame's rule).
            CameraFrame previous = heldRaw.put(c.streamId(), c.retain());
            if (previous != null) {
                lostAugmented(previous);
                publish(previous, null);
                previous.release();
            }
            return;
        }
        publish(sample, null);
    }

    private void lostAugmented(CameraFrame raw) {
        long n = withoutAugmented.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.warn("socket: camera frame {} #{} goes out without its augmented image, which did not come ({} so far)",
                    raw.streamId(), raw.sequence(), n);
        }
    }

    /** Serialises {@code sample} (with {@code augmented}, a camera frame's augmented frame, or null) once and offers it to every subscriber. */
    private void publish(SensorSample sample, AugmentedFrame augmented) {
        long wall = wallNanos.getAsLong();
        long capture = sample.captureNanos();
        lastSimNanos = Math.max(lastSimNanos, capture);
        publishLog.record(sample.streamId(), sample.sequence(), wall);
        ByteBuf frame = null;
        try {
            for (ClientSession s : sessions) {
                if (s.wants(sample.streamId(), capture)) {
                    if (frame == null) {
                        frame = augmented == null ? encoder.encode(sample, wall)
                                : encoder.encodeImage((CameraFrame) sample, augmented, augmentation.get(sample.streamId()).primaryAugmented(), wall);
                    }
                    s.offer(sample.streamId(), frame.retainedDuplicate());
                }
            }
        } finally {
            if (frame != null) {
                frame.release();
            }
        }
        if (capture > lastClockNanos) {
            lastClockNanos = capture;
            publishClock(capture, wall);
        }
    }

    private void publishClock(long simNanos, long wall) {
        ByteBuf frame = null;
        try {
            for (ClientSession s : sessions) {
                if (s.wants(CatalogMapping.CLOCK_STREAM, simNanos)) {
                    if (frame == null) {
                        frame = encoder.encodeClock(simNanos, wall);
                    }
                    s.offer(CatalogMapping.CLOCK_STREAM, frame.retainedDuplicate());
                }
            }
        } finally {
            if (frame != null) {
                frame.release();
            }
        }
    }

    /** Camera frames of augmented streams that went out without their augmented image (it never came). */
    public long framesWithoutAugmented() {
        return withoutAugmented.get();
    }

    /** Augmented frames dropped because their raw frame never came. */
    public long augmentedWithoutRaw() {
        return withoutRaw.get();
    }

    /** Snapshots of every open session's counters. */
    public List<SessionStats> sessionStats() {
        List<SessionStats> out = new ArrayList<>();
        for (ClientSession s : sessions) {
            out.add(s.snapshot());
        }
        return out;
    }

    /** Sessions that finished their handshake and are still connected. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Waits until {@code clients} sessions are open (welcomed), or {@code stop} says to give up; true when
     * they are. Polls every 10 ms: this runs once, before a run starts.
     */
    public boolean awaitClients(int clients, java.util.function.BooleanSupplier stop) throws InterruptedException {
        boolean told = false;
        while (sessions.size() < clients) {
            if (stop.getAsBoolean()) {
                return false;
            }
            if (!told) {
                LOG.info("socket: waiting for {} client(s) on port {} before the run starts (socket.await_clients)", clients, port());
                told = true;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Tells every client, stops listening and frees the threads; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ClientSession s : sessions) {
            SessionStats st = s.snapshot();
            LOG.info("socket: client '{}' (session {}): sent {}, lost to its full queue {}, commands {} ({} accepted)", st.clientName(),
                    st.sessionId(), st.sentByStream(), st.droppedByStream(), st.commandsReceived(), st.commandsAccepted());
            s.failFromAnyThread(ErrorCode.ERROR_CODE_SHUTTING_DOWN, "the run is over: the server is shutting down");
        }
        if (withoutAugmented.get() + withoutRaw.get() > 0) {
            LOG.info("socket: augmented cameras: {} frame(s) sent without their augmented image, {} augmented frame(s) without their raw frame",
                    withoutAugmented.get(), withoutRaw.get());
        }
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        shutdownGroups();
        LOG.info("socket: closed");
    }

    private void shutdownGroups() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    // ---- for the sessions ----

    SocketServerConfig config() {
        return config;
    }

    CommandIntake intake() {
        return intake;
    }

    StreamCatalog catalog() {
        return catalog;
    }

    PublishLog publishLog() {
        return publishLog;
    }

    long wallNanos() {
        return wallNanos.getAsLong();
    }

    long lastSimNanos() {
        return lastSimNanos;
    }

    void register(ClientSession s) {
        sessions.add(s);
    }

    void unregister(ClientSession s) {
        sessions.remove(s);
    }
}
