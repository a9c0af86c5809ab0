package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;

/**
 * sensor_msgs/PointCloud2 from a LiDAR revolution, in the packed XYZIRT layout of the velodyne driver
 * (velodyne_pointcloud's PointcloudXYZIRT: x, y, z, intensity float32 at 0, 4, 8, 12; ring uint16 at 16;
 * time float32 at 18, seconds after the header stamp; point_step 22), so that tools written for Velodyne
 * clouds (deskewing by "time", ring-based ground segmentation) read ours unchanged. Unorganised (height 1,
 * width = points): dropped returns are absent, so every point is finite and is_dense is true. The header stamp
 * is the revolution's start (the sample's capture time); frame_id the sensor frame.
 *
 * <p>The sample is a struct of arrays and PointCloud2 interleaves, so the points are interleaved into a reused
 * scratch array and copied once into one pooled buffer; nothing else is allocated per cloud in steady state.
 * One instance per thread.
 */
public final class PointCloudEncoder {
    public static final int POINT_STEP = 22;
    /** sensor_msgs/PointField datatypes. */
    static final byte UINT16 = 4;
    static final byte FLOAT32 = 7;

    private static final String[] FIELD_NAMES = {"x", "y", "z", "intensity", "ring", "time"};
    private static final int[] FIELD_OFFSETS = {0, 4, 8, 12, 16, 18};
    private static final byte[] FIELD_TYPES = {FLOAT32, FLOAT32, FLOAT32, FLOAT32, UINT16, FLOAT32};

    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteBufAllocator alloc;
    /** Interleaved points of the last cloud, reused (grown to the largest cloud seen). */
    private byte[] scratch = new byte[0];

    public PointCloudEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    /**
     * Interleaves the points into the reused scratch array through little-endian array views (the JIT turns
     * these into plain stores; measured ~3x faster than absolute puts on a direct ByteBuffer), so that the
     * pooled buffer receives them in one bulk copy.
     */
    private byte[] interleave(PointCloudSample s) {
        int n = s.pointCount();
        if (scratch.length < n * POINT_STEP) {
            scratch = new byte[n * POINT_STEP];
        }
        byte[] out = scratch;
        float[] x = s.x();
        float[] y = s.y();
        float[] z = s.z();
        float[] intensity = s.intensity();
        short[] ring = s.ring();
        float[] time = s.timeOffsetS();
        for (int i = 0, p = 0; i < n; i++, p += POINT_STEP) {
            FLOAT_LE.set(out, p, x[i]);
            FLOAT_LE.set(out, p + 4, y[i]);
            FLOAT_LE.set(out, p + 8, z[i]);
            FLOAT_LE.set(out, p + 12, intensity[i]);
            SHORT_LE.set(out, p + 16, ring[i]);
            FLOAT_LE.set(out, p + 18, time[i]);
        }
        return out;
    }

    public ByteBuf encode(PointCloudSample s) {
        int n = s.pointCount();
        int dataBytes = n * POINT_STEP;
        int fieldsBytes = 4;
        for (String name : FIELD_NAMES) {
            fieldsBytes += RosWire.stringBytes(name) + 4 + 1 + 4;
        }
        int headBytes = RosWire.headerBytes(s.frameId()) + 4 + 4 + fieldsBytes + 1 + 4 + 4 + 4;
        ByteBuf buf = alloc.buffer(headBytes + dataBytes + 1);
        try {
            RosWire.writeHeader(buf, s.sequence(), s.captureNanos(), s.frameId());
            buf.writeIntLE(1); // height
            buf.writeIntLE(n); // width
            buf.writeIntLE(FIELD_NAMES.length);
            for (int i = 0; i < FIELD_NAMES.length; i++) {
                RosWire.writeString(buf, FIELD_NAMES[i]);
                buf.writeIntLE(FIELD_OFFSETS[i]);
                buf.writeByte(FIELD_TYPES[i]);
                buf.writeIntLE(1); // count
            }
            RosWire.writeBool(buf, false); // is_bigendian
            buf.writeIntLE(POINT_STEP);
            buf.writeIntLE(dataBytes); // row_step: one row
            buf.writeIntLE(dataBytes); // data length
            byte[] points = interleave(s);
            buf.writeBytes(points, 0, dataBytes);
            RosWire.writeBool(buf, true); // is_dense
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
