package org.hilbridge.sim.world;

/**
 * A vehicle's collision outline in the horizontal plane: a rectangle with centre (x, y), yaw and half
 * extents. Any horizontal overlap with an obstacle counts as a collision. Mutable so the vehicle can refresh it every step without allocating.
 */
public final class Footprint {
    public double centerXM;
    public double centerYM;
    public double yawRad;
    public double halfLengthM;
    public double halfWidthM;
}
