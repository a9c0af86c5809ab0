package org.hilbridge.hil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands as a user types them, on the example scenarios in launch/scenarios. */
class HilbridgeCliTest {
    private static final String SCENARIOS = "../launch/scenarios/";

    private record Result(int code, String out, String err) {
    }

    private static Result execute(String... args) {
        CommandLine cl = HilbridgeCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void everyExampleScenarioPassesCheck() {
        for (String name : new String[] {"flat_asphalt", "offroad_course", "obstacle_field"}) {
            Result r = execute("check", SCENARIOS + name + ".yaml");
            assertEquals(0, r.code(), name + ": " + r.err());
            assertTrue(r.out().contains(name + ".yaml: OK"), r.out());
        }
    }

    @Test
    void aMistypedKeyIsExitCodeTwoWithOneLineNamingItAndASuggestion() {
        Result r = execute("check", SCENARIOS + "flat_asphalt.yaml", "--set", "vehicel.model=small_car");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("hilbridge: "), r.err());
        assertTrue(r.err().contains("unknown key 'vehicel.model'") && r.err().contains("did you mean 'vehicle.model'?"), r.err());
        assertEquals(1, r.err().trim().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void aBadBridgeValueAndAFaultWithoutItsSizeAreRefusedByCheck() {
        Result pacing = execute("check", SCENARIOS + "flat_asphalt.yaml", "--set", "runner.pacing=warp");
        assertEquals(2, pacing.code());
        assertTrue(pacing.err().contains("runner.pacing") && pacing.err().contains("warp") && pacing.err().contains("lockstep"), pacing.err());
        Result fault = execute("check", SCENARIOS + "flat_asphalt.yaml", "--set", "faults(0).kind=clock_jump", "--set", "faults(0).at_s=1");
        assertEquals(2, fault.code());
        assertTrue(fault.err().contains("required key 'faults(0).magnitude' is missing (a clock_jump needs the jump in seconds)"), fault.err());
        Result jump = execute("check", SCENARIOS + "flat_asphalt.yaml", "--set", "faults(0).kind=clock_jump", "--set", "faults(0).at_s=1",
                "--set", "faults(0).magnitude=2");
        assertEquals(0, jump.code(), jump.err());
    }

    @Test
    void impossibleSensorParametersAreRefusedNamingTheSensorKeyAndValue() {
        Result fov = execute("check", SCENARIOS + "offroad_course.yaml", "--set", "sensors(4).horizontal_fov_deg=180");
        assertEquals(2, fov.code());
        assertTrue(fov.err().contains("sensor 'front_camera' (sensors(4)): camera.horizontal_fov_deg = 180 is not allowed: it must be in (0, 180)"), fov.err());
        Result res = execute("check", SCENARIOS + "offroad_course.yaml", "--set", "sensors(4).width_px=0");
        assertEquals(2, res.code());
        assertTrue(res.err().contains("sensors(4).width_px") && res.err().contains("'0'"), res.err());
        Result preset = execute("check", SCENARIOS + "offroad_course.yaml", "--set", "sensors(5).preset=hdl64");
        assertEquals(2, preset.code());
        assertTrue(preset.err().contains("sensors(5).preset") && preset.err().contains("vlp16, os1_64"), preset.err());
        Result mount = execute("check", SCENARIOS + "offroad_course.yaml", "--set", "sensors(1).mount.x_m=NaN");
        assertEquals(2, mount.code());
        assertTrue(mount.err().contains("sensors(1).mount.x_m") && mount.err().contains("NaN"), mount.err());
    }

    @Test
    void runningTheFlatAsphaltScenarioPassesItsCriteria() {
        Result r = execute("run", SCENARIOS + "flat_asphalt.yaml", "--set", "runner.pacing=lockstep");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASS goal_reached"), r.out());
        assertTrue(r.out().contains("result        PASS"), r.out());
    }

    @Test
    void aFailedCriterionIsExitCodeOne() {
        // Half a second is too short to reach the goal 150 m away.
        Result r = execute("run", SCENARIOS + "flat_asphalt.yaml", "--set", "duration_s=0.5", "--set", "criteria.max_time_to_goal_s=0.5");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL goal_reached       measured not reached"), r.out());
    }

    @Test
    void theFastDemoRunsTheOffRoadScenarioWithTheBuiltInFollower() {
        System.setProperty("hilbridge.home", "..");
        Result r = execute("demo", "--fast", "--duration-s", "20");
        assertEquals(1, r.code(), "20 s is too short to finish the loop, so goal_reached fails: " + r.out() + r.err());
        assertTrue(r.out().contains("running offroad_course (fast pacing"), r.out());
        assertTrue(r.out().contains("controller route_follower"), r.out());
        assertTrue(r.out().contains("sim time      20.00 s"), r.out());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void theDemoRunsInRealTimeWithTheStackInAChildProcess() {
        System.setProperty("hilbridge.home", "..");
        Result r = execute("demo", "--duration-s", "8", "--status-every-ms", "1000");
        assertEquals(1, r.code(), "8 s is too short to finish the loop, so goal_reached fails: " + r.out() + r.err());
        assertTrue(r.out().contains("running offroad_course (realtime pacing"), r.out());
        assertTrue(r.out().contains("reference stack started (pid"), r.out());
        // Not a terminal here: the status comes as separate lines, with rates and loop latency.
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("demo: t=") && l.contains("wheel_odom") && l.contains("loop latency p50")), r.out());
        assertTrue(r.out().contains("demo: goal NOT reached"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("stack: ") && l.contains("accepted")), "the stack's final report: " + r.out());
    }

    @Test
    @org.junit.jupiter.api.Timeout(900)
    void theDemoReachesItsGoalInLockstep() {
        // The same closed loop (child stack process, socket, lease), paced in lockstep so that a loaded
        // machine gives the same run: the whole course, to the goal.
        System.setProperty("hilbridge.home", "..");
        Result r = execute("demo", "--pacing", "lockstep", "--status-every-ms", "10000");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("demo: GOAL REACHED at t="), r.out());
        assertTrue(r.out().contains("result        PASS"), r.out());
    }
}
