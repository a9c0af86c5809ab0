package org.hilbridge.bridge.ros.xmlrpc;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An XML-RPC client on Netty's HTTP client codec: one connection per call ({@code Connection: close}), as
 * rospy's ServerProxy effectively does; ROS API traffic is a handful of calls per second at most.
 *
 * <p>Futures complete on a Netty I/O thread: continuations attached to them must not block.
 */
public final class XmlRpcClient {
    private final EventLoopGroup group;
    private final XmlRpcCodec codec;
    private final Duration timeout;

    public XmlRpcClient(EventLoopGroup group, XmlRpcLimits limits, Duration timeout) {
        this.group = Objects.requireNonNull(group, "group");
        this.codec = new XmlRpcCodec(limits);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Calls {@code method} at {@code uri}; the future completes with the answer's value, or exceptionally with
     * an {@link IOException} (cannot connect, timeout, HTTP error), an {@link XmlRpcFault} or an
     * {@link XmlRpcParseException}.
     */
    public CompletableFuture<Object> call(URI uri, String method, List<?> params) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        if (host == null) {
            result.completeExceptionally(new IOException("XML-RPC URI has no host: " + uri));
            return result;
        }
        byte[] body = XmlRpcCodec.writeCall(method, params);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(codec.limits().maxBodyBytes()))
                                .addLast(new AnswerHandler(uri, method, result));
                    }
                });
        ChannelFuture connect = b.connect(host, port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                ConnectException e = new ConnectException("cannot reach the XML-RPC server at " + uri + ": " + f.cause().getMessage());
                e.initCause(f.cause());
                result.completeExceptionally(e);
                return;
            }
            Channel ch = connect.channel();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
            req.headers().set(HttpHeaderNames.HOST, host + ":" + port);
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml");
            req.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ch.writeAndFlush(req).addListener(w -> {
                if (!w.isSuccess()) {
                    result.completeExceptionally(new IOException("sending " + method + " to " + uri + " failed: " + w.cause(), w.cause()));
                    ch.close();
                }
            });
        });
        return result;
    }

    /** A ROS API call: the {@code [code, statusMessage, value]} answer. */
    public CompletableFuture<RosResponse> callRos(URI uri, String method, List<?> params) {
        return call(uri, method, params).thenApply(v -> {
            try {
                return RosResponse.fromXmlRpc(v);
            } catch (RosApiException e) {
                throw new java.util.concurrent.CompletionException(new IOException(method + " at " + uri + ": " + e.getMessage(), e));
            }
        });
    }

    /** Blocking form of {@link #callRos} for threads that may block (never an I/O thread). */
    public RosResponse callRosBlocking(URI uri, String method, List<?> params) throws IOException, InterruptedException {
        try {
            return callRos(uri, method, params).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(method + " at " + uri + " failed: " + c, c);
        } catch (TimeoutException e) {
            throw new IOException(method + " at " + uri + " did not answer within " + timeout.toMillis() + " ms", e);
        }
    }

    private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final URI uri;
        private final String method;
        private final CompletableFuture<Object> result;

        AnswerHandler(URI uri, String method, CompletableFuture<Object> result) {
            this.uri = uri;
            this.method = method;
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            try {
                if (r.decoderResult().isFailure()) {
                    result.completeExceptionally(new IOException("malformed HTTP answer to " + method + " from " + uri + ": " + r.decoderResult().cause()));
                } else if (!HttpResponseStatus.OK.equals(r.status())) {
                    result.completeExceptionally(new IOException("HTTP " + r.status() + " answering " + method + " from " + uri));
                } else {
                    result.complete(codec.parseResponse(ByteBufUtil.getBytes(r.content())));
                }
            } catch (XmlRpcFault | XmlRpcParseException e) {
                result.completeExceptionally(e);
            } finally {
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IOException("the XML-RPC server at " + uri + " closed the connection before answering " + method));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            String what = cause instanceof io.netty.handler.timeout.ReadTimeoutException
                    ? "no answer within " + timeout.toMillis() + " ms" : cause.toString();
            result.completeExceptionally(new IOException(method + " at " + uri + ": " + what, cause));
            ctx.close();
        }
    }
}
