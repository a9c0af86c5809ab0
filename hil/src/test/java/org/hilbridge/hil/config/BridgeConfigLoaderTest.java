package org.hilbridge.hil.config;

import static org.hilbridge.hil.config.ConfigErrors.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BridgeConfigLoaderTest {
    private static final Path SHIPPED = Path.of("../launch/config/bridge.properties");
    private final BridgeConfigLoader loader = new BridgeConfigLoader();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void withoutFileEnvironmentOrOverridesTheDefaultsHold() {
        assertEquals(BridgeConfig.defaults(), loader.load(null, Map.of(), List.of()));
    }

    @Test
    void theShippedPropertiesFileListsEveryKeyWithItsDefault() throws IOException {
        assertEquals(BridgeConfig.defaults(), loader.load(SHIPPED, Map.of(), List.of()));
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(SHIPPED)) {
            p.load(in);
        }
        assertEquals(new TreeSet<>(BridgeKeys.SCHEMA.leafPatterns()), new TreeSet<>(p.stringPropertyNames()));
    }

    @Test
    void aPropertiesFileSetsEveryField() throws IOException {
        Path f = write("bridge.properties", """
                runner.pacing = lockstep
                runner.lockstep_stream = lidar_front
                runner.progress_every_s = 0
                watchdog.timeout_s = 0.25
                watchdog.safe_stop_brake = 1
                watchdog.latch = false
                arbiter.lease_mode = exclusive
                arbiter.lease_timeout_s = 2
                arbiter.max_sample_age_s = 0.1
                sinks.queue_capacity = 8
                controller.type = none
                controller.speed_mps = -2.5
                controller.lookahead_m = 4
                runner.render_threads = 3
                runner.realtime_factor = 0.5
                runner.overrun_policy = fail
                runner.overrun_tolerance_ms = 2
                runner.spin_us = 50
                """);
        assertEquals(new BridgeConfig("lockstep", "lidar_front", 0.25, 1.0, false, "exclusive", 2.0, 0.1, 8, "none", -2.5, 4.0, 0.0, 3,
                        new BridgeConfig.Realtime(0.5, "fail", 2.0, 50), false, org.hilbridge.bridge.socket.server.SocketServerConfig.defaults(),
                        RosSettings.DEFAULTS),
                loader.load(f, Map.of(), List.of()));
    }

    @Test
    void aYamlFileNestsTheSameKeysAndUnsetOnesKeepTheirDefaults() throws IOException {
        Path f = write("bridge.yaml", """
                runner:
                  pacing: lockstep
                watchdog: {timeout_s: 0.2, latch: false}
                sinks:
                  queue_capacity: 1000
                """);
        BridgeConfig c = loader.load(f, Map.of(), List.of());
        BridgeConfig d = BridgeConfig.defaults();
        assertEquals(new BridgeConfig("lockstep", d.lockstepStream(), 0.2, d.safeStopBrake(), false, d.leaseMode(), d.leaseTimeoutS(),
                d.maxSampleAgeS(), 1000, d.controller(), d.controllerSpeedMps(), d.controllerLookaheadM(), d.progressEveryS(), d.renderThreads(), d.realtime(), d.socketEnabled(), d.socket(), d.ros()), c);
    }

    @Test
    void theEnvironmentBeatsTheFileAndSetBeatsBoth() throws IOException {
        Path f = write("bridge.properties", "watchdog.timeout_s = 0.3\ncontroller.speed_mps = 3\n");
        Map<String, String> env = Map.of("HILBRIDGE__WATCHDOG__TIMEOUT_S", "0.2", "HILBRIDGE__CONTROLLER__LOOKAHEAD_M", "12", "PATH", "/usr/bin");
        assertEquals(0.3, loader.load(f, Map.of(), List.of()).watchdogTimeoutS());
        BridgeConfig fromEnv = loader.load(f, env, List.of());
        assertEquals(0.2, fromEnv.watchdogTimeoutS());
        assertEquals(12.0, fromEnv.controllerLookaheadM());
        assertEquals(3.0, fromEnv.controllerSpeedMps(), "a key only the file sets keeps the file's value");
        BridgeConfig fromSet = loader.load(f, env, List.of("watchdog.timeout_s=0.1", "watchdog.timeout_s=0.15"));
        assertEquals(0.15, fromSet.watchdogTimeoutS(), "--set beats the environment, and a later --set beats an earlier one");
        assertEquals(12.0, fromSet.controllerLookaheadM());
    }

    @Test
    void scenarioKeysInTheEnvironmentAndOverridesAreLeftToTheScenarioLoader() {
        BridgeConfig c = loader.load(null, Map.of("HILBRIDGE__SEED", "4"), List.of("vehicle.model=small_car", "runner.pacing=lockstep"));
        assertEquals("lockstep", c.pacing());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "runner.pacing | wallclock | expected one of: fast, lockstep, realtime",
            "runner.overrun_policy | skip | expected one of: catch_up, slip, fail",
            "runner.realtime_factor | 0 | expected a number in [0.01, 100]",
            "runner.lockstep_stream | front lidar | expected a name: a letter, then letters, digits or _",
            "runner.progress_every_s | -1 | expected a number >= 0",
            "watchdog.timeout_s | 0 | expected a number in (0, 60]",
            "watchdog.timeout_s | 61 | expected a number in (0, 60]",
            "watchdog.timeout_s | NaN | expected a number in (0, 60]",
            "watchdog.safe_stop_brake | 1.5 | expected a number in (0, 1]",
            "watchdog.latch | yes | expected true or false",
            "watchdog.latch | TRUE | expected true or false",
            "arbiter.lease_mode | shared | expected one of: open, exclusive",
            "arbiter.lease_timeout_s | 0 | expected a number > 0",
            "arbiter.max_sample_age_s | 0x10 | expected a number > 0",
            "sinks.queue_capacity | 1.5 | expected an integer in [1, 100000]",
            "sinks.queue_capacity | 100001 | expected an integer in [1, 100000]",
            "controller.type | pid | expected one of: route_follower, none",
            "controller.speed_mps | 31 | expected a number in [-30, 30]",
            "controller.lookahead_m | 0 | expected a number > 0"})
    void everyBadValueIsNamedWithItsKeyAndWhatIsAllowed(String key, String value, String expected) throws IOException {
        Path f = write("bridge.properties", key + " = " + value + "\n");
        assertConfigError(() -> loader.load(f, Map.of(), List.of()),
                f + ": key '" + key + "' = '" + value + "' is not allowed: " + expected);
        assertConfigError(() -> loader.load(null, Map.of(), List.of(key + "=" + value)),
                "--set: key '" + key + "' = '" + value + "' is not allowed: " + expected);
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        assertConfigError(() -> loader.load(null, Map.of("HILBRIDGE__WATCHDOG__TIMEOUT_S", "soon"), List.of()),
                "environment HILBRIDGE__WATCHDOG__TIMEOUT_S: key 'watchdog.timeout_s' = 'soon' is not allowed: expected a number in (0, 60]");
    }

    @Test
    void unknownKeysAreErrorsWithASuggestionWhenOneIsClose() throws IOException {
        Path f = write("bridge.properties", "runner.pacng = fast\n");
        assertConfigError(() -> loader.load(f, Map.of(), List.of()), f + ": unknown key 'runner.pacng' (did you mean 'runner.pacing'?)");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("watchdog.timeout=1")),
                "--set: unknown key 'watchdog.timeout' (did you mean 'watchdog.timeout_s'?)");
        assertConfigError(() -> loader.load(null, Map.of("HILBRIDGE__ARBITER__MODE", "open"), List.of()),
                "environment HILBRIDGE__ARBITER__MODE: unknown key 'arbiter.mode'");
        ConfigException far = assertConfigError(() -> loader.load(null, Map.of(), List.of("sinks.ros.port=11311")), "--set: unknown key 'sinks.ros.port'");
        assertEquals(-1, far.getMessage().indexOf("did you mean"), "nothing is close to " + far.getMessage());
    }

    @Test
    void aSetWithoutEqualsSignIsAnError() {
        assertConfigError(() -> loader.load(null, Map.of(), List.of("runner.pacing")), "--set runner.pacing: expected key=value");
    }

    @Test
    void aKeyGivenTwiceInAPropertiesFileIsAnError() throws IOException {
        Path f = write("bridge.properties", "watchdog.timeout_s = 0.5\nwatchdog.timeout_s = 0.7\n");
        assertConfigError(() -> loader.load(f, Map.of(), List.of()), "key 'watchdog.timeout_s' is given 2 times");
    }

    @Test
    void yamlBooleansAreOnlyTrueAndFalse() throws IOException {
        // YAML 1.1 reads "on" as a boolean; we read text (see TextYamlConfiguration).
        Path f = write("bridge.yaml", "watchdog:\n  latch: on\n");
        assertConfigError(() -> loader.load(f, Map.of(), List.of()), "key 'watchdog.latch' = 'on' is not allowed: expected true or false");
    }

    @Test
    void filesThatCannotBeUsedAreNamed() throws IOException {
        Path json = write("bridge.json", "{}");
        assertConfigError(() -> loader.load(json, Map.of(), List.of()), "bridge.json: unknown configuration file type: allowed are .yaml, .yml and .properties");
        Path missing = dir.resolve("nope.properties");
        assertConfigError(() -> loader.load(missing, Map.of(), List.of()), "nope.properties: cannot be read: no such file");
        Path broken = write("bridge.yaml", "runner: [pacing: fast\n");
        assertConfigError(() -> loader.load(broken, Map.of(), List.of()), "bridge.yaml: is not valid YAML");
        Path list = write("list.yaml", "- runner.pacing\n");
        assertConfigError(() -> loader.load(list, Map.of(), List.of()), "list.yaml: is not a YAML mapping of keys at the top level");
    }
}
