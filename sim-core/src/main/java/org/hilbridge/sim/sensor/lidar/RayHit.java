package org.hilbridge.sim.sensor.lidar;

/**
 * Where a ray met the scene: a mutable scratch record the caller owns and {@link SceneRayCaster#cast}
 * overwrites, so casting allocates nothing. World frame (ENU, metres). Valid only after a cast that
 * returned true.
 */
public final class RayHit {
    /** Distance from the ray's origin along its unit direction, metres. */
    public double rangeM;
    /** Hit point. */
    public double xM;
    public double yM;
    public double zM;
    /** Unit outward normal of the surface at the hit. */
    public double normalX;
    public double normalY;
    public double normalZ;
    /** {@link org.hilbridge.sim.scene.SemanticClass#id()} of what was hit. */
    public int semanticClassId;
    /** Near-infrared (905 nm) reflectivity of what was hit, in [0, 1]. */
    public float reflectivity;

    /** Cosine of the incidence angle of a ray of unit direction (dx, dy, dz) on this surface (1 = head-on). */
    public double cosIncidence(double dx, double dy, double dz) {
        return -(dx * normalX + dy * normalY + dz * normalZ);
    }

    @Override
    public String toString() {
        return "RayHit[range " + rangeM + " m at (" + xM + ", " + yM + ", " + zM + "), normal (" + normalX + ", " + normalY + ", " + normalZ
                + "), class " + semanticClassId + ", reflectivity " + reflectivity + "]";
    }
}
