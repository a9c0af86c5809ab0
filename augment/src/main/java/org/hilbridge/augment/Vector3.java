package org.hilbridge.augment;

/** An immutable 3-vector (a velocity in m/s or a unit direction), in the frame its owner names. */
public record Vector3(double x, double y, double z) {
    public static final Vector3 ZERO = new Vector3(0, 0, 0);

    public Vector3 {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("vector (" + x + ", " + y + ", " + z + ") is not allowed: components must be finite");
        }
    }

    public double norm() {
        return Math.sqrt(x * x + y * y + z * z);
    }

    public Vector3 unit() {
        double n = norm();
        if (!(n > 0)) {
            throw new IllegalArgumentException("vector (" + x + ", " + y + ", " + z + ") has no direction");
        }
        return new Vector3(x / n, y / n, z / n);
    }
}
