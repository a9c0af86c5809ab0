package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;

/**
 * nav_msgs/Odometry: the pose of child_frame_id in header.frame_id and its twist in child_frame_id
 * (Odometry.msg). Wheel odometry (/vehicle/odom) is planar: pose (x, y, 0, yaw), twist (forward speed, 0, 0;
 * 0, 0, yaw rate), frames as the sample names them (odom, base_link). Ground truth (/ground_truth/odom) is
 * the full 6-DOF state of the sample's frame in the world frame; its world-frame velocity is rotated into
 * the child frame (v_child = R^T v_world). Covariances are zero: ground truth is exact, and the wheel
 * odometry model has no covariance of its own to report.
 */
public final class OdometryEncoder {
    private static final int POSE_TWIST_BYTES = (3 + 4) * 8 + 36 * 8 + (3 + 3) * 8 + 36 * 8;

    private final ByteBufAllocator alloc;

    public OdometryEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public ByteBuf wheel(OdometrySample s) {
        ByteBuf buf = alloc.buffer(RosWire.headerBytes(s.frameId()) + RosWire.stringBytes(s.childFrameId()) + POSE_TWIST_BYTES);
        try {
            RosWire.writeHeader(buf, s.sequence(), s.captureNanos(), s.frameId());
            RosWire.writeString(buf, s.childFrameId());
            RosWire.writeVector3(buf, s.xM(), s.yM(), 0);
            double half = s.yawRad() / 2;
            RosWire.writeQuaternion(buf, 0, 0, StrictTrig.sin(half), StrictTrig.cos(half));
            RosWire.writeFilledFloat64(buf, 36, 0);
            RosWire.writeVector3(buf, s.forwardSpeedMps(), 0, 0);
            RosWire.writeVector3(buf, 0, 0, s.yawRateRadPerS());
            RosWire.writeFilledFloat64(buf, 36, 0);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** @param worldFrame the frame the ground truth is expressed in (the ENU world, e.g. "map") */
    public ByteBuf groundTruth(GroundTruthSample s, String worldFrame) {
        ByteBuf buf = alloc.buffer(RosWire.headerBytes(worldFrame) + RosWire.stringBytes(s.frameId()) + POSE_TWIST_BYTES);
        try {
            RosWire.writeHeader(buf, s.sequence(), s.captureNanos(), worldFrame);
            RosWire.writeString(buf, s.frameId());
            RosWire.writeVector3(buf, s.xM(), s.yM(), s.zM());
            RosWire.writeQuaternion(buf, s.qx(), s.qy(), s.qz(), s.qw());
            RosWire.writeFilledFloat64(buf, 36, 0);
            writeWorldToBody(buf, s.qw(), s.qx(), s.qy(), s.qz(), s.vxMps(), s.vyMps(), s.vzMps());
            RosWire.writeVector3(buf, s.rollRateRadPerS(), s.pitchRateRadPerS(), s.yawRateBodyRadPerS());
            RosWire.writeFilledFloat64(buf, 36, 0);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /**
     * Writes R^T v for the unit quaternion (w, x, y, z), R its body-to-world matrix (the standard
     * quaternion-to-matrix formula, as org.hilbridge.sim.math.Rotation builds it).
     */
    static void writeWorldToBody(ByteBuf buf, double w, double x, double y, double z, double vx, double vy, double vz) {
        double m00 = 1 - 2 * (y * y + z * z);
        double m01 = 2 * (x * y - w * z);
        double m02 = 2 * (x * z + w * y);
        double m10 = 2 * (x * y + w * z);
        double m11 = 1 - 2 * (x * x + z * z);
        double m12 = 2 * (y * z - w * x);
        double m20 = 2 * (x * z - w * y);
        double m21 = 2 * (y * z + w * x);
        double m22 = 1 - 2 * (x * x + y * y);
        RosWire.writeVector3(buf, m00 * vx + m10 * vy + m20 * vz, m01 * vx + m11 * vy + m21 * vz, m02 * vx + m12 * vy + m22 * vz);
    }
}
