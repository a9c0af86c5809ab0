package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Objects;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;

/**
 * tf2_msgs/TFMessage bodies: the moving odom -> base_link transform for /tf (REP-105) and the fixed sensor
 * frames for /tf_static. Each TransformStamped is header, child_frame_id, translation, rotation (x, y, z, w).
 */
public final class TfEncoder {
    private static final int TRANSFORM_BYTES = 3 * 8 + 4 * 8;

    private final ByteBufAllocator alloc;

    public TfEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    /** odom -> child from wheel odometry: planar, z = 0, rotation about z by the yaw. */
    public ByteBuf fromWheelOdometry(OdometrySample s) {
        ByteBuf buf = alloc.buffer(4 + RosWire.headerBytes(s.frameId()) + RosWire.stringBytes(s.childFrameId()) + TRANSFORM_BYTES);
        try {
            buf.writeIntLE(1);
            RosWire.writeHeader(buf, s.sequence(), s.captureNanos(), s.frameId());
            RosWire.writeString(buf, s.childFrameId());
            RosWire.writeVector3(buf, s.xM(), s.yM(), 0);
            double half = s.yawRad() / 2;
            RosWire.writeQuaternion(buf, 0, 0, StrictTrig.sin(half), StrictTrig.cos(half));
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** {@code parentFrame} -> the sample's frame from ground truth: the exact 6-DOF pose in the world. */
    public ByteBuf fromGroundTruth(GroundTruthSample s, String parentFrame) {
        ByteBuf buf = alloc.buffer(4 + RosWire.headerBytes(parentFrame) + RosWire.stringBytes(s.frameId()) + TRANSFORM_BYTES);
        try {
            buf.writeIntLE(1);
            RosWire.writeHeader(buf, s.sequence(), s.captureNanos(), parentFrame);
            RosWire.writeString(buf, s.frameId());
            RosWire.writeVector3(buf, s.xM(), s.yM(), s.zM());
            RosWire.writeQuaternion(buf, s.qx(), s.qy(), s.qz(), s.qw());
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** One TFMessage holding every fixed transform, all stamped {@code stampNanos} (static transforms hold at all times). */
    public ByteBuf staticTransforms(List<StaticTransform> transforms, long stampNanos) {
        int size = 4;
        for (StaticTransform t : transforms) {
            size += RosWire.headerBytes(t.parent()) + RosWire.stringBytes(t.child()) + TRANSFORM_BYTES;
        }
        ByteBuf buf = alloc.buffer(size);
        try {
            buf.writeIntLE(transforms.size());
            for (StaticTransform t : transforms) {
                RosWire.writeHeader(buf, 0, stampNanos, t.parent());
                RosWire.writeString(buf, t.child());
                RosWire.writeVector3(buf, t.xM(), t.yM(), t.zM());
                RosWire.writeQuaternion(buf, t.qx(), t.qy(), t.qz(), t.qw());
            }
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
