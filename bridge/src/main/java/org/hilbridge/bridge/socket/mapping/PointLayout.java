package org.hilbridge.bridge.socket.mapping;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.hilbridge.proto.v1.PointField;
import org.hilbridge.proto.v1.PointFieldType;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;

/**
 * How a point is packed in PointCloud.points_le: the fields of velodyne_pointcloud's XYZIRT cloud (x, y, z,
 * intensity float32, ring uint16, time float32) plus a uint8 semantic label, little-endian, 24 bytes:
 * x @0, y @4, z @8, intensity @12, ring @16, label @18, one pad byte, time @20.
 */
public final class PointLayout {
    public static final int POINT_STEP_BYTES = 24;
    public static final List<PointField> FIELDS = List.of(
            field("x", 0, PointFieldType.POINT_FIELD_TYPE_FLOAT32),
            field("y", 4, PointFieldType.POINT_FIELD_TYPE_FLOAT32),
            field("z", 8, PointFieldType.POINT_FIELD_TYPE_FLOAT32),
            field("intensity", 12, PointFieldType.POINT_FIELD_TYPE_FLOAT32),
            field("ring", 16, PointFieldType.POINT_FIELD_TYPE_UINT16),
            field("label", 18, PointFieldType.POINT_FIELD_TYPE_UINT8),
            field("time", 20, PointFieldType.POINT_FIELD_TYPE_FLOAT32));

    private PointLayout() {
    }

    private static PointField field(String name, int offset, PointFieldType type) {
        return PointField.newBuilder().setName(name).setOffsetBytes(offset).setType(type).setCount(1).build();
    }

    /** Appends the sample's points, packed, to {@code out} (which must have room for them). */
    static void pack(PointCloudSample s, ByteBuf out) {
        float[] x = s.x();
        float[] y = s.y();
        float[] z = s.z();
        float[] intensity = s.intensity();
        short[] ring = s.ring();
        byte[] label = s.semanticClassId();
        float[] time = s.timeOffsetS();
        for (int i = 0; i < x.length; i++) {
            out.writeFloatLE(x[i]);
            out.writeFloatLE(y[i]);
            out.writeFloatLE(z[i]);
            out.writeFloatLE(intensity[i]);
            out.writeShortLE(ring[i]);
            out.writeByte(label[i]);
            out.writeByte(0);
            out.writeFloatLE(time[i]);
        }
    }
}
