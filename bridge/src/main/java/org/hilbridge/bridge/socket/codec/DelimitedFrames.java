package org.hilbridge.bridge.socket.codec;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Writes length-delimited protobuf frames (varint length, then the message) into Netty buffers. */
public final class DelimitedFrames {
    private DelimitedFrames() {
    }

    /** One frame in a fresh buffer from {@code alloc} (a direct one where the allocator prefers it). */
    public static ByteBuf encode(MessageLite message, ByteBufAllocator alloc) {
        int size = message.getSerializedSize();
        int total = CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        ByteBuf buf = alloc.ioBuffer(total, total);
        try {
            ByteBuffer nio = buf.nioBuffer(0, total);
            CodedOutputStream out = CodedOutputStream.newInstance(nio);
            out.writeUInt32NoTag(size);
            message.writeTo(out);
            out.flush();
            buf.writerIndex(total);
            return buf;
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
