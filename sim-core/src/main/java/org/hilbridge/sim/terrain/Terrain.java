package org.hilbridge.sim.terrain;

import org.hilbridge.sim.math.Vec3;

/** The ground, in the ENU world frame (REP-103): height z above (x, y), its normal and its material. */
public interface Terrain {
    /** Ground height at (x, y), metres. */
    double heightM(double xM, double yM);

    /** Upward unit normal of the ground at (x, y), written to {@code out}. */
    Vec3 normal(double xM, double yM, Vec3 out);

    /** Material of the ground at (x, y). */
    Material material(double xM, double yM);
}
