package org.hilbridge.hil.config;

import static org.hilbridge.hil.config.ConfigErrors.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigOverrideTest {
    @Test
    void doubleUnderscoreIsADotAndNamesAreLowerCased() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/root");
        env.put("HILBRIDGE_HOME", "/opt/hilbridge");
        env.put("HILBRIDGE__VEHICLE__INITIAL__SPEED_MPS", "3");
        env.put("HILBRIDGE__MATERIALS__MY_GRAVEL__PEAK_MU", "0.5");
        List<ConfigOverride> o = ConfigOverride.fromEnvironment(env);
        assertEquals(2, o.size(), "only HILBRIDGE__ variables are keys: " + o);
        assertEquals("materials.my_gravel.peak_mu", o.get(0).key().toString(), "sorted by variable name");
        assertEquals("vehicle.initial.speed_mps", o.get(1).key().toString());
        assertEquals("3", o.get(1).value());
        assertEquals("environment HILBRIDGE__VEHICLE__INITIAL__SPEED_MPS", o.get(1).where());
    }

    @Test
    void twoVariablesForOneKeyAreAnError() {
        assertConfigError(() -> ConfigOverride.fromEnvironment(Map.of("HILBRIDGE__SEED", "1", "HILBRIDGE__seed", "2")),
                "key 'seed' is also set by environment");
    }

    @Test
    void aVariableThatIsNotAKeyIsAnError() {
        assertConfigError(() -> ConfigOverride.fromEnvironment(Map.of("HILBRIDGE__A____B", "1")), "environment HILBRIDGE__A____B: 'a..b' is not a key");
    }

    @Test
    void setSplitsAtTheFirstEqualsSignAndKeepsIndices() {
        List<ConfigOverride> o = ConfigOverride.fromSetArguments(List.of("name=a=b", "sensors(0).rate_hz=20", "goal.x_m="));
        assertEquals("a=b", o.get(0).value());
        assertEquals(List.of(new ConfigKey.Segment("sensors", 0), new ConfigKey.Segment("rate_hz", ConfigKey.Segment.NO_INDEX)), o.get(1).key().segments());
        assertEquals("", o.get(2).value());
        assertConfigError(() -> ConfigOverride.fromSetArguments(List.of("sensors[0].rate_hz=20")), "--set sensors[0].rate_hz=20: 'sensors[0].rate_hz' is not a key");
    }

    @Test
    void selectKeepsOneNamespaceInPrecedenceOrder() {
        List<ConfigOverride> bridge = ConfigOverride.select(Map.of("HILBRIDGE__RUNNER__PACING", "fast", "HILBRIDGE__SEED", "1"),
                List.of("runner.pacing=lockstep", "seed=2"), Set.of("runner"), true);
        assertEquals(List.of("environment HILBRIDGE__RUNNER__PACING", "--set"), bridge.stream().map(ConfigOverride::where).toList());
        List<ConfigOverride> rest = ConfigOverride.select(Map.of("HILBRIDGE__RUNNER__PACING", "fast", "HILBRIDGE__SEED", "1"),
                List.of("runner.pacing=lockstep", "seed=2"), Set.of("runner"), false);
        assertEquals(List.of("1", "2"), rest.stream().map(ConfigOverride::value).toList());
    }
}
