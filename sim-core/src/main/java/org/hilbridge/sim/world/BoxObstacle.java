package org.hilbridge.sim.world;

import static org.hilbridge.sim.param.ParamChecks.requireFinite;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

import java.util.Objects;

/** An upright box: centre (x, y) on the ground, yaw about z, half extents along its own x and y, height. */
public record BoxObstacle(String name, double centerXM, double centerYM, double yawRad,
                          double halfLengthM, double halfWidthM, double heightM) implements Obstacle {
    public BoxObstacle {
        Objects.requireNonNull(name, "obstacle name");
        requireFinite("obstacle " + name + " centerXM", centerXM);
        requireFinite("obstacle " + name + " centerYM", centerYM);
        requireFinite("obstacle " + name + " yawRad", yawRad);
        requirePositive("obstacle " + name + " halfLengthM", halfLengthM);
        requirePositive("obstacle " + name + " halfWidthM", halfWidthM);
        requirePositive("obstacle " + name + " heightM", heightM);
    }
}
