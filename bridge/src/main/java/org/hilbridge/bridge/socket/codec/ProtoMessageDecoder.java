package org.hilbridge.bridge.socket.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Parses each frame (from {@link VarintFrameDecoder}) as one protobuf message. A frame that does not parse
 * raises a {@link BadFrameException} naming the message type and protobuf's reason.
 */
public final class ProtoMessageDecoder<T> extends MessageToMessageDecoder<ByteBuf> {
    private final Parser<T> parser;
    private final String typeName;

    public ProtoMessageDecoder(Parser<T> parser, String typeName) {
        super(ByteBuf.class);
        this.parser = parser;
        this.typeName = typeName;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(parse(frame));
    }

    /** Parses {@code frame}'s readable bytes (without consuming them). */
    public T parse(ByteBuf frame) {
        try {
            // One contiguous buffer: read in place. A composite (a large frame gathered by the composite
            // cumulator): streamed, so each bulk field is copied once, into its ByteString, and no more.
            CodedInputStream in = frame.nioBufferCount() == 1
                    ? CodedInputStream.newInstance(frame.nioBuffer())
                    : CodedInputStream.newInstance(new io.netty.buffer.ByteBufInputStream(frame.duplicate()), 64 << 10);
            // A frame is one whole message: a bulk field may be as large as the frame itself.
            in.setSizeLimit(Integer.MAX_VALUE);
            T message = parser.parseFrom(in);
            return message;
        } catch (InvalidProtocolBufferException e) {
            throw new BadFrameException("a frame of " + frame.readableBytes() + " bytes is not a " + typeName + ": " + e.getMessage(), e);
        }
    }

    /** A frame whose bytes are not the expected message. */
    public static final class BadFrameException extends DecoderException {
        public BadFrameException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
