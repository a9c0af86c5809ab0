package org.hilbridge.bridge.socket.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.bridge.socket.codec.DelimitedFrames;
import org.hilbridge.bridge.socket.codec.ProtoMessageDecoder;
import org.hilbridge.bridge.socket.mapping.CommandMapping;
import org.hilbridge.proto.v1.ClientMessage;
import org.hilbridge.proto.v1.CommandAck;
import org.hilbridge.proto.v1.ErrorCode;
import org.hilbridge.proto.v1.Hello;
import org.hilbridge.proto.v1.LeaseReply;
import org.hilbridge.proto.v1.LeaseRequest;
import org.hilbridge.proto.v1.Pong;
import org.hilbridge.proto.v1.ProtocolVersion;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.SessionError;
import org.hilbridge.proto.v1.Stats;
import org.hilbridge.proto.v1.StreamStats;
import org.hilbridge.proto.v1.Subscription;
import org.hilbridge.proto.v1.Verdict;
import org.hilbridge.proto.v1.Welcome;
import org.hilbridge.sim.command.VehicleCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, last in its pipeline: the handshake, subscriptions, commands, lease, pings and
 * stats, and the client's bounded queue of sensor frames.
 *
 * <p>Threads: everything but {@link #wants} and {@link #offer} runs on the channel's event loop; those two
 * run on the publishing thread (the runner's sink thread), which never blocks here: a full queue loses
 * its oldest frame, and frames leave the queue only while the channel is writable (Netty's write-buffer
 * water marks), so a client that does not read holds at most its queue and one frame in flight.
 */
final class ClientSession extends SimpleChannelInboundHandler<ClientMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final int LATENCY_WINDOW = 1024;
    /** A fatal error's frame may never leave a client that does not read: close anyway after this. */
    private static final long CLOSE_GRACE_MS = 1000;

    private enum State { AWAITING_HELLO, ACTIVE, CLOSED }

    private final SocketServer server;
    private final String sessionId;
    private final Map<String, StreamCounters> counters = new LinkedHashMap<>();
    private final ArrayDeque<Queued> queue;
    private final int queueCapacity;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong bytesQueued = new AtomicLong();
    private final long[] latenciesNanos = new long[LATENCY_WINDOW];
    /** Written on the event loop only; volatile for {@link #snapshot()} from other threads. */
    private volatile long latencyCount;
    private volatile long commandsReceived;
    private volatile long commandsAccepted;
    private volatile State state = State.AWAITING_HELLO;
    /** Replaced whole on Subscribe; read by the publishing thread. */
    private volatile Map<String, Sub> subscriptions = Map.of();
    private volatile String clientName = "";
    private volatile String source;
    /** Set once the Welcome is sent: from then on the session has a command source that may hold the lease. */
    private volatile boolean welcomed;
    private ChannelHandlerContext ctx;

    private record Queued(ByteBuf frame, StreamCounters counters) {
    }

    /** One subscription; lastKeptCaptureNanos is touched by the publishing thread only. */
    private static final class Sub {
        final StreamCounters counters;
        final long minIntervalNanos;
        long lastKeptCaptureNanos = Long.MIN_VALUE;

        Sub(StreamCounters counters, double maxRateHz) {
            this.counters = counters;
            this.minIntervalNanos = maxRateHz > 0 ? (long) (1e9 / maxRateHz) : 0;
        }
    }

    ClientSession(SocketServer server, String sessionId, List<String> streamIds, int queueCapacity) {
        this.server = server;
        this.sessionId = sessionId;
        this.queueCapacity = queueCapacity;
        this.queue = new ArrayDeque<>(Math.min(queueCapacity, 1024));
        long now = server.wallNanos();
        for (String s : streamIds) {
            counters.put(s, new StreamCounters(s, now));
        }
    }

    String sessionId() {
        return sessionId;
    }

    // ---- publishing thread ----

    /** Whether this client takes a frame of {@code streamId} captured at {@code captureNanos}; counts decimation. */
    boolean wants(String streamId, long captureNanos) {
        Sub sub = subscriptions.get(streamId);
        if (sub == null || state != State.ACTIVE) {
            return false;
        }
        // Decimation by sim time (the source's own clock), so the kept rate does not depend on pacing.
        if (sub.minIntervalNanos > 0 && sub.lastKeptCaptureNanos != Long.MIN_VALUE
                && captureNanos - sub.lastKeptCaptureNanos < sub.minIntervalNanos) {
            sub.counters.decimated.incrementAndGet();
            return false;
        }
        sub.lastKeptCaptureNanos = captureNanos;
        return true;
    }

    /** Queues {@code frame} (ownership passes here); a full queue loses its oldest frame. */
    void offer(String streamId, ByteBuf frame) {
        StreamCounters c = counters.get(streamId);
        Queued lost = null;
        synchronized (queue) {
            if (state == State.CLOSED) {
                frame.release();
                return;
            }
            if (queue.size() >= queueCapacity) {
                lost = queue.poll();
            }
            queue.add(new Queued(frame, c));
        }
        c.queued.incrementAndGet();
        bytesQueued.addAndGet(frame.readableBytes());
        if (lost != null) {
            lost.frame.release();
            lost.counters.dropped.incrementAndGet();
        }
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                ctx.executor().execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The server is shutting down: channelInactive releases what is queued.
                drainScheduled.set(false);
            }
        }
    }

    // ---- event loop ----

    private void drain() {
        drainScheduled.set(false);
        boolean wrote = false;
        while (ctx.channel().isWritable()) {
            Queued q;
            synchronized (queue) {
                q = queue.poll();
            }
            if (q == null) {
                break;
            }
            ctx.write(q.frame, ctx.voidPromise());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        context.executor().schedule(() -> {
            if (state == State.AWAITING_HELLO) {
                fail(ErrorCode.ERROR_CODE_HANDSHAKE_TIMEOUT, "no Hello within socket.handshake_timeout_ms = "
                        + server.config().handshakeTimeoutMs() + " ms of connecting");
            }
        }, server.config().handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
        super.channelActive(context);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        if (context.channel().isWritable()) {
            drain();
        }
        super.channelWritabilityChanged(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        synchronized (queue) {
            state = State.CLOSED;
            for (Queued q : queue) {
                q.frame.release();
            }
            queue.clear();
        }
        server.unregister(this);
        if (welcomed) {
            // A client that leaves gives its lease back: the next one may take control at once, and until
            // then no commands arrive and the watchdog stops the vehicle.
            server.intake().releaseLease(source);
            LOG.info("socket: client '{}' (session {}) disconnected", clientName, sessionId);
        }
        super.channelInactive(context);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            fail(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, "nothing received within socket.idle_timeout_ms = " + server.config().idleTimeoutMs()
                    + " ms (send a Ping to keep an idle session open)");
            return;
        }
        super.userEventTriggered(context, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        Throwable c = cause;
        if (c instanceof io.netty.handler.codec.DecoderException && c.getCause() instanceof TooLongFrameException t) {
            c = t;
        }
        if (c instanceof TooLongFrameException) {
            fail(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, c.getMessage() + " (socket.max_frame_bytes)");
        } else if (c instanceof CorruptedFrameException || c instanceof ProtoMessageDecoder.BadFrameException) {
            fail(ErrorCode.ERROR_CODE_BAD_FRAME, c.getMessage());
        } else if (c instanceof io.netty.handler.codec.DecoderException && c.getCause() instanceof javax.net.ssl.SSLException) {
            LOG.info("socket: TLS failed with {}: {}", context.channel().remoteAddress(), c.getCause().getMessage());
            context.close();
        } else if (c instanceof java.io.IOException) {
            LOG.debug("socket: connection {} failed: {}", context.channel().remoteAddress(), c.getMessage());
            context.close();
        } else {
            LOG.warn("socket: session {} failed", sessionId, c);
            fail(ErrorCode.ERROR_CODE_BAD_FRAME, String.valueOf(c.getMessage()));
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, ClientMessage m) {
        if (state == State.CLOSED) {
            return;
        }
        ClientMessage.BodyCase body = m.getBodyCase();
        if (state == State.AWAITING_HELLO && body != ClientMessage.BodyCase.HELLO) {
            fail(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, "the first frame must be a ClientMessage with a Hello, not "
                    + describe(m));
            return;
        }
        switch (body) {
            case HELLO -> hello(m.getHello());
            case SUBSCRIBE -> subscribe(m.getSubscribe().getSubscriptionsList(), false);
            case COMMAND -> command(m.getCommand());
            case LEASE -> lease(m.getLease());
            case PING -> send(ServerMessage.newBuilder().setPong(Pong.newBuilder().setPingId(m.getPing().getPingId())
                    .setClientWallNanos(m.getPing().getClientWallNanos()).setServerWallNanos(server.wallNanos())
                    .setSimNanos(server.lastSimNanos())).build());
            case STATS_REQUEST -> send(ServerMessage.newBuilder().setStats(stats()).build());
            case BODY_NOT_SET -> error(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, "a frame of " + describe(m)
                    + " is not a message a client may send (is it a ServerMessage?): a ClientMessage sets one of hello, subscribe,"
                    + " command, lease, ping, stats_request", false);
        }
    }

    private static String describe(ClientMessage m) {
        return m.getBodyCase() == ClientMessage.BodyCase.BODY_NOT_SET
                ? "no known ClientMessage body (unknown fields " + m.getUnknownFields().asMap().keySet() + ")"
                : m.getBodyCase().name().toLowerCase(java.util.Locale.ROOT);
    }

    private void hello(Hello h) {
        if (state != State.AWAITING_HELLO) {
            error(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, "a second Hello: the session is already open (use Subscribe to change streams)", false);
            return;
        }
        if (h.getProtocolVersion() != ProtocolVersion.PROTOCOL_VERSION_1_VALUE) {
            fail(ErrorCode.ERROR_CODE_UNSUPPORTED_VERSION, "Hello.protocol_version = " + h.getProtocolVersion()
                    + " is not spoken by this server: it speaks " + ProtocolVersion.PROTOCOL_VERSION_1_VALUE);
            return;
        }
        String token = server.config().token();
        if (token != null && !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), h.getAuthTokenBytes().toByteArray())) {
            fail(ErrorCode.ERROR_CODE_AUTH_FAILED, h.getAuthToken().isEmpty()
                    ? "Hello.auth_token is empty: this server requires a token (socket.token)"
                    : "Hello.auth_token does not match the server's token (socket.token)");
            return;
        }
        clientName = h.getClientName().isBlank() ? "anonymous" : h.getClientName();
        source = "socket:" + clientName + "#" + sessionId;
        if (!subscribe(h.getSubscriptionsList(), true)) {
            return;
        }
        state = State.ACTIVE;
        welcomed = true;
        // Registered before the Welcome is written: a frame published from now on is queued, and its drain
        // runs on this event loop after this task, so it follows the Welcome on the wire.
        server.register(this);
        send(ServerMessage.newBuilder().setWelcome(Welcome.newBuilder().setProtocolVersion(ProtocolVersion.PROTOCOL_VERSION_1_VALUE)
                .setServerName(SocketServer.SERVER_NAME).setSessionId(sessionId).setCatalog(server.catalog())
                .setMaxClientFrameBytes(server.config().maxFrameBytes()).setIdleTimeoutMs(server.config().idleTimeoutMs())
                .setSimNanos(server.lastSimNanos())).build());
        LOG.info("socket: client '{}' (session {}) from {} subscribed to {}", clientName, sessionId, ctx.channel().remoteAddress(),
                subscriptions.keySet());
    }

    /** Replaces the subscriptions; a bad one changes nothing and answers an error (fatal in the Hello). */
    private boolean subscribe(List<Subscription> list, boolean inHello) {
        Map<String, Sub> next = new HashMap<>();
        String where = inHello ? "Hello.subscriptions" : "Subscribe.subscriptions";
        for (int i = 0; i < list.size(); i++) {
            Subscription s = list.get(i);
            StreamCounters c = counters.get(s.getStreamId());
            if (c == null) {
                error(ErrorCode.ERROR_CODE_UNKNOWN_STREAM, where + "(" + i + ").stream_id = '" + s.getStreamId()
                        + "' is not in the catalog: streams are " + counters.keySet(), inHello);
                return false;
            }
            if (!(s.getMaxRateHz() >= 0) || Double.isInfinite(s.getMaxRateHz())) {
                error(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, where + "(" + i + ").max_rate_hz = " + s.getMaxRateHz()
                        + " is not allowed: it must be a finite number >= 0 (0: every frame)", inHello);
                return false;
            }
            next.put(s.getStreamId(), new Sub(c, s.getMaxRateHz()));
        }
        subscriptions = Map.copyOf(next);
        return true;
    }

    private void command(org.hilbridge.proto.v1.VehicleCommand c) {
        commandsReceived++;
        CommandAck.Builder ack = CommandAck.newBuilder().setCommandId(c.getCommandId());
        VehicleCommand command;
        try {
            command = CommandMapping.command(c);
        } catch (IllegalArgumentException e) {
            send(ServerMessage.newBuilder().setCommandAck(ack.setVerdict(Verdict.VERDICT_REFUSED_INVALID).setDetail(e.getMessage())).build());
            return;
        }
        SampleRef ref = CommandMapping.basedOn(c);
        CommandIntake intake = server.intake();
        org.hilbridge.bridge.link.Verdict v = ref == null ? intake.submitUnattributed(source, command) : intake.submit(source, command, ref);
        ack.setVerdict(CommandMapping.verdict(v));
        if (v.accepted()) {
            commandsAccepted++;
        }
        if (ref != null) {
            long published = server.publishLog().publishedWallNanos(ref.streamId(), ref.sequence());
            if (published >= 0) {
                long latency = server.wallNanos() - published;
                latenciesNanos[(int) (latencyCount++ % LATENCY_WINDOW)] = latency;
                ack.setLoopLatencyNanos(latency);
            }
        }
        if (!v.accepted()) {
            ack.setDetail(refusal(v, ref));
        }
        send(ServerMessage.newBuilder().setCommandAck(ack).build());
    }

    private String refusal(org.hilbridge.bridge.link.Verdict v, SampleRef ref) {
        return switch (v) {
            case REFUSED_NO_LEASE -> {
                String holder = server.intake().leaseHolder();
                yield "refused: the control lease is exclusive and " + (holder == null ? "nobody" : "'" + holder + "'")
                        + " holds it; send LeaseRequest ACQUIRE" + (holder == null ? "" : " once it is released or expires");
            }
            case REFUSED_UNKNOWN_SAMPLE -> "refused: based_on " + ref + " names no published sample";
            case REFUSED_STALE_SAMPLE -> "refused: based_on " + ref + " is older than arbiter.max_sample_age_s, or than the command in force";
            case DROPPED_BY_FAULT -> "dropped by a scheduled command_loss fault";
            case DELAYED_BY_FAULT -> "held by a scheduled command_delay fault: the arbiter judges it when it arrives";
            case REFUSED_SAFE_STOPPED -> "refused: the run has a latched watchdog safe stop";
            default -> "";
        };
    }

    private void lease(LeaseRequest r) {
        CommandIntake intake = server.intake();
        LeaseReply.Builder reply = LeaseReply.newBuilder().setAction(r.getAction());
        switch (r.getAction()) {
            case ACTION_ACQUIRE -> reply.setHeld(intake.acquireLease(source));
            case ACTION_RENEW -> reply.setHeld(intake.renewLease(source));
            case ACTION_RELEASE -> {
                intake.releaseLease(source);
                reply.setHeld(false);
            }
            default -> {
                error(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "LeaseRequest.action = " + r.getActionValue()
                        + " is not allowed: ACQUIRE (1), RENEW (2) or RELEASE (3)", false);
                return;
            }
        }
        String holder = intake.leaseHolder();
        reply.setHolder(holder == null ? "" : holder);
        if (!reply.getHeld() && r.getAction() != LeaseRequest.Action.ACTION_RELEASE) {
            reply.setDetail(holder == null ? "this client does not hold the lease (it expired or was released): ACQUIRE it again"
                    : "the lease is held by '" + holder + "'");
        }
        send(ServerMessage.newBuilder().setLeaseReply(reply).build());
    }

    Stats stats() {
        long now = server.wallNanos();
        Stats.Builder b = Stats.newBuilder();
        long droppedTotal = 0;
        for (StreamCounters c : counters.values()) {
            long sent = c.sent();
            double windowS = (now - c.windowStartWallNanos) / 1e9;
            double rate = windowS > 0 ? (sent - c.windowStartSent) / windowS : 0;
            c.windowStartWallNanos = now;
            c.windowStartSent = sent;
            b.addStreams(StreamStats.newBuilder().setStreamId(c.streamId).setFramesSent(sent).setFramesDropped(c.dropped.get())
                    .setFramesDecimated(c.decimated.get()).setRateHz(rate));
            droppedTotal += c.dropped.get();
        }
        int n = (int) Math.min(latencyCount, LATENCY_WINDOW);
        if (n > 0) {
            long[] sorted = Arrays.copyOf(latenciesNanos, n);
            Arrays.sort(sorted);
            b.setLoopLatencyP50Nanos(percentile(sorted, 0.50)).setLoopLatencyP99Nanos(percentile(sorted, 0.99))
                    .setLoopLatencyMaxNanos(sorted[n - 1]);
        }
        int depth;
        synchronized (queue) {
            depth = queue.size();
        }
        return b.setFramesDroppedTotal(droppedTotal).setCommandsReceived(commandsReceived).setCommandsAccepted(commandsAccepted)
                .setBytesSent(bytesQueued.get()).setQueueDepth(depth).setQueueCapacity(queueCapacity).build();
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    SessionStats snapshot() {
        Map<String, Long> sent = new LinkedHashMap<>();
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (StreamCounters c : counters.values()) {
            sent.put(c.streamId, c.sent());
            dropped.put(c.streamId, c.dropped.get());
        }
        int depth;
        synchronized (queue) {
            depth = queue.size();
        }
        return new SessionStats(sessionId, clientName, sent, dropped, commandsReceived, commandsAccepted, depth);
    }

    private void send(ServerMessage m) {
        ctx.writeAndFlush(DelimitedFrames.encode(m, ctx.alloc()), ctx.voidPromise());
    }

    /** A non-fatal error, or a fatal one (then the connection closes). */
    private void error(ErrorCode code, String message, boolean fatal) {
        if (fatal) {
            fail(code, message);
            return;
        }
        LOG.info("socket: session {} ('{}'): {}", sessionId, clientName, message);
        send(ServerMessage.newBuilder().setError(SessionError.newBuilder().setCode(code).setMessage(message).setFatal(false)).build());
    }

    /** {@link #fail} on the session's event loop, from any thread. */
    void failFromAnyThread(ErrorCode code, String message) {
        try {
            ctx.executor().execute(() -> fail(code, message));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ctx.close();
        }
    }

    /** Sends a fatal error and closes the connection (at the latest after a grace period). Event loop only. */
    void fail(ErrorCode code, String message) {
        if (state == State.CLOSED || !ctx.channel().isActive()) {
            return;
        }
        LOG.info("socket: closing session {} ('{}') from {}: {}", sessionId, clientName, ctx.channel().remoteAddress(), message);
        ByteBuf frame = DelimitedFrames.encode(ServerMessage.newBuilder()
                .setError(SessionError.newBuilder().setCode(code).setMessage(message).setFatal(true)).build(), ctx.alloc());
        ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> {
            ctx.close();
        }, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        // Stop reading: nothing more from this client counts.
        ctx.channel().config().setAutoRead(false);
        synchronized (queue) {
            state = State.CLOSED;
        }
    }
}
