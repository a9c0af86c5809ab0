package org.hilbridge.sim.world;

/** A static obstacle standing on the ground, described in the world's horizontal plane plus a height. */
public sealed interface Obstacle permits BoxObstacle, CylinderObstacle {
    /** A name for reports ("box_3", "tree"). */
    String name();

    /** Height above the ground at its centre, m. */
    double heightM();
}
