package org.hilbridge.bridge.ros.tcpros;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber's end of one TCPROS connection to a publisher: sends our connection header, checks the
 * publisher's answer (an {@code error} field, or an md5sum other than ours, closes the connection with a log
 * line), then hands each framed message to the {@link MessageHandler} (http://wiki.ros.org/ROS/TCPROS).
 */
public final class PublisherLink {
    private static final Logger log = LoggerFactory.getLogger(PublisherLink.class);

    private final String topic;
    private final String publisherUri;
    private volatile Channel channel;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private volatile ConnectionHeader publisherHeader;

    private PublisherLink(String topic, String publisherUri) {
        this.topic = topic;
        this.publisherUri = publisherUri;
    }

    /**
     * Connects to a publisher's TCPROS port. {@code onClosed} runs when the connection ends, for whatever reason.
     *
     * @param maxMessageBytes largest message accepted; a longer one closes the connection
     */
    public static PublisherLink connect(EventLoopGroup group, String callerId, String topic, MessageType type, String publisherUri, String host, int port,
                                        boolean tcpNoDelay, int maxMessageBytes, MessageHandler handler, Runnable onClosed) {
        Objects.requireNonNull(handler, "handler");
        ConnectionHeader request = ConnectionHeader.of(
                ConnectionHeader.CALLERID, callerId,
                ConnectionHeader.TOPIC, topic,
                ConnectionHeader.MD5SUM, type.md5sum(),
                ConnectionHeader.TYPE, type.name(),
                ConnectionHeader.MESSAGE_DEFINITION, type.definition(),
                ConnectionHeader.TCP_NODELAY, tcpNoDelay ? "1" : "0");
        // the link exists before the connection: the handshake may complete before connect() returns
        PublisherLink link = new PublisherLink(topic, publisherUri);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, tcpNoDelay)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new FrameDecoder(callerId + " " + topic, maxMessageBytes))
                                .addLast(new Receiver(topic, type, publisherUri, request, handler, link));
                    }
                });
        var cf = b.connect(host, port);
        link.channel = cf.channel();
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("{}: cannot connect to publisher {} at {}:{}: {}", topic, publisherUri, host, port, f.cause().getMessage());
            }
        });
        cf.channel().closeFuture().addListener(f -> onClosed.run());
        return link;
    }

    public String publisherUri() {
        return publisherUri;
    }

    public String topic() {
        return topic;
    }

    public boolean connected() {
        return channel.isActive() && publisherHeader != null;
    }

    public long messagesReceived() {
        return received.get();
    }

    public long bytesReceived() {
        return receivedBytes.get();
    }

    /** The publisher's connection header once the handshake is done, else null. */
    public ConnectionHeader publisherHeader() {
        return publisherHeader;
    }

    /** False once the connection is closed (or failed to open). */
    public boolean isOpen() {
        return channel.isOpen();
    }

    public void close() {
        channel.close();
    }

    private static final class Receiver extends ChannelInboundHandlerAdapter {
        private final String topic;
        private final MessageType type;
        private final String publisherUri;
        private final ConnectionHeader request;
        private final MessageHandler handler;
        private final PublisherLink link;
        private ConnectionHeader answer;

        Receiver(String topic, MessageType type, String publisherUri, ConnectionHeader request, MessageHandler handler,
                 PublisherLink link) {
            this.topic = topic;
            this.type = type;
            this.publisherUri = publisherUri;
            this.request = request;
            this.handler = handler;
            this.link = link;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(request.encode(ctx.alloc()));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                if (answer == null) {
                    handshake(ctx, frame);
                    return;
                }
                PublisherLink l = link;
                l.received.incrementAndGet();
                l.receivedBytes.addAndGet(frame.readableBytes());
                try {
                    handler.onMessage(frame, answer);
                } catch (Exception e) {
                    log.error("{}: the subscriber's handler failed on a message from {}", topic, publisherUri, e);
                }
            } finally {
                frame.release();
            }
        }

        private void handshake(ChannelHandlerContext ctx, ByteBuf frame) {
            ConnectionHeader h;
            try {
                h = ConnectionHeader.decode(frame);
            } catch (ConnectionHeaderException e) {
                log.warn("{}: publisher {} answered garbage instead of a connection header ({}); closed", topic, publisherUri, e.getMessage());
                ctx.close();
                return;
            }
            String refusal = null;
            if (h.get(ConnectionHeader.ERROR) != null) {
                refusal = "it refused us: " + h.get(ConnectionHeader.ERROR);
            } else if (!type.md5sum().equals("*") && !type.md5sum().equals(h.get(ConnectionHeader.MD5SUM))) {
                refusal = "md5sums do not match: we have [" + type.md5sum() + "] for [" + type.name() + "], it has [" + h.get(ConnectionHeader.MD5SUM)
                        + "] for [" + h.get(ConnectionHeader.TYPE) + "]";
            }
            if (refusal != null) {
                log.warn("{}: dropped the connection to publisher {}: {}", topic, publisherUri, refusal);
                ctx.close();
                return;
            }
            answer = h;
            link.publisherHeader = h;
            log.info("{}: connected to publisher {} ({})", topic, h.get(ConnectionHeader.CALLERID), publisherUri);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (c instanceof TooLongFrameException) {
                log.warn("{}: publisher {} sent a frame over the size limit ({}); closed", topic, publisherUri, c.getMessage());
            } else {
                log.warn("{}: connection to publisher {} failed: {}", topic, publisherUri, c.toString());
            }
            ctx.close();
        }
    }
}
