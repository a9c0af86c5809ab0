package org.hilbridge.hil.scenario;

import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.terrain.HeightField;

/**
 * The scene a scenario's cameras and LiDARs see: its terrain and obstacles plus vegetation and rocks
 * scattered from the scenario seed (stream "scenery"), kept 6 m clear of the start, the route and the goal.
 */
public final class ScenarioScene {
    /** Clearance either side of the route kept free of scenery, m. */
    public static final double CORRIDOR_HALF_WIDTH_M = 6;

    private ScenarioScene() {
    }

    public static Scene build(Scenario s) {
        if (!(s.world().terrain() instanceof HeightField field)) {
            throw new IllegalArgumentException("scenario " + s.name() + ": cameras and LiDARs need a height-field terrain");
        }
        double[] route = s.routeXyM();
        double[] corridor = new double[route.length + 2 + (s.goal() == null ? 0 : 2)];
        corridor[0] = s.initial().xM();
        corridor[1] = s.initial().yM();
        System.arraycopy(route, 0, corridor, 2, route.length);
        if (s.goal() != null) {
            corridor[corridor.length - 2] = s.goal().xM();
            corridor[corridor.length - 1] = s.goal().yM();
        }
        return new SceneBuilder(s.world(), field, corridor, CORRIDOR_HALF_WIDTH_M)
                .build(new RandomStreams(s.seed()).stream("scenery"), SceneBuilder.defaultDensity());
    }
}
