package org.hilbridge.sim.world;

import static org.hilbridge.sim.param.ParamChecks.requireFinite;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

import java.util.Objects;

/** An upright cylinder (a post, a tree trunk): centre (x, y) on the ground, radius, height. */
public record CylinderObstacle(String name, double centerXM, double centerYM, double radiusM, double heightM)
        implements Obstacle {
    public CylinderObstacle {
        Objects.requireNonNull(name, "obstacle name");
        requireFinite("obstacle " + name + " centerXM", centerXM);
        requireFinite("obstacle " + name + " centerYM", centerYM);
        requirePositive("obstacle " + name + " radiusM", radiusM);
        requirePositive("obstacle " + name + " heightM", heightM);
    }
}
