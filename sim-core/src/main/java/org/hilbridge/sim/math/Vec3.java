package org.hilbridge.sim.math;

/**
 * A mutable 3-vector for hot paths: callers keep instances as scratch and overwrite them, so a physics
 * step allocates nothing. Methods return {@code this} so short chains read as formulas.
 */
public final class Vec3 {
    public double x;
    public double y;
    public double z;

    public Vec3() {
    }

    public Vec3(double x, double y, double z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    public Vec3 set(double x, double y, double z) {
        this.x = x;
        this.y = y;
        this.z = z;
        return this;
    }

    public Vec3 set(Vec3 v) {
        return set(v.x, v.y, v.z);
    }

    public Vec3 add(Vec3 v) {
        return set(x + v.x, y + v.y, z + v.z);
    }

    public Vec3 addScaled(Vec3 v, double s) {
        return set(x + v.x * s, y + v.y * s, z + v.z * s);
    }

    public Vec3 sub(Vec3 v) {
        return set(x - v.x, y - v.y, z - v.z);
    }

    public Vec3 scale(double s) {
        return set(x * s, y * s, z * s);
    }

    public double dot(Vec3 v) {
        return x * v.x + y * v.y + z * v.z;
    }

    /** this = a x b (a and b may be this). */
    public Vec3 cross(Vec3 a, Vec3 b) {
        return set(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
    }

    public double norm() {
        return StrictMath.sqrt(x * x + y * y + z * z);
    }

    /** Scales to unit length; a zero vector is left as it is. */
    public Vec3 normalize() {
        double n = norm();
        return n > 0 ? scale(1 / n) : this;
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + ", " + z + ")";
    }
}
