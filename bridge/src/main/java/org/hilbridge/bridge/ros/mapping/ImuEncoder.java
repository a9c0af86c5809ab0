package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.sim.sensor.imu.ImuSample;

/**
 * sensor_msgs/Imu from an IMU reading. The IMU reports no orientation, so, as Imu.msg asks, element 0 of
 * orientation_covariance is -1 (the orientation itself is the identity, to be ignored); the rate and
 * acceleration covariances are diagonal with the per-axis noise variance (REP-145: specific force).
 */
public final class ImuEncoder {
    private static final int BODY_AFTER_HEADER = 4 * 8 + 9 * 8 + 3 * 8 + 9 * 8 + 3 * 8 + 9 * 8;

    private final ByteBufAllocator alloc;

    public ImuEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public ByteBuf encode(ImuSample s) {
        ByteBuf buf = alloc.buffer(RosWire.headerBytes(s.frameId()) + BODY_AFTER_HEADER);
        try {
            RosWire.writeHeader(buf, s.sequence(), s.captureNanos(), s.frameId());
            RosWire.writeQuaternion(buf, 0, 0, 0, 1);
            buf.writeDoubleLE(-1); // orientation_covariance[0] = -1: no orientation estimate
            RosWire.writeFilledFloat64(buf, 8, 0);
            RosWire.writeVector3(buf, s.gyroXRadPerS(), s.gyroYRadPerS(), s.gyroZRadPerS());
            double g = s.gyroVarianceRadPerSSq();
            RosWire.writeDiagonal3(buf, g, g, g);
            RosWire.writeVector3(buf, s.accelXMps2(), s.accelYMps2(), s.accelZMps2());
            double a = s.accelVarianceMps2Sq();
            RosWire.writeDiagonal3(buf, a, a, a);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
