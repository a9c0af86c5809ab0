package org.hilbridge.sim.math;

/**
 * An orientation as a unit quaternion (w, x, y, z), body frame to world frame, with its rotation matrix
 * kept in step. Integration uses the exact exponential map of a constant body rate over the step, which
 * keeps the quaternion unit length to rounding; it is renormalised each step all the same.
 */
public final class Rotation {
    private double qw = 1;
    private double qx;
    private double qy;
    private double qz;
    /** Row-major body-to-world matrix. */
    private final double[] m = new double[9];

    public Rotation() {
        updateMatrix();
    }

    /** Sets from ZYX Euler angles (yaw about z, then pitch about y, then roll about x), radians. */
    public Rotation setYawPitchRoll(double yawRad, double pitchRad, double rollRad) {
        double cy = StrictTrig.cos(yawRad / 2);
        double sy = StrictTrig.sin(yawRad / 2);
        double cp = StrictTrig.cos(pitchRad / 2);
        double sp = StrictTrig.sin(pitchRad / 2);
        double cr = StrictTrig.cos(rollRad / 2);
        double sr = StrictTrig.sin(rollRad / 2);
        qw = cr * cp * cy + sr * sp * sy;
        qx = sr * cp * cy - cr * sp * sy;
        qy = cr * sp * cy + sr * cp * sy;
        qz = cr * cp * sy - sr * sp * cy;
        updateMatrix();
        return this;
    }

    public Rotation set(Rotation r) {
        qw = r.qw;
        qx = r.qx;
        qy = r.qy;
        qz = r.qz;
        updateMatrix();
        return this;
    }

    /** this = this * r (r expressed in this rotation's frame, as a mount is in its body's). */
    public Rotation multiply(Rotation r) {
        multiplyBy(r.qw, r.qx, r.qy, r.qz);
        updateMatrix();
        return this;
    }

    /** q <- q * (w, x, y, z), the Hamilton product. */
    private void multiplyBy(double w, double x, double y, double z) {
        double nw = qw * w - qx * x - qy * y - qz * z;
        double nx = qw * x + qx * w + qy * z - qz * y;
        double ny = qw * y - qx * z + qy * w + qz * x;
        double nz = qw * z + qx * y - qy * x + qz * w;
        qw = nw;
        qx = nx;
        qy = ny;
        qz = nz;
    }

    /** Advances by a body-frame angular velocity held constant over {@code dtS}. */
    public void integrateBodyRate(double wx, double wy, double wz, double dtS) {
        double rate = StrictMath.sqrt(wx * wx + wy * wy + wz * wz);
        double angle = rate * dtS;
        if (angle < 1e-12) {
            return;
        }
        double s = StrictTrig.sin(angle / 2) / rate;
        // The body-frame increment multiplies on the right.
        multiplyBy(StrictTrig.cos(angle / 2), wx * s, wy * s, wz * s);
        double n = StrictMath.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        qw /= n;
        qx /= n;
        qy /= n;
        qz /= n;
        updateMatrix();
    }

    private void updateMatrix() {
        m[0] = 1 - 2 * (qy * qy + qz * qz);
        m[1] = 2 * (qx * qy - qw * qz);
        m[2] = 2 * (qx * qz + qw * qy);
        m[3] = 2 * (qx * qy + qw * qz);
        m[4] = 1 - 2 * (qx * qx + qz * qz);
        m[5] = 2 * (qy * qz - qw * qx);
        m[6] = 2 * (qx * qz - qw * qy);
        m[7] = 2 * (qy * qz + qw * qx);
        m[8] = 1 - 2 * (qx * qx + qy * qy);
    }

    /** out = R v (body to world); out may be v. */
    public Vec3 toWorld(Vec3 v, Vec3 out) {
        return out.set(m[0] * v.x + m[1] * v.y + m[2] * v.z,
                m[3] * v.x + m[4] * v.y + m[5] * v.z,
                m[6] * v.x + m[7] * v.y + m[8] * v.z);
    }

    /** out = R^T v (world to body); out may be v. */
    public Vec3 toBody(Vec3 v, Vec3 out) {
        return out.set(m[0] * v.x + m[3] * v.y + m[6] * v.z,
                m[1] * v.x + m[4] * v.y + m[7] * v.z,
                m[2] * v.x + m[5] * v.y + m[8] * v.z);
    }

    /** World-frame image of a body axis: column {@code axis} (0 = x, 1 = y, 2 = z) of R. */
    public Vec3 axis(int axis, Vec3 out) {
        return out.set(m[axis], m[3 + axis], m[6 + axis]);
    }

    public double yawRad() {
        return StrictMath.atan2(m[3], m[0]);
    }

    public double pitchRad() {
        return StrictMath.asin(StrictMath.max(-1, StrictMath.min(1, -m[6])));
    }

    public double rollRad() {
        return StrictMath.atan2(m[7], m[8]);
    }

    public double qw() {
        return qw;
    }

    public double qx() {
        return qx;
    }

    public double qy() {
        return qy;
    }

    public double qz() {
        return qz;
    }
}
