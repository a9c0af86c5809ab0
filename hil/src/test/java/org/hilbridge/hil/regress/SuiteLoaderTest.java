package org.hilbridge.hil.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hilbridge.hil.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Suite files: what they expand to, and every kind of bad input refused by its key (launch/suites/README.md). */
@Timeout(60)
class SuiteLoaderTest {
    private static final Path SCENARIO = Path.of("../launch/scenarios/flat_asphalt.yaml").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Suite load(String yaml) throws IOException {
        Path f = dir.resolve("suite.yaml");
        Files.writeString(f, yaml.replace("SCENARIO", SCENARIO.toString()));
        return new SuiteLoader().load(f);
    }

    private String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void aSweepExpandsToTheCrossProductWithStableNamesInFileOrder() throws IOException {
        Suite s = load("""
                name: t
                scenarios:
                  - scenario: SCENARIO
                    set: {duration_s: 30}
                    sweep:
                      weather.condition: [clear, snow]
                      seed: [1, 2, 3]
                """);
        List<RunSpec> runs = RegressPlan.expand(s, List.of("runner.pacing=lockstep"));
        assertEquals(List.of("flat_asphalt__weather.condition-clear__seed-1", "flat_asphalt__weather.condition-clear__seed-2",
                "flat_asphalt__weather.condition-clear__seed-3", "flat_asphalt__weather.condition-snow__seed-1",
                "flat_asphalt__weather.condition-snow__seed-2", "flat_asphalt__weather.condition-snow__seed-3"), runs.stream().map(RunSpec::name).toList());
        RunSpec r = runs.get(4);
        assertEquals(4, r.index());
        assertEquals(Map.of("weather.condition", "snow", "seed", "2"), r.sweepValues());
        // Fixed overrides first, then the sweep's, then the criteria's and the system's, then the command line's.
        assertEquals(List.of("duration_s=30", "weather.condition=snow", "seed=2"), r.overrides().subList(0, 3));
        assertEquals("runner.pacing=lockstep", r.overrides().get(r.overrides().size() - 1));
        // The same file expands the same way again.
        assertEquals(runs, RegressPlan.expand(load("""
                name: t
                scenarios:
                  - scenario: SCENARIO
                    set: {duration_s: 30}
                    sweep:
                      weather.condition: [clear, snow]
                      seed: [1, 2, 3]
                """), List.of("runner.pacing=lockstep")));
    }

    @Test
    void suiteCriteriaBecomeTheScenariosOwnAndOnlyWhenGiven() throws IOException {
        List<String> none = RegressPlan.expand(load("scenarios: [{scenario: SCENARIO}]\n"), List.of()).get(0).overrides();
        assertTrue(none.stream().noneMatch(o -> o.startsWith("criteria.")), none.toString());
        List<String> given = RegressPlan.expand(load("""
                scenarios: [{scenario: SCENARIO, criteria: {goal_within_s: 20, no_collision: true, watchdog_stop_expected: true}}]
                """), List.of()).get(0).overrides();
        assertTrue(given.containsAll(List.of("criteria.goal_reached=true", "criteria.max_time_to_goal_s=20.0", "criteria.no_collision=true",
                "criteria.watchdog_stop_expected=true")), given.toString());
    }

