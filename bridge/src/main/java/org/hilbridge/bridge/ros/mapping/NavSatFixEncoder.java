package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.sim.sensor.gnss.GnssSample;

/**
 * sensor_msgs/NavSatFix from a GNSS fix: status and covariance type carry the sample's values (they use
 * NavSatStatus's and NavSatFix's own constants); service is SERVICE_GPS (1); latitude and longitude in
 * degrees, altitude in metres above the WGS-84 ellipsoid, the position covariance row-major in ENU (m^2).
 */
public final class NavSatFixEncoder {
    static final int SERVICE_GPS = 1;
    private static final int BODY_AFTER_HEADER = 1 + 2 + 3 * 8 + 9 * 8 + 1;

    private final ByteBufAllocator alloc;

    public NavSatFixEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public ByteBuf encode(GnssSample s) {
        double[] covariance = s.positionCovarianceM2();
        if (covariance.length != 9) {
            throw new IllegalArgumentException("GNSS " + s.streamId() + " position covariance has " + covariance.length + " values: NavSatFix needs 9 (3x3)");
        }
        ByteBuf buf = alloc.buffer(RosWire.headerBytes(s.frameId()) + BODY_AFTER_HEADER);
        try {
            RosWire.writeHeader(buf, s.sequence(), s.captureNanos(), s.frameId());
            buf.writeByte(s.status()); // status.status, int8
            buf.writeShortLE(SERVICE_GPS); // status.service, uint16
            buf.writeDoubleLE(s.latitudeDeg());
            buf.writeDoubleLE(s.longitudeDeg());
            buf.writeDoubleLE(s.altitudeM());
            RosWire.writeFloat64s(buf, covariance);
            buf.writeByte(s.covarianceType());
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
