package org.hilbridge.bridge.ros.xmlrpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XML-RPC server on Netty's HTTP codec: a pipeline of {@link HttpServerCodec}, a guard that answers a
 * Content-Length over the limit with 413 and closes, an {@link HttpObjectAggregator} bounded by the same limit
 * (for chunked bodies), and the dispatcher, which runs the handler on {@code handlerExecutor} so a handler never holds up
 * an I/O thread. Keep-alive is honoured (Python's xmlrpc.client and roscpp's XmlRpc++ reuse connections).
 */
public final class XmlRpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XmlRpcServer.class);
    /** A connection with no request for this long is closed (idle keep-alive or a stalled sender). */
    private static final int IDLE_TIMEOUT_S = 60;

    private final Channel serverChannel;
    private final String label;

    private XmlRpcServer(Channel serverChannel, String label) {
        this.serverChannel = serverChannel;
        this.label = label;
    }

    /** Binds {@code bind} (port 0: any free port) and serves {@code handler} until {@link #close()}. */
    public static XmlRpcServer start(String label, EventLoopGroup group, Executor handlerExecutor, InetSocketAddress bind,
                                     XmlRpcLimits limits, XmlRpcHandler handler) throws InterruptedException {
        Objects.requireNonNull(handler, "handler");
        XmlRpcCodec codec = new XmlRpcCodec(limits);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(IDLE_TIMEOUT_S, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new ContentLengthGuard(label, limits.maxBodyBytes()))
                                .addLast(new HttpObjectAggregator(limits.maxBodyBytes()))
                                .addLast(new Dispatcher(label, codec, handler, handlerExecutor));
                    }
                });
        Channel ch = b.bind(bind).sync().channel();
        log.debug("{}: XML-RPC server on {}", label, ch.localAddress());
        return new XmlRpcServer(ch, label);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        log.debug("{}: XML-RPC server closed", label);
    }

    private static FullHttpResponse plain(HttpResponseStatus status, String text) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }

    /** Refuses a request whose declared body is over the limit before any of it is buffered (413, then close). */
    private static final class ContentLengthGuard extends ChannelInboundHandlerAdapter {
        private final String label;
        private final int maxBodyBytes;
        private boolean discarding;

        ContentLengthGuard(String label, int maxBodyBytes) {
            this.label = label;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest req) {
                discarding = false;
                String refusal = null;
                HttpResponseStatus status = null;
                if (req.decoderResult().isFailure()) {
                    status = HttpResponseStatus.BAD_REQUEST;
                    refusal = "malformed HTTP request: " + req.decoderResult().cause();
                } else {
                    long length;
                    try {
                        length = HttpUtil.getContentLength(req, -1L);
                    } catch (NumberFormatException e) {
                        length = Long.MAX_VALUE;
                    }
                    if (length > maxBodyBytes) {
                        status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
                        refusal = "Content-Length " + req.headers().get(HttpHeaderNames.CONTENT_LENGTH) + " exceeds the limit of " + maxBodyBytes + " bytes";
                    } else if (!HttpMethod.POST.equals(req.method())) {
                        status = HttpResponseStatus.METHOD_NOT_ALLOWED;
                        refusal = "method " + req.method() + " (XML-RPC takes POST)";
                    }
                }
                if (refusal != null) {
                    log.warn("{}: refused an XML-RPC request from {}: {}", label, ctx.channel().remoteAddress(), refusal);
                    discarding = true;
                    ReferenceCountUtil.release(msg);
                    ctx.writeAndFlush(plain(status, refusal + "\n")).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            if (discarding) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private static final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String label;
        private final XmlRpcCodec codec;
        private final XmlRpcHandler handler;
        private final Executor executor;
        private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null); // this connection's last answer; I/O thread only

        Dispatcher(String label, XmlRpcCodec codec, XmlRpcHandler handler, Executor executor) {
            this.label = label;
            this.codec = codec;
            this.handler = handler;
            this.executor = executor;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (req.decoderResult().isFailure()) {
                log.warn("{}: malformed HTTP request from {}: {}", label, ctx.channel().remoteAddress(), req.decoderResult().cause().toString());
                ctx.writeAndFlush(plain(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n")).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            byte[] body = ByteBufUtil.getBytes(req.content());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            // answers leave in request order even if a client pipelines requests on one connection
            previous = previous.thenRunAsync(() -> respond(ctx, answer(ctx, body), keepAlive), executor).exceptionally(e -> {
                ctx.close(); // rejected: shutting down
                return null;
            });
        }

        private void respond(ChannelHandlerContext ctx, byte[] answer, boolean keepAlive) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(answer));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml");
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, answer.length);
            HttpUtil.setKeepAlive(r, keepAlive);
            var f = ctx.writeAndFlush(r);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private byte[] answer(ChannelHandlerContext ctx, byte[] body) {
            XmlRpcCall call;
            try {
                call = codec.parseCall(body);
            } catch (XmlRpcParseException e) {
                log.warn("{}: refused an XML-RPC request from {}: {}", label, ctx.channel().remoteAddress(), e.getMessage());
                return XmlRpcCodec.writeFault(XmlRpcFault.PARSE_ERROR, "parse error: " + e.getMessage());
            }
            try {
                if (call.methodName().equals("system.multicall")) {
                    return XmlRpcCodec.writeResponse(multicall(call.params()));
                }
                return XmlRpcCodec.writeResponse(handler.handle(call.methodName(), call.params()));
            } catch (XmlRpcFault f) {
                log.debug("{}: {} answered fault {}: {}", label, call.methodName(), f.faultCode(), f.faultString());
                return XmlRpcCodec.writeFault(f.faultCode(), f.faultString());
            } catch (Exception | StackOverflowError e) {
                log.error("{}: {} failed", label, call.methodName(), e);
                return XmlRpcCodec.writeFault(XmlRpcFault.INTERNAL_ERROR, call.methodName() + " failed: " + e);
            }
        }

        /**
         * system.multicall (the XML-RPC introspection extension Python's xmlrpc.client.MultiCall uses; roslaunch
         * sets its parameters with it): each call's answer wrapped in a one-element array, or a fault struct.
         */
        private List<Object> multicall(List<Object> params) throws XmlRpcFault {
            if (params.size() != 1 || !(params.get(0) instanceof List<?> calls)) {
                throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMS, "system.multicall takes one array of {methodName, params} structs");
            }
            List<Object> out = new ArrayList<>();
            for (Object c : calls) {
                try {
                    if (!(c instanceof Map<?, ?> m) || !(m.get("methodName") instanceof String name) || !(m.get("params") instanceof List<?> args)) {
                        throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMS, "system.multicall entry must be a {methodName, params} struct, got " + c);
                    }
                    if (name.equals("system.multicall")) {
                        throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMS, "system.multicall may not be nested");
                    }
                    out.add(List.of(handler.handle(name, new ArrayList<>(args))));
                } catch (XmlRpcFault f) {
                    out.add(Map.of("faultCode", f.faultCode(), "faultString", f.faultString()));
                } catch (Exception e) {
                    log.error("{}: a call in system.multicall failed", label, e);
                    out.add(Map.of("faultCode", XmlRpcFault.INTERNAL_ERROR, "faultString", e.toString()));
                }
            }
            return out;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: XML-RPC connection from {} closed: {}", label, ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