    @Test
    void shardsPartitionTheRunsWhateverTheirCount() throws IOException {
        Suite s = load("""
                scenarios:
                  - scenario: SCENARIO
                    sweep: {seed: [1, 2, 3, 4, 5, 6, 7]}
                """);
        List<RunSpec> all = RegressPlan.expand(s, List.of());
        for (int n = 1; n <= 9; n++) {
            List<RunSpec> union = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 1; i <= n; i++) {
                for (RunSpec r : new Shard(i, n).select(all)) {
                    assertTrue(seen.add(r.name()), r.name() + " in two shards of " + n);
                    union.add(r);
                }
            }
            assertEquals(all.size(), union.size(), "shards of " + n);
        }
        assertEquals(List.of(1, 4), new Shard(2, 3).select(all).stream().map(RunSpec::index).toList().subList(0, 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/2")).getMessage().contains("--shard 3/2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("two")).getMessage().contains("'two'"));
    }

    @Test
    void unknownKeysAreRefusedByTheirPath() {
        String m = refused("scenarios: [{scenario: SCENARIO}]\ntimeout: 3\n");
        assertTrue(m.contains("unknown key 'timeout'") && m.contains("suite.yaml"), m);
        m = refused("scenarios: [{scenario: SCENARIO, sweeps: {seed: [1]}}]\n");
        assertTrue(m.contains("unknown key 'scenarios(0).sweeps'") && m.contains("sweep"), m);
        m = refused("scenarios: [{scenario: SCENARIO, criteria: {max_cross_track_m: 1}}]\n");
        assertTrue(m.contains("unknown key 'scenarios(0).criteria.max_cross_track_m'") && m.contains("max_cross_track_error_m"), m);
        m = refused("system: {type: command, cmd: [x]}\nscenarios: [{scenario: SCENARIO}]\n");
        assertTrue(m.contains("unknown key 'system.cmd'"), m);
    }

    @Test
    void badValuesAreRefusedByKeyWithWhatIsAllowed() {
        String m = refused("scenarios: [{scenario: SCENARIO, criteria: {goal_within_s: -3}}]\n");
        assertTrue(m.contains("'scenarios(0).criteria.goal_within_s' = '-3'") && m.contains("> 0"), m);
        m = refused("scenarios: [{scenario: SCENARIO, criteria: {no_collision: yes please}}]\n");
        assertTrue(m.contains("scenarios(0).criteria.no_collision") && m.contains("true, false"), m);
        m = refused("system: autopilot\nscenarios: [{scenario: SCENARIO}]\n");
        assertTrue(m.contains("'system.type' = 'autopilot'") && m.contains("route_follower, route_follower_inverted_steering, reference_stack, command"), m);
        m = refused("system: command\nscenarios: [{scenario: SCENARIO}]\n");
        assertTrue(m.contains("'system.command' is missing"), m);
        m = refused("scenarios: [{scenario: SCENARIO, sweep: {seed: 3}}]\n");
        assertTrue(m.contains("scenarios(0).sweep.seed") && m.contains("list"), m);
        m = refused("scenarios: [{scenario: SCENARIO, sweep: {seed: [1, 1]}}]\n");
        assertTrue(m.contains("scenarios(0).sweep.seed(1)") && m.contains("twice"), m);
        m = refused("scenarios: [{scenario: nowhere.yaml}]\n");
        assertTrue(m.contains("scenarios(0).scenario") && m.contains("no such file"), m);
        m = refused("scenarios: []\n");
        assertTrue(m.contains("'scenarios'") && m.contains("non-empty"), m);
        m = refused("scenarios: [{scenario: SCENARIO}, {scenario: SCENARIO}]\n");
        assertTrue(m.contains("scenarios(1).name") && m.contains("distinct"), m);
        m = refused("scenarios: [{scenario: SCENARIO}\n");
        assertTrue(m.contains("not valid YAML"), m);
    }

    @Test
    void aBadScenarioOrBridgeKeyInSetOrSweepIsRefusedBeforeAnyRunByTheLoaders() throws IOException {
        RegressPlan plan = new RegressPlan(Map.of());
        Suite typo = load("scenarios: [{scenario: SCENARIO, sweep: {weather.conditon: [clear, rain]}}]\n");
        String m = assertThrows(ConfigException.class, () -> plan.check(RegressPlan.expand(typo, List.of()))).getMessage();
        assertTrue(m.contains("run flat_asphalt__weather.conditon-clear") && m.contains("unknown key 'weather.conditon'")
                && m.contains("weather.condition"), m);
        Suite badValue = load("scenarios: [{scenario: SCENARIO, set: {controller.speed_mps: fast}}]\n");
        m = assertThrows(ConfigException.class, () -> plan.check(RegressPlan.expand(badValue, List.of()))).getMessage();
        assertTrue(m.contains("controller.speed_mps") && m.contains("fast"), m);
    }
}
