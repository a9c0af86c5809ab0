package org.hilbridge.bridge.socket.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits the stream into frames, each prefixed with its length as a base-128 varint of at most 5 bytes
 * (protobuf's writeDelimitedTo; encoding: https://protobuf.dev/programming-guides/encoding/#varints), like
 * Netty's ProtobufVarint32FrameDecoder but refusing a length over {@code maxFrameBytes} as soon as the
 * prefix is read, before a byte of the frame is buffered: a hostile prefix cannot make the peer allocate.
 * Emits each frame as a retained slice of the cumulation (no copy).
 */
public final class VarintFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;

    public VarintFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes = " + maxFrameBytes + " is not allowed: it must be >= 1");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            long length;
            try {
                length = peekVarint(in, start);
            } catch (CorruptedFrameException e) {
                // The stream's framing is lost: nothing after this can be trusted.
                in.skipBytes(in.readableBytes());
                throw e;
            }
            if (length == NEED_MORE) {
                return;
            }
            int prefixBytes = (int) (length >>> 32);
            int frameBytes = (int) length;
            if (frameBytes > maxFrameBytes) {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("frame length prefix " + frameBytes + " bytes is over the maximum of " + maxFrameBytes + " bytes");
            }
            if (in.readableBytes() < prefixBytes + frameBytes) {
                return;
            }
            in.skipBytes(prefixBytes);
            out.add(in.readRetainedSlice(frameBytes));
        }
    }

    private static final long NEED_MORE = -1;

    /**
     * The varint at {@code index}: its byte count in the high 32 bits and its value in the low 32, or
     * {@link #NEED_MORE} when it is not complete yet.
     *
     * @throws CorruptedFrameException a varint longer than 5 bytes or over 2^31 - 1 (protobuf limits a
     *                                 message to 2 GiB)
     */
    static long peekVarint(ByteBuf in, int index) {
        int value = 0;
        int end = in.writerIndex();
        for (int i = 0; i < 5; i++) {
            if (index + i >= end) {
                return NEED_MORE;
            }
            int b = in.getByte(index + i);
            value |= (b & 0x7F) << (7 * i);
            if (b >= 0) {
                if (value < 0) {
                    throw new CorruptedFrameException("frame length prefix is over 2^31 - 1");
                }
                return ((long) (i + 1) << 32) | value;
            }
        }
        throw new CorruptedFrameException("frame length prefix is longer than 5 bytes (not a varint32)");
    }
}
