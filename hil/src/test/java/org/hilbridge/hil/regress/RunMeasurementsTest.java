package org.hilbridge.hil.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.CylinderObstacle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cross-track error and obstacle clearance against closed forms (point-segment and point-rectangle distances). */
@Timeout(30)
class RunMeasurementsTest {
    @Test
    void crossTrackErrorIsTheDistanceToTheNearestSegmentOfTheRoute() throws Exception {
        // obstacle_field.yaml: the route runs straight from (0, 0) to (140, 0).
        Scenario s = new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/obstacle_field.yaml"), List.of());
        assertEquals(0, RunMeasurements.maxCrossTrackErrorM(s, new double[] {0, 0, 50, 0, 140, 0}), 1e-12);
        // Perpendicular offsets: |y|; the worst point counts.
        assertEquals(2.5, RunMeasurements.maxCrossTrackErrorM(s, new double[] {10, 1, 60, -2.5, 100, 0.3}), 1e-12);
        // Beyond the route's end the distance is to the end point: hypot(3, 4) = 5.
        assertEquals(5, RunMeasurements.maxCrossTrackErrorM(s, new double[] {143, 4}), 1e-12);
    }

    @Test
    void clearanceIsTheDistanceToTheObstaclesEdge() {
        CylinderObstacle post = new CylinderObstacle("post", 10, 0, 0.5, 2);
        assertEquals(3.5, RunMeasurements.clearanceM(post, 10, 4), 1e-12);
        assertEquals(0, RunMeasurements.clearanceM(post, 10, 0.2), 0); // inside
        // A 2 x 1 m box (half extents 1 and 0.5) turned 90 degrees: its long side runs along y.
        BoxObstacle box = new BoxObstacle("crate", 0, 0, Math.PI / 2, 1, 0.5, 1);
        assertEquals(2.5, RunMeasurements.clearanceM(box, 3, 0), 1e-12);   // beside the long side: 3 - 0.5
        assertEquals(2.0, RunMeasurements.clearanceM(box, 0, 3), 1e-12);   // off the short end: 3 - 1
        assertEquals(5.0, RunMeasurements.clearanceM(box, 3.5, 5), 1e-12);  // off the corner (0.5, 1): hypot(3, 4)
        assertEquals(0, RunMeasurements.clearanceM(box, 0.2, 0.7), 0);      // inside
        assertEquals(2.5, RunMeasurements.minObstacleClearanceM(List.of(post, box), new double[] {3, 0, 10, 4}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, RunMeasurements.minObstacleClearanceM(List.of(), new double[] {3, 0}), 0);
    }
}
