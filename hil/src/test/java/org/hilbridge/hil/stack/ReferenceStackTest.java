package org.hilbridge.hil.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.terrain.Terrain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference stack in closed loop with the real runner and socket server (lockstep on its wheel
 * odometry, so every run is reproducible whatever the machine's load): it reaches the off-road course's
 * goal; it stops for an obstacle placed on its route, seen only in the LiDAR; and its camera rule changes
 * how fast it crosses the course's mud.
 */
class ReferenceStackTest {
    private static final List<String> LOCKSTEP = List.of("runner.pacing=lockstep", "runner.lockstep_stream=wheel_odom",
            "watchdog.timeout_s=5"); // lockstep waits in wall time: room for a loaded machine
    private static final Path COURSE = StackHarness.ROOT.resolve("launch/scenarios/offroad_course.yaml");

    @Test
    @Timeout(900)
    void reachesTheGoalOfTheOffroadCourseInLockstep() throws Exception {
        StackHarness.Result r = StackHarness.run(COURSE, LOCKSTEP, s -> s);
        String why = r.summary().events() + "\n" + r.stack().line();
        assertTrue(r.summary().events().stream().anyMatch(e -> e.kind() == RunEvent.Kind.GOAL_REACHED), why);
        assertTrue(r.summary().passed(), r.summary().criteria() + "\n" + why);
        // Every command named a sample and was accepted (lockstep waited for each one).
        assertEquals(r.stack().commandsSent(), r.stack().commandsAccepted(), why);
        assertTrue(r.stack().commandsRefused().isEmpty(), why);
        assertTrue(r.stack().framesByStream().getOrDefault("gnss", 0L) > 0 && r.stack().framesByStream().getOrDefault("lidar", 0L) > 0, why);
        assertNotNull(r.stack().clock(), "a ping was answered: " + why);
    }

    @Test
    @Timeout(900)
    void reachesTheGoalOfTheOffroadCourseInRealTime() throws Exception {
        // Once in real time (at twice the wall clock's pace, slipping when the machine falls behind): the
        // stack answers whenever its frames arrive, nothing waits for it. No assertion on speed.
        StackHarness.Result r = StackHarness.run(COURSE, List.of("runner.pacing=realtime", "runner.realtime_factor=2", "runner.overrun_policy=slip",
                "watchdog.timeout_s=2"), s -> s);
        String why = r.summary().events() + "\n" + r.stack().line();
        assertTrue(r.summary().events().stream().anyMatch(e -> e.kind() == RunEvent.Kind.GOAL_REACHED), why);
        assertTrue(r.summary().passed(), r.summary().criteria() + "\n" + why);
        assertNotNull(r.summary().realtime(), "paced in real time");
        assertTrue(r.summary().arbiter().allStreams().count() > 0, "the loop latency was measured: " + why);
    }

    @Test
    @Timeout(600)
    void stopsForAnObstacleOnItsRouteSeenInTheLidar(@TempDir Path dir) throws Exception {
        // A crate across the straight route at x = 40 m on level gravel; nothing else to see.
        Path scenario = dir.resolve("crate_on_route.yaml");
        Files.writeString(scenario, """
                name: crate_on_route
                seed: 1
                duration_s: 40
                terrain: {type: plane, size_m: 400, cell_size_m: 10, material: gravel}
                vehicle:
                  model: off_road_utility
                  initial: {x_m: 0, y_m: 0, yaw_deg: 0, speed_mps: 0}
                sensors:
                  - {name: ground_truth, type: ground_truth, rate_hz: 50}
                  - {name: wheel_odom, type: wheel_odometry, rate_hz: 50, frame_id: odom}
                  - {name: lidar, type: lidar, preset: vlp16, rate_hz: 10, frame_id: velodyne, mount: {x_m: 0.4, y_m: 0, z_m: 1.25}}
                route:
                  - {x_m: 0, y_m: 0}
                  - {x_m: 100, y_m: 0}
                goal: {x_m: 100, y_m: 0, radius_m: 3}
                obstacles:
                  - {type: box, name: crate, x_m: 40, y_m: 0, yaw_deg: 0, length_m: 1.0, width_m: 2.0, height_m: 1.0}
                criteria:
                  goal_reached: false
                  no_collision: true
                """);
        StackHarness.Result r = StackHarness.run(scenario, LOCKSTEP, s -> s);
        String why = r.summary().events() + "\n" + r.stack().line();
        assertTrue(r.summary().events().stream().noneMatch(e -> e.kind() == RunEvent.Kind.COLLISION), why);
        assertTrue(r.stack().obstacleStops() >= 1, why);
        GroundTruthSample last = r.truth().get(r.truth().size() - 1);
        double frontM = last.xM() + org.hilbridge.sim.vehicle.VehicleParams.offRoadUtility().chassis().bodyLengthM() / 2; // CG mid-body
        assertTrue(frontM < 40 - 0.5 && last.xM() > 25, "stopped short of the crate (its near face at 39.5 m): x = " + last.xM() + "; " + why);
        assertTrue(Math.abs(last.forwardSpeedMps()) < 0.2, "at rest: " + last.forwardSpeedMps() + " m/s; " + why);
        assertFalse(r.summary().events().stream().anyMatch(e -> e.kind() == RunEvent.Kind.GOAL_REACHED), why);
    }

    @Test
    @Timeout(900)
    void theCameraRuleSlowsTheVehicleThroughTheMud() throws Exception {
        // The course's first 75 s run from clay into the mud of the hollow (entered about 40 s in).
        List<String> o = new java.util.ArrayList<>(LOCKSTEP);
        o.add("duration_s=75");
        StackHarness.Result on = StackHarness.run(COURSE, o, s -> s.withCameraRule(true));
        StackHarness.Result off = StackHarness.run(COURSE, o, s -> s.withCameraRule(false));
        Terrain terrain = new ScenarioLoader(Map.of()).load(COURSE, o).world().terrain();
        double onMud = maxSpeedOnMud(on, terrain);
        double offMud = maxSpeedOnMud(off, terrain);
        String why = "rule on: " + on.stack().line() + "\nrule off: " + off.stack().line() + "\nmax speed on mud " + onMud + " vs " + offMud;
        // Both saw the mud (the rule is evaluated either way); only the run that obeys it slowed for it.
        assertTrue(on.stack().mudFrames() > 0 && off.stack().mudFrames() > 0, why);
        assertTrue(onMud > 0 && offMud > 0, "both runs reached the mud: " + why);
        assertTrue(onMud <= StackSettings.defaults("h", 1, COURSE, List.of()).mudSpeedMps() + 0.5, why);
        assertTrue(offMud >= onMud + 1.0, why);
    }

    private static double maxSpeedOnMud(StackHarness.Result r, Terrain terrain) {
        double max = 0;
        for (GroundTruthSample g : r.truth()) {
            if (terrain.material(g.xM(), g.yM()).name().equals("mud")) {
                max = Math.max(max, g.forwardSpeedMps());
            }
        }
        return max;
    }
}
