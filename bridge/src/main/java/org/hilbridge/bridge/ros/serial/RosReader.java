package org.hilbridge.bridge.ros.serial;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads a ROS 1 serialised body (the layout of {@link RosWire}) with every read checked against what is
 * left, so a truncated or corrupt body ends in an {@link IllegalArgumentException} that names the message
 * type, the field, the offset and the byte counts, never in an IndexOutOfBoundsException from deep inside.
 * Reads from the buffer's reader index; does not release it.
 */
public final class RosReader {
    private final ByteBuf buf;
    private final String type;
    private final int start;

    public RosReader(ByteBuf buf, String type) {
        this.buf = buf;
        this.type = type;
        this.start = buf.readerIndex();
    }

    public int readUint32AsInt(String field) {
        need(field, 4);
        return buf.readIntLE();
    }

    public double readFloat64(String field) {
        need(field, 8);
        return buf.readDoubleLE();
    }

    public float readFloat32(String field) {
        need(field, 4);
        return buf.readFloatLE();
    }

    /** A time as sim nanoseconds: secs * 1e9 + nsecs, each read as uint32. */
    public long readTimeNanos(String field) {
        need(field, RosWire.TIME_BYTES);
        long secs = buf.readIntLE() & 0xFFFF_FFFFL;
        long nsecs = buf.readIntLE() & 0xFFFF_FFFFL;
        return secs * RosWire.NANOS_PER_SECOND + nsecs;
    }

    public String readString(String field) {
        need(field + " (length)", 4);
        long n = buf.readIntLE() & 0xFFFF_FFFFL;
        if (n > buf.readableBytes()) {
            throw new IllegalArgumentException(type + " is truncated or corrupt: field " + field + " says " + n + " bytes at offset "
                    + offset() + ", only " + buf.readableBytes() + " left (body " + (buf.writerIndex() - start) + " bytes)");
        }
        String s = buf.toString(buf.readerIndex(), (int) n, StandardCharsets.UTF_8);
        buf.skipBytes((int) n);
        return s;
    }

    /** std_msgs/Header's seq and frame_id are skipped; its stamp returned (sim nanoseconds). */
    public long readHeaderStampNanos(String field) {
        readUint32AsInt(field + ".seq");
        long stamp = readTimeNanos(field + ".stamp");
        readString(field + ".frame_id");
        return stamp;
    }

    /** Refuses bytes after the last field: they mean the sender serialised another type. */
    public void requireEnd() {
        if (buf.isReadable()) {
            throw new IllegalArgumentException(type + " has " + buf.readableBytes() + " bytes after its last field (body "
                    + (buf.writerIndex() - start) + " bytes): not a " + type);
        }
    }

    private void need(String field, int bytes) {
        if (buf.readableBytes() < bytes) {
            throw new IllegalArgumentException(type + " is truncated: field " + field + " needs " + bytes + " bytes at offset "
                    + offset() + ", only " + buf.readableBytes() + " left (body " + (buf.writerIndex() - start) + " bytes)");
        }
    }

    private int offset() {
        return buf.readerIndex() - start;
    }
}
