package org.hilbridge.bridge.ros.tcpros;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCPROS framing: every header and message is a 4-byte little-endian length followed by that many bytes
 * (http://wiki.ros.org/ROS/TCPROS). Frames are handed on without the length. A length over the limit fails the
 * connection (garbage on the port usually looks like a huge length); a connection that closes inside a frame
 * is logged as a truncated message.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    private final String label;

    FrameDecoder(String label, int maxFrameBytes) {
        super(ByteOrder.LITTLE_ENDIAN, maxFrameBytes, 0, 4, 0, 4, true);
        this.label = label;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) {
            log.warn("{}: connection from {} closed inside a frame: {} byte(s) of a truncated message discarded", label, ctx.channel().remoteAddress(),
                    in.readableBytes());
            in.skipBytes(in.readableBytes());
        }
    }
}
