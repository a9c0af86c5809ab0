package org.hilbridge.hil.stack;

import org.hilbridge.proto.v1.Mount;

/**
 * A sensor frame's pose in base_link as the catalog's {@link Mount} gives it: translation t, then
 * fixed-axis roll, pitch, yaw (REP-103), so R = Rz(yaw) Ry(pitch) Rx(roll) and p_base = R p_sensor + t.
 */
final class MountTransform {
    /** Row-major rotation sensor -> base_link. */
    private final double[] r = new double[9];
    private final double tx;
    private final double ty;
    private final double tz;

    MountTransform(Mount m) {
        double cr = Math.cos(m.getRollRad());
        double sr = Math.sin(m.getRollRad());
        double cp = Math.cos(m.getPitchRad());
        double sp = Math.sin(m.getPitchRad());
        double cy = Math.cos(m.getYawRad());
        double sy = Math.sin(m.getYawRad());
        // Rz(yaw) Ry(pitch) Rx(roll), e.g. Craig, "Introduction to Robotics", X-Y-Z fixed angles (2.64).
        r[0] = cy * cp;
        r[1] = cy * sp * sr - sy * cr;
        r[2] = cy * sp * cr + sy * sr;
        r[3] = sy * cp;
        r[4] = sy * sp * sr + cy * cr;
        r[5] = sy * sp * cr - cy * sr;
        r[6] = -sp;
        r[7] = cp * sr;
        r[8] = cp * cr;
        tx = m.getXM();
        ty = m.getYM();
        tz = m.getZM();
    }

    /** Sensor frame -> base_link; writes out[0..2]. */
    void toBase(double x, double y, double z, double[] out) {
        out[0] = r[0] * x + r[1] * y + r[2] * z + tx;
        out[1] = r[3] * x + r[4] * y + r[5] * z + ty;
        out[2] = r[6] * x + r[7] * y + r[8] * z + tz;
    }

    /** base_link -> sensor frame (R^T (p - t)); writes out[0..2]. */
    void toSensor(double x, double y, double z, double[] out) {
        double dx = x - tx;
        double dy = y - ty;
        double dz = z - tz;
        out[0] = r[0] * dx + r[3] * dy + r[6] * dz;
        out[1] = r[1] * dx + r[4] * dy + r[7] * dz;
        out[2] = r[2] * dx + r[5] * dy + r[8] * dz;
    }
}
