package org.hilbridge.bridge.ros.serial;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writing ROS 1 serialisation into a {@link ByteBuf} (http://wiki.ros.org/msg#Serialization and
 * http://wiki.ros.org/ROS/Technical%20Overview#Message_serialization_and_msg_MD5_sums): fields in declaration
 * order, no padding, little-endian; a string or variable-length array is a uint32 length (bytes for a string,
 * elements for an array) followed by its content; a fixed-length array is its elements alone; time is uint32
 * seconds then uint32 nanoseconds; bool is one byte. Nothing here allocates: strings are encoded straight into
 * the buffer.
 */
public final class RosWire {
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Serialised size of a time (uint32 secs, uint32 nsecs). */
    public static final int TIME_BYTES = 8;

    private RosWire() {
    }

    /** Bytes a string field takes: its uint32 length and its UTF-8 bytes. */
    public static int stringBytes(CharSequence s) {
        return 4 + ByteBufUtil.utf8Bytes(s);
    }

    /** Bytes a std_msgs/Header takes (uint32 seq, time stamp, string frame_id). */
    public static int headerBytes(CharSequence frameId) {
        return 4 + TIME_BYTES + stringBytes(frameId);
    }

    public static void writeString(ByteBuf buf, CharSequence s) {
        int lengthAt = buf.writerIndex();
        buf.writeIntLE(0);
        int n = ByteBufUtil.writeUtf8(buf, s);
        buf.setIntLE(lengthAt, n);
    }

    /**
     * A ROS time from sim nanoseconds: secs = nanos / 1e9, nsecs = nanos mod 1e9 (ros::Time's normalised
     * form: 0 <= nsecs < 1e9). Sim time starts at 0, so a negative time is a bug and refused.
     */
    public static void writeTime(ByteBuf buf, long stampNanos) {
        if (stampNanos < 0 || stampNanos / NANOS_PER_SECOND > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("stamp " + stampNanos + " ns is not allowed: a ROS time holds 0 to 2^32-1 s (uint32 seconds)");
        }
        buf.writeIntLE((int) (stampNanos / NANOS_PER_SECOND));
        buf.writeIntLE((int) (stampNanos % NANOS_PER_SECOND));
    }

    /** std_msgs/Header: uint32 seq (the sample's sequence, mod 2^32), time stamp, string frame_id. */
    public static void writeHeader(ByteBuf buf, long sequence, long stampNanos, CharSequence frameId) {
        buf.writeIntLE((int) sequence);
        writeTime(buf, stampNanos);
        writeString(buf, frameId);
    }

    /** geometry_msgs/Vector3 or Point: three float64. */
    public static void writeVector3(ByteBuf buf, double x, double y, double z) {
        buf.writeDoubleLE(x);
        buf.writeDoubleLE(y);
        buf.writeDoubleLE(z);
    }

    /** geometry_msgs/Quaternion: x, y, z, w (note the order: w last). */
    public static void writeQuaternion(ByteBuf buf, double x, double y, double z, double w) {
        buf.writeDoubleLE(x);
        buf.writeDoubleLE(y);
        buf.writeDoubleLE(z);
        buf.writeDoubleLE(w);
    }

    /** A fixed-length float64 array (no length prefix): {@code count} values, all {@code value}. */
    public static void writeFilledFloat64(ByteBuf buf, int count, double value) {
        for (int i = 0; i < count; i++) {
            buf.writeDoubleLE(value);
        }
    }

    /** A fixed-length float64 array (no length prefix) from {@code values}. */
    public static void writeFloat64s(ByteBuf buf, double[] values) {
        for (double v : values) {
            buf.writeDoubleLE(v);
        }
    }

    /** A 3x3 row-major covariance with {@code xx, yy, zz} on the diagonal, zeros elsewhere. */
    public static void writeDiagonal3(ByteBuf buf, double xx, double yy, double zz) {
        buf.writeDoubleLE(xx);
        writeFilledFloat64(buf, 3, 0);
        buf.writeDoubleLE(yy);
        writeFilledFloat64(buf, 3, 0);
        buf.writeDoubleLE(zz);
    }

    public static void writeBool(ByteBuf buf, boolean b) {
        buf.writeByte(b ? 1 : 0);
    }
}
