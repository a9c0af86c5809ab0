package org.hilbridge.hil.demo;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.CylinderObstacle;
import org.hilbridge.sim.world.Obstacle;
import org.hilbridge.sim.world.World;

/**
 * The default scenario until scenario files exist (issue 3): the rolling off-road course, 1 km square at
 * 1 m cells, with trees scattered by seed outside a circular route of {@link #ROUTE_RADIUS_M} around the
 * origin.
 */
public record DemoScenario(long seed, HeightField course, World world) {
    public static final double COURSE_SIZE_M = 1000;
    public static final double CELL_SIZE_M = 1.0;
    public static final double ROUTE_RADIUS_M = 150;
    static final int TREES = 40;

    public static DemoScenario create(long seed) {
        RandomStreams streams = new RandomStreams(seed);
        HeightField course = ProceduralTerrain.rollingCourse(streams.stream("terrain"), COURSE_SIZE_M, CELL_SIZE_M, MaterialCatalog.standard());
        SeededRandom placement = streams.stream("obstacles");
        List<Obstacle> trees = new ArrayList<>();
        while (trees.size() < TREES) {
            double x = placement.nextDouble(-400, 400);
            double y = placement.nextDouble(-400, 400);
            // Keep a 20 m corridor either side of the route clear.
            if (Math.abs(Math.hypot(x, y) - ROUTE_RADIUS_M) > 20) {
                trees.add(new CylinderObstacle("tree_" + trees.size(), x, y, placement.nextDouble(0.15, 0.5), placement.nextDouble(4, 12)));
            }
        }
        return new DemoScenario(seed, course, new World(course).withObstacles(trees));
    }
}
