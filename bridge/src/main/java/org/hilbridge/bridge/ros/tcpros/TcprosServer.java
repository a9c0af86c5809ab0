package org.hilbridge.bridge.ros.tcpros;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's TCPROS publisher port (one for all its topics, as roscpp does). A subscriber connects, sends its
 * connection header, and gets ours back or an {@code error} field (http://wiki.ros.org/ROS/TCPROS): the topic
 * must be one we publish, and type and md5sum must equal ours unless the subscriber sends "*" (rostopic,
 * rosbag). Then the connection joins that topic's {@link TopicFanout}. Garbage, oversized or slow headers
 * and refused handshakes are logged and the connection closed; other connections are unaffected.
 */
public final class TcprosServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcprosServer.class);
    /** Largest connection header accepted; message_definition texts of the largest common types are ~10 kB. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    /** A subscriber has this long to send its header. */
    static final int HANDSHAKE_TIMEOUT_S = 10;

    private final String callerId;
    private final Map<String, TopicFanout> topics = new ConcurrentHashMap<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final Channel serverChannel;

    public TcprosServer(String callerId, EventLoopGroup group, InetSocketAddress bind) throws InterruptedException {
        this.callerId = Objects.requireNonNull(callerId, "callerId");
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("timeout", new ReadTimeoutHandler(HANDSHAKE_TIMEOUT_S, TimeUnit.SECONDS))
                                .addLast("frames", new FrameDecoder(callerId + " TCPROS", MAX_HEADER_BYTES))
                                .addLast("handshake", new Handshake());
                    }
                });
        this.serverChannel = b.bind(bind).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public void add(TopicFanout fanout) {
        if (topics.putIfAbsent(fanout.topic(), fanout) != null) {
            throw new IllegalStateException(fanout.topic() + " is already advertised by " + callerId);
        }
    }

    public void remove(TopicFanout fanout) {
        topics.remove(fanout.topic(), fanout);
        fanout.close();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        for (TopicFanout f : topics.values()) {
            f.close();
        }
        topics.clear();
    }

    /** Why a subscriber's header is refused, or null when it is accepted (rules: roscpp's TransportPublisherLink / rospy's tcpros_pubsub). */
    static String refusal(ConnectionHeader h, TopicFanout f, String topic, Map<String, TopicFanout> topics) {
        if (h.get(ConnectionHeader.SERVICE) != null) {
            return "this node offers no services (asked for " + h.get(ConnectionHeader.SERVICE) + ")";
        }
        if (topic == null) {
            return "connection header has no 'topic' field";
        }
        if (h.get(ConnectionHeader.CALLERID) == null) {
            return "connection header has no 'callerid' field";
        }
        if (f == null) {
            return "not a publisher of [" + topic + "]; topics are " + topics.keySet();
        }
        String md5 = h.get(ConnectionHeader.MD5SUM);
        if (md5 == null) {
            return "connection header has no 'md5sum' field";
        }
        if (!md5.equals("*") && !md5.equals(f.type().md5sum())) {
            return "md5sums do not match for [" + topic + "]: subscriber has [" + md5 + "] for type [" + h.get(ConnectionHeader.TYPE)
                    + "], publisher has [" + f.type().md5sum() + "] for [" + f.type().name() + "]";
        }
        String type = h.get(ConnectionHeader.TYPE);
        if (type != null && !type.equals("*") && !type.equals(f.type().name())) {
            return "types do not match for [" + topic + "]: subscriber wants [" + type + "], publisher has [" + f.type().name() + "]";
        }
        return null;
    }

    private final class Handshake extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            ConnectionHeader h;
            try {
                h = ConnectionHeader.decode(frame);
            } catch (ConnectionHeaderException e) {
                log.warn("{}: garbage from {} instead of a TCPROS connection header ({}); closed", callerId, ctx.channel().remoteAddress(), e.getMessage());
                ctx.close();
                return;
            } finally {
                frame.release();
            }
            String topic = h.get(ConnectionHeader.TOPIC);
            TopicFanout f = topic == null ? null : topics.get(topic);
            String refusal = refusal(h, f, topic, topics);
            if (refusal != null) {
                log.warn("{}: refused subscriber {} from {}: {}", callerId, h.get(ConnectionHeader.CALLERID), ctx.channel().remoteAddress(), refusal);
                ctx.writeAndFlush(ConnectionHeader.of(ConnectionHeader.ERROR, refusal).encode(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
                ctx.pipeline().remove(this);
                ctx.pipeline().addLast(new Discard(null, null));
                return;
            }
            if (h.flag(ConnectionHeader.TCP_NODELAY)) {
                ctx.channel().config().setOption(ChannelOption.TCP_NODELAY, true);
            }
            ConnectionHeader answer = ConnectionHeader.of(
                    ConnectionHeader.CALLERID, callerId,
                    ConnectionHeader.TOPIC, topic,
                    ConnectionHeader.TYPE, f.type().name(),
                    ConnectionHeader.MD5SUM, f.type().md5sum(),
                    ConnectionHeader.MESSAGE_DEFINITION, f.type().definition(),
                    ConnectionHeader.LATCHING, f.latched() ? "1" : "0");
            ctx.writeAndFlush(answer.encode(ctx.alloc()));
            ctx.pipeline().remove("timeout");
            ctx.pipeline().remove("frames");
            SubscriberLink link = f.attach(connectionIds.incrementAndGet(), h.get(ConnectionHeader.CALLERID), ctx.channel());
            ctx.pipeline().replace(this, "link", new Discard(f, link));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause.getCause() != null && cause instanceof io.netty.handler.codec.DecoderException ? cause.getCause() : cause;
            if (c instanceof TooLongFrameException) {
                log.warn("{}: garbage from {} on the TCPROS port (a header length over {} bytes); closed", callerId, ctx.channel().remoteAddress(), MAX_HEADER_BYTES);
            } else if (c instanceof ReadTimeoutException) {
                log.warn("{}: {} sent no complete connection header within {} s; closed", callerId, ctx.channel().remoteAddress(), HANDSHAKE_TIMEOUT_S);
            } else {
                log.warn("{}: TCPROS connection from {} failed during the handshake: {}", callerId, ctx.channel().remoteAddress(), c.toString());
            }
            ctx.close();
        }
    }

    /** After the handshake a subscriber sends nothing we use; this drains it and keeps the link informed. */
    private static final class Discard extends ChannelInboundHandlerAdapter {
        private final TopicFanout fanout;
        private final SubscriberLink link;

        Discard(TopicFanout fanout, SubscriberLink link) {
            this.fanout = fanout;
            this.link = link;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (link != null) {
                link.drain();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (link != null) {
                link.closed();
                fanout.detach(link);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("subscriber connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
