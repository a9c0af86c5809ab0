package org.hilbridge.bridge.socket.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.hilbridge.bridge.socket.codec.DelimitedFrames;
import org.hilbridge.bridge.socket.codec.ProtoMessageDecoder;
import org.hilbridge.bridge.socket.codec.VarintFrameDecoder;
import org.hilbridge.proto.v1.ClientMessage;
import org.hilbridge.proto.v1.CommandAck;
import org.hilbridge.proto.v1.ErrorCode;
import org.hilbridge.proto.v1.Hello;
import org.hilbridge.proto.v1.LeaseReply;
import org.hilbridge.proto.v1.LeaseRequest;
import org.hilbridge.proto.v1.Ping;
import org.hilbridge.proto.v1.Pong;
import org.hilbridge.proto.v1.ProtocolVersion;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.SessionError;
import org.hilbridge.proto.v1.Stats;
import org.hilbridge.proto.v1.StatsRequest;
import org.hilbridge.proto.v1.Subscribe;
import org.hilbridge.proto.v1.Subscription;
import org.hilbridge.proto.v1.VehicleCommand;
import org.hilbridge.proto.v1.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java client of the protobuf socket: connects, says Hello with its subscriptions, hands every sensor
 * frame to a listener on its I/O thread, and offers the requests as futures (commands, lease, ping,
 * stats). When the connection drops it reconnects (after {@code reconnectDelay}, again and again until
 * {@link #close()}) and subscribes again; requests in flight then fail. A refusal no retry can mend (wrong
 * token or version, an unknown stream) ends the reconnecting.
 *
 * <pre>{@code
 * try (SocketClient c = SocketClient.builder("127.0.0.1", 7447).name("stack").subscribe("imu", 0)
 *         .onFrame(m -> ...).build()) {
 *     Welcome w = c.connect().get(5, SECONDS);
 *     c.lease(LeaseRequest.Action.ACTION_ACQUIRE).get();
 *     c.command(VehicleCommand.newBuilder()...).get();
 * }
 * }</pre>
 */
public final class SocketClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketClient.class);

    private final String host;
    private final int port;
    private final String name;
    private final String token;
    private final int maxFrameBytes;
    private final Duration reconnectDelay;
    private final Consumer<ServerMessage> onFrame;
    private final Consumer<SessionError> onError;
    private final SslContext ssl;
    private final EventLoopGroup group;
    private final AtomicLong nextCommandId = new AtomicLong(1);
    private final AtomicLong nextPingId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<CommandAck>> acks = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Pong>> pongs = new ConcurrentHashMap<>();
    private final ArrayDeque<CompletableFuture<LeaseReply>> leaseReplies = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Stats>> statsReplies = new ArrayDeque<>();
    private final AtomicLong connections = new AtomicLong();
    private volatile List<Subscription> subscriptions;
    private volatile Channel channel;
    private volatile CompletableFuture<Welcome> welcome = new CompletableFuture<>();
    private volatile boolean closed;
    /** A fatal refusal no retry can mend (token, version, subscriptions): the client stops reconnecting. */
    private volatile SessionError refusal;

    private SocketClient(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.name = b.name;
        this.token = b.token;
        this.maxFrameBytes = b.maxFrameBytes;
        this.reconnectDelay = b.reconnectDelay;
        this.onFrame = b.onFrame;
        this.onError = b.onError;
        this.subscriptions = List.copyOf(b.subscriptions);
        try {
            this.ssl = b.trustCertPath == null ? null : SslContextBuilder.forClient().trustManager(b.trustCertPath.toFile()).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("trust certificate " + b.trustCertPath + " cannot be used: " + e.getMessage(), e);
        }
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hilbridge-client-" + name, true), NioIoHandler.newFactory());
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** Connects (or reconnects) and completes with the server's Welcome. */
    public CompletableFuture<Welcome> connect() {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        CompletableFuture<Welcome> w = welcome.isDone() ? new CompletableFuture<>() : welcome;
        welcome = w;
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast("tls", ssl.newHandler(ch.alloc(), host, port));
                        }
                        VarintFrameDecoder frames = new VarintFrameDecoder(maxFrameBytes);
                        // Large frames (a 1080p image is 6.2 MB) arrive in many reads: gather them as a
                        // composite rather than copying each read into one growing buffer.
                        frames.setCumulator(io.netty.handler.codec.ByteToMessageDecoder.COMPOSITE_CUMULATOR);
                        p.addLast("frames", frames);
                        p.addLast("messages", new ProtoMessageDecoder<>(ServerMessage.parser(), "ServerMessage"));
                        p.addLast("client", new Handler());
                    }
                });
        ChannelFuture f = b.connect(host, port);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("client {}: connect to {}:{} failed: {}", name, host, port, done.cause().toString());
                scheduleReconnect();
            }
        });
        return w;
    }

    private void scheduleReconnect() {
        if (!closed && !group.isShuttingDown()) {
            group.schedule(this::connect, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How many times the client has been welcomed (1 after the first handshake; more after reconnects). */
    public long sessions() {
        return connections.get();
    }

    /** The Welcome of the current (or next) session. */
    public CompletableFuture<Welcome> welcome() {
        return welcome;
    }

    /** Replaces the subscriptions (kept for reconnects too). */
    public void subscribe(List<Subscription> newSubscriptions) {
        subscriptions = List.copyOf(newSubscriptions);
        send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().addAllSubscriptions(subscriptions)).build());
    }

    /** Sends a command (its command_id and sent_wall_nanos are filled in); completes with the server's CommandAck. */
    public CompletableFuture<CommandAck> command(VehicleCommand.Builder command) {
        long id = nextCommandId.getAndIncrement();
        CompletableFuture<CommandAck> f = new CompletableFuture<>();
        acks.put(id, f);
        VehicleCommand c = command.setCommandId(id).setSentWallNanos(epochNanos()).build();
        if (!send(ClientMessage.newBuilder().setCommand(c).build())) {
            acks.remove(id);
            f.completeExceptionally(new IllegalStateException("not connected"));
        }
        return f;
    }

    public CompletableFuture<LeaseReply> lease(LeaseRequest.Action action) {
        CompletableFuture<LeaseReply> f = new CompletableFuture<>();
        synchronized (leaseReplies) {
            leaseReplies.add(f);
            if (!send(ClientMessage.newBuilder().setLease(LeaseRequest.newBuilder().setAction(action)).build())) {
                leaseReplies.remove(f);
                f.completeExceptionally(new IllegalStateException("not connected"));
            }
        }
        return f;
    }

    public CompletableFuture<Pong> ping() {
        long id = nextPingId.getAndIncrement();
        CompletableFuture<Pong> f = new CompletableFuture<>();
        pongs.put(id, f);
        if (!send(ClientMessage.newBuilder().setPing(Ping.newBuilder().setPingId(id).setClientWallNanos(epochNanos())).build())) {
            pongs.remove(id);
            f.completeExceptionally(new IllegalStateException("not connected"));
        }
        return f;
    }

    public CompletableFuture<Stats> stats() {
        CompletableFuture<Stats> f = new CompletableFuture<>();
        synchronized (statsReplies) {
            statsReplies.add(f);
            if (!send(ClientMessage.newBuilder().setStatsRequest(StatsRequest.getDefaultInstance()).build())) {
                statsReplies.remove(f);
                f.completeExceptionally(new IllegalStateException("not connected"));
            }
        }
        return f;
    }

    /** Sends any message as it is (false when not connected). */
    public boolean send(ClientMessage m) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return false;
        }
        ch.writeAndFlush(DelimitedFrames.encode(m, ch.alloc()));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        failPending(new IllegalStateException("client closed"));
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void failPending(Exception e) {
        for (CompletableFuture<CommandAck> f : new ArrayList<>(acks.values())) {
            f.completeExceptionally(e);
        }
        acks.clear();
        for (CompletableFuture<Pong> f : new ArrayList<>(pongs.values())) {
            f.completeExceptionally(e);
        }
        pongs.clear();
        synchronized (leaseReplies) {
            leaseReplies.forEach(f -> f.completeExceptionally(e));
            leaseReplies.clear();
        }
        synchronized (statsReplies) {
            statsReplies.forEach(f -> f.completeExceptionally(e));
            statsReplies.clear();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<ServerMessage> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            channel = ctx.channel();
            Hello.Builder h = Hello.newBuilder().setClientName(name).setProtocolVersion(ProtocolVersion.PROTOCOL_VERSION_1_VALUE)
                    .addAllSubscriptions(subscriptions);
            if (token != null) {
                h.setAuthToken(token);
            }
            ctx.writeAndFlush(DelimitedFrames.encode(ClientMessage.newBuilder().setHello(h).build(), ctx.alloc()));
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ServerMessage m) {
            switch (m.getBodyCase()) {
                case WELCOME -> {
                    connections.incrementAndGet();
                    welcome.complete(m.getWelcome());
                }
                case COMMAND_ACK -> {
                    CompletableFuture<CommandAck> f = acks.remove(m.getCommandAck().getCommandId());
                    if (f != null) {
                        f.complete(m.getCommandAck());
                    }
                }
                case PONG -> {
                    CompletableFuture<Pong> f = pongs.remove(m.getPong().getPingId());
                    if (f != null) {
                        f.complete(m.getPong());
                    }
                }
                case LEASE_REPLY -> {
                    CompletableFuture<LeaseReply> f;
                    synchronized (leaseReplies) {
                        f = leaseReplies.poll();
                    }
                    if (f != null) {
                        f.complete(m.getLeaseReply());
                    }
                }
                case STATS -> {
                    CompletableFuture<Stats> f;
                    synchronized (statsReplies) {
                        f = statsReplies.poll();
                    }
                    if (f != null) {
                        f.complete(m.getStats());
                    }
                }
                case ERROR -> {
                    SessionError e = m.getError();
                    LOG.info("client {}: server error {}: {}", name, e.getCode(), e.getMessage());
                    if (!welcome.isDone() && e.getFatal()) {
                        welcome.completeExceptionally(new SocketClientException(e));
                    }
                    if (e.getFatal() && (e.getCode() == ErrorCode.ERROR_CODE_AUTH_FAILED || e.getCode() == ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION
                            || e.getCode() == ErrorCode.ERROR_CODE_UNKNOWN_STREAM || e.getCode() == ErrorCode.ERROR_CODE_INVALID_ARGUMENT)) {
                        refusal = e;
                    }
                    onError.accept(e);
                }
                default -> onFrame.accept(m);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            channel = null;
            failPending(new IllegalStateException("connection to " + host + ":" + port + " lost"));
            if (refusal != null) {
                LOG.warn("client {}: the server refused the session ({}: {}); not reconnecting", name, refusal.getCode(), refusal.getMessage());
            } else if (!closed) {
                LOG.info("client {}: connection to {}:{} lost; reconnecting in {} ms", name, host, port, reconnectDelay.toMillis());
                if (welcome.isDone()) {
                    welcome = new CompletableFuture<>();
                }
                scheduleReconnect();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.info("client {}: {}", name, cause.toString());
            ctx.close();
        }
    }

    /** A fatal error the server sent. */
    public static final class SocketClientException extends Exception {
        private final transient SessionError error;

        public SocketClientException(SessionError error) {
            super(error.getCode() + ": " + error.getMessage());
            this.error = error;
        }

        public SessionError error() {
            return error;
        }
    }

    public static final class Builder {
        private final String host;
        private final int port;
        private String name = "java-client";
        private String token;
        private Path trustCertPath;
        private int maxFrameBytes = 64 << 20;
        private Duration reconnectDelay = Duration.ofMillis(500);
        private Consumer<ServerMessage> onFrame = m -> { };
        private Consumer<SessionError> onError = e -> { };
        private final List<Subscription> subscriptions = new ArrayList<>();

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        public Builder token(String t) {
            this.token = t;
            return this;
        }

        /** Connect with TLS, trusting this PEM certificate (the server's, or its CA's); the host name is verified. */
        public Builder tls(Path trustedCertPem) {
            this.trustCertPath = trustedCertPem;
            return this;
        }

        public Builder subscribe(String streamId, double maxRateHz) {
            subscriptions.add(Subscription.newBuilder().setStreamId(streamId).setMaxRateHz(maxRateHz).build());
            return this;
        }

        /** Largest frame accepted from the server (a 1920x1080 rgb8 image is 6.2 MB). */
        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        public Builder reconnectDelay(Duration d) {
            this.reconnectDelay = d;
            return this;
        }

        /** Called on the client's I/O thread for every sensor and clock frame. */
        public Builder onFrame(Consumer<ServerMessage> c) {
            this.onFrame = c;
            return this;
        }

        public Builder onError(Consumer<SessionError> c) {
            this.onError = c;
            return this;
        }

        public SocketClient build() {
            return new SocketClient(this);
        }
    }
}
