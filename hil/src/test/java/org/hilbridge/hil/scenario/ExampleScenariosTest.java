package org.hilbridge.hil.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Terrain;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.CylinderObstacle;
import org.hilbridge.sim.world.Obstacle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped scenarios load, and their worlds and routes are what their comments say. */
class ExampleScenariosTest {
    private static final Path SCENARIOS = Path.of("../launch/scenarios");

    static Stream<Path> scenarioFiles() throws IOException {
        try (Stream<Path> s = Files.list(SCENARIOS)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static Scenario load(String name) throws IOException {
        return new ScenarioLoader(Map.of()).load(SCENARIOS.resolve(name), List.of());
    }

    @Test
    void thereAreTheFourExamples() throws IOException {
        assertEquals(List.of("faults_demo.yaml", "flat_asphalt.yaml", "obstacle_field.yaml", "offroad_course.yaml"),
                scenarioFiles().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void theFaultsDemoSchedulesEveryKindOneAfterAnother() throws IOException {
        Scenario s = new ScenarioLoader(Map.of()).load(SCENARIOS.resolve("faults_demo.yaml"), List.of());
        assertEquals(Scenario.FaultSpec.KINDS.stream().sorted().toList(), s.faults().stream().map(Scenario.FaultSpec::kind).sorted().toList());
        for (int i = 1; i < s.faults().size(); i++) {
            Scenario.FaultSpec before = s.faults().get(i - 1);
            assertTrue(before.atS() + before.durationS() <= s.faults().get(i).atS(), "faults overlap: " + before + ", " + s.faults().get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("scenarioFiles")
    void everyExampleLoadsWithARouteToAGoalItCanReach(Path file) throws IOException {
        Scenario s = new ScenarioLoader(Map.of()).load(file, List.of());
        String base = file.getFileName().toString().replace(".yaml", "");
        assertEquals(base, s.name());
        assertNotNull(s.goal());
        assertTrue(s.criteria().goalReached() && s.criteria().noCollision());
        Scenario.Waypoint last = s.route().get(s.route().size() - 1);
        assertEquals(s.goal().xM(), last.xM());
        assertEquals(s.goal().yM(), last.yM());
        assertEquals(s.initial().xM(), s.route().get(0).xM());
        assertEquals(s.initial().yM(), s.route().get(0).yM());
        // At the default route-follower speed (BridgeConfig 5 m/s) the route fits in the run.
        assertTrue(routeLengthM(s) / 5.0 < s.durationS(), base + ": " + routeLengthM(s) + " m in " + s.durationS() + " s");
    }

    @Test
    void flatAsphaltIsAStraightRouteOnDryAsphalt() throws IOException {
        Scenario s = load("flat_asphalt.yaml");
        assertEquals(Map.of("dry_asphalt", (double) (int) routeLengthM(s)), metresPerMaterial(s));
        assertEquals(0, ((HeightField) s.world().terrain()).heightM(150, 0));
        assertEquals("small_car", s.vehicle().name());
        assertTrue(s.vehicle().drivetrain().absEnabled());
    }

    @Test
    void theOffroadLoopCrossesMudAndDrySandAndEndsNearItsStart() throws IOException {
        Scenario s = load("offroad_course.yaml");
        HeightField g = (HeightField) s.world().terrain();
        assertEquals(1000, g.widthM());
        Map<String, Double> m = metresPerMaterial(s);
        assertTrue(m.getOrDefault("mud", 0.0) >= 50, "mud under the route: " + m);
        assertTrue(m.getOrDefault("dry_sand", 0.0) >= 100, "dry sand under the route: " + m);
        assertTrue(m.getOrDefault("grass", 0.0) > 0 && m.getOrDefault("gravel", 0.0) > 0 && m.getOrDefault("clay", 0.0) > 0, m.toString());
        Scenario.Waypoint first = s.route().get(0);
        Scenario.Waypoint last = s.route().get(s.route().size() - 1);
        double gapM = StrictMath.hypot(last.xM() - first.xM(), last.yM() - first.yM());
        assertTrue(gapM > 2 * s.goal().radiusM() && gapM < 50, "a loop that ends near, not at, its start: " + gapM + " m");
        Scenario.Waypoint next = s.route().get(1);
        assertEquals(StrictMath.atan2(next.yM() - first.yM(), next.xM() - first.xM()), s.initial().yawRad(), 1e-3, "starts facing the first leg");
    }

    @Test
    void theObstacleFieldKeepsAClearLaneAlongTheRoute() throws IOException {
        Scenario s = load("obstacle_field.yaml");
        assertEquals("gravel", s.world().terrain().material(0, 0).name());
        List<Obstacle> obstacles = s.world().obstacles();
        assertTrue(obstacles.size() >= 15, obstacles.size() + " obstacles");
        assertEquals(2, s.route().size());
        assertEquals(0, s.route().get(1).yM(), "a straight route along y = 0");
        double lastObstacleXM = Double.NEGATIVE_INFINITY;
        for (Obstacle o : obstacles) {
            double gapM = lateralGapM(o);
            assertTrue(gapM >= 3.5, o.name() + " is " + gapM + " m from the route");
            assertTrue(gapM <= 8, o.name() + " is " + gapM + " m from the route: not beside it");
            lastObstacleXM = StrictMath.max(lastObstacleXM, centreX(o));
        }
        assertTrue(s.goal().xM() > lastObstacleXM + 10, "the goal lies beyond the field");
        assertTrue(obstacles.stream().anyMatch(o -> o instanceof BoxObstacle) && obstacles.stream().anyMatch(o -> o instanceof CylinderObstacle));
    }

    @Test
    void theReadmeDocumentsEveryKey() throws IOException {
        String readme = Files.readString(SCENARIOS.resolve("README.md"));
        for (String pattern : ScenarioKeys.SCHEMA.leafPatterns()) {
            // Written as sensors(i).rate_hz, or as .rate_hz in a group's table.
            String leaf = pattern.substring(pattern.lastIndexOf('.') + 1);
            assertTrue(readme.contains(leaf + "`"), "README.md does not document " + pattern);
        }
        for (String key : org.hilbridge.hil.config.BridgeKeys.SCHEMA.leafPatterns()) {
            assertTrue(readme.contains("`" + key + "`"), "README.md does not document " + key);
        }
    }

    /** Distance from the line y = 0 to the nearest point of the obstacle's footprint. */
    private static double lateralGapM(Obstacle o) {
        if (o instanceof CylinderObstacle c) {
            return StrictMath.abs(c.centerYM()) - c.radiusM();
        }
        BoxObstacle b = (BoxObstacle) o;
        double reachY = StrictMath.abs(b.halfLengthM() * StrictMath.sin(b.yawRad())) + StrictMath.abs(b.halfWidthM() * StrictMath.cos(b.yawRad()));
        return StrictMath.abs(b.centerYM()) - reachY;
    }

    private static double centreX(Obstacle o) {
        return o instanceof CylinderObstacle c ? c.centerXM() : ((BoxObstacle) o).centerXM();
    }

    private static double routeLengthM(Scenario s) {
        double length = 0;
        for (int i = 1; i < s.route().size(); i++) {
            length += StrictMath.hypot(s.route().get(i).xM() - s.route().get(i - 1).xM(), s.route().get(i).yM() - s.route().get(i - 1).yM());
        }
        return length;
    }

    /** Metres of route over each material, sampled every metre. */
    private static Map<String, Double> metresPerMaterial(Scenario s) {
        Terrain t = s.world().terrain();
        Map<String, Double> m = new TreeMap<>();
        for (int i = 1; i < s.route().size(); i++) {
            Scenario.Waypoint a = s.route().get(i - 1);
            Scenario.Waypoint b = s.route().get(i);
            double length = StrictMath.hypot(b.xM() - a.xM(), b.yM() - a.yM());
            for (double d = 0; d < length; d += 1) {
                double f = d / length;
                m.merge(t.material(a.xM() + f * (b.xM() - a.xM()), a.yM() + f * (b.yM() - a.yM())).name(), 1.0, Double::sum);
            }
        }
        return m;
    }
}
