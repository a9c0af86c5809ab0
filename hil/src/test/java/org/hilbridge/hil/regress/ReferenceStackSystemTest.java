package org.hilbridge.hil.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code system: reference_stack}: the suite starts hilbridge's reference autonomy stack for each run in its
 * own JVM on the run's socket (lockstep on its wheel-odometry stream), and the stack drives the off-road
 * course: every command it sends is accepted (it held the lease and named known, fresh samples), the run
 * measures its loop latency, and it makes progress along the route.
 */
@Timeout(300)
class ReferenceStackSystemTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReferenceStackIsStartedPerRunAndDrivesTheRunOverTheSocket(@TempDir Path dir) throws Exception {
        Path suiteFile = dir.resolve("stack.yaml");
        Files.writeString(suiteFile, """
                name: stack
                system: reference_stack
                scenarios:
                  - scenario: %s
                    set: {duration_s: 10, runner.pacing: lockstep, runner.lockstep_stream: wheel_odom, watchdog.timeout_s: 30}
                    criteria: {no_collision: true, max_loop_latency_p99_ms: 1000}
                """.formatted(ROOT.resolve("launch/scenarios/offroad_course.yaml")));
        // watchdog.timeout_s 30: in lockstep also the wall-clock wait for an answer; a JVM starting on a loaded
        // CI machine may take seconds for its first one.
        Suite suite = new SuiteLoader().load(suiteFile);
        RegressPlan plan = new RegressPlan(Map.of());
        List<RunSpec> runs = RegressPlan.expand(suite, List.of());
        plan.check(runs);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<RunResult> results = new RegressSession(plan, new PrintStream(progress, true, StandardCharsets.UTF_8), false)
                .run(suite, runs, dir.resolve("out"), 1);
        assertEquals(1, results.size());
        RunResult r = results.get(0);
        String log = Files.readString(dir.resolve("out/runs").resolve(r.name()).resolve("sut.log"));
        assertFalse(Double.isNaN(r.metric(RunResult.LOOP_LATENCY_P99_MS)), "loop latency measured\n" + log);
        // The stack's own report: "stack: N commands (N accepted), ...": every command accepted, 50 Hz odometry for 10 s.
        Matcher m = Pattern.compile("stack: (\\d+) commands \\((\\d+) accepted\\)").matcher(log);
        assertTrue(m.find(), "the stack's report in its log:\n" + log);
        assertEquals(m.group(1), m.group(2), log);
        assertTrue(Integer.parseInt(m.group(2)) >= 450, log);
        // Criteria given in the suite pass; the scenario's own goal (240 s away) cannot be reached in 10 s.
        List<String> given = List.of("no_collision", "loop_latency_p99");
        assertEquals(2, r.criteria().stream().filter(c -> given.contains(c.name())).count(), r.criteria().toString());
        assertTrue(r.criteria().stream().filter(c -> given.contains(c.name())).allMatch(c -> c.passed()), JUnitXmlReport.failureMessage(r));
    }

    /** launch/suites/ci_reference_stack.yaml: 2 terrains x 3 seeds, every run passes with the reference stack driving. */
    @Test
    void theShippedReferenceStackSuitePassesEveryRun(@TempDir Path dir) throws Exception {
        Suite suite = new SuiteLoader().load(ROOT.resolve("launch/suites/ci_reference_stack.yaml"));
        RegressPlan plan = new RegressPlan(Map.of());
        List<RunSpec> runs = RegressPlan.expand(suite, List.of());
        plan.check(runs);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<RunResult> results = new RegressSession(plan, new PrintStream(progress, true, StandardCharsets.UTF_8), false)
                .run(suite, runs, dir.resolve("out"), 2);
        assertEquals(6, results.size());
        assertEquals(2, results.stream().map(RunResult::scenario).distinct().count());
        for (RunResult r : results) {
            String log = Files.readString(dir.resolve("out/runs").resolve(r.name()).resolve("sut.log"));
            assertTrue(r.passed(), r.name() + ": " + JUnitXmlReport.failureMessage(r) + "\nthe stack's log:\n" + log);
            assertTrue(r.criteria().stream().anyMatch(c -> c.name().equals("goal_reached") && c.passed()), r.name());
        }
    }

    /**
     * launch/suites/weather_sweep_reference_stack.yaml: the stack on the straight asphalt route under clear sky,
     * rain and snow. Rain wets and snow covers the asphalt (less grip: Magic Formula peaks, MaterialCatalog), and
     * the stack judges the weather-augmented image: it reaches the goal no sooner in rain than in clear weather,
     * and later in snow than in either.
     */
    @Test
    void theStacksTimeToGoalGrowsWithWorseWeather(@TempDir Path dir) throws Exception {
        Suite suite = new SuiteLoader().load(ROOT.resolve("launch/suites/weather_sweep_reference_stack.yaml"));
        RegressPlan plan = new RegressPlan(Map.of());
        List<RunSpec> runs = RegressPlan.expand(suite, List.of());
        plan.check(runs);
        List<RunResult> results = new RegressSession(plan, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false)
                .run(suite, runs, dir.resolve("out"), 1);
        Map<String, Double> timeToGoal = new java.util.HashMap<>();
        for (RunResult r : results) {
            assertTrue(r.passed(), r.name() + ": " + JUnitXmlReport.failureMessage(r));
            timeToGoal.put(r.sweepValues().get("weather.condition"), r.metric(RunResult.TIME_TO_GOAL_S));
        }
        assertTrue(timeToGoal.get("clear") <= timeToGoal.get("rain") && timeToGoal.get("rain") < timeToGoal.get("snow"), timeToGoal.toString());
    }
}
