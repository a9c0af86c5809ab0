package org.hilbridge.sim.world;

import static org.hilbridge.sim.param.ParamChecks.requirePositive;

import java.util.List;
import java.util.Objects;
import org.hilbridge.sim.terrain.Terrain;

/** Everything static the vehicle moves through: the ground, the obstacles on it, and gravity. */
public record World(Terrain terrain, List<Obstacle> obstacles, double gravityMps2) {
    /** Standard gravity, m/s^2 (CGPM 1901; ISO 80000-3). */
    public static final double STANDARD_GRAVITY_MPS2 = 9.80665;

    public World {
        Objects.requireNonNull(terrain, "terrain");
        obstacles = List.copyOf(obstacles);
        requirePositive("world.gravityMps2", gravityMps2);
    }

    public World(Terrain terrain) {
        this(terrain, List.of(), STANDARD_GRAVITY_MPS2);
    }

    public World withObstacles(List<Obstacle> newObstacles) {
        return new World(terrain, newObstacles, gravityMps2);
    }
}
