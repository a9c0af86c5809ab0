package org.hilbridge.hil.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hilbridge.hil.config.ConfigTree;
import org.hilbridge.hil.config.NumberText;

/**
 * The fault schedule: kinds from {@link Scenario.FaultSpec#KINDS}, each starting within the run, with the keys
 * its kind takes (a key that does not apply to the kind is an error, as everywhere in a scenario). The rules
 * per kind are documented in launch/scenarios/README.md, "faults".
 */
final class FaultSection {
    /** Longest added delay (sensor_latency, command_delay), s: beyond a minute it is an outage, not a delay. */
    static final double MAX_DELAY_S = 60;
    /** Largest noise factor (sensor_noise). */
    static final double MAX_NOISE_FACTOR = 1000;
    /** Largest clock jump either way, s (a day). */
    static final double MAX_JUMP_S = 86400;

    /** Sensor types each sensor fault may target; kinds absent here take no target. */
    private static final Map<String, List<String>> TARGET_TYPES = Map.of(
            "sensor_dropout", Scenario.SensorSpec.TYPES,
            "sensor_latency", Scenario.SensorSpec.TYPES,
            "frozen_frames", Scenario.SensorSpec.TYPES,
            // The sensors whose models have noise terms (sim-core's NoiseScalable).
            "sensor_noise", List.of("imu", "gnss", "lidar"),
            "gnss_outage", List.of("gnss"));

    private FaultSection() {
    }

    static List<Scenario.FaultSpec> read(ConfigTree c, double durationS, List<Scenario.SensorSpec> sensors) {
        List<Scenario.FaultSpec> faults = new ArrayList<>();
        for (int i = 0; i < c.size("faults"); i++) {
            String p = "faults(" + i + ")";
            String kind = c.text(p + ".kind");
            double atS = c.number(p + ".at_s");
            if (atS >= durationS) {
                throw c.notAllowed(p + ".at_s", "the scenario ends at duration_s = " + NumberText.of(durationS) + " s");
            }
            double windowS = c.number(p + ".duration_s", 0);
            boolean clockJump = kind.equals("clock_jump");
            if (!clockJump && !(windowS > 0)) {
                throw c.has(p + ".duration_s") ? c.notAllowed(p + ".duration_s", "a " + kind + " needs a window > 0 s")
                        : c.missing(p + ".duration_s", "a " + kind + " needs a window > 0 s");
            }
            String target = target(c, p, kind, sensors);
            double magnitude = magnitude(c, p, kind);
            if (clockJump && atS + magnitude < 0) {
                throw c.notAllowed(p + ".magnitude", "at at_s = " + NumberText.of(atS) + " s a jump of " + NumberText.of(magnitude)
                        + " s would publish stamps before time 0 (ROS time is unsigned): expected >= " + NumberText.of(-atS));
            }
            double jitterS = 0;
            if (c.has(p + ".jitter_s")) {
                if (!kind.equals("sensor_latency")) {
                    throw c.notAllowed(p + ".jitter_s", "only a sensor_latency takes a jitter, not a " + kind);
                }
                jitterS = c.number(p + ".jitter_s");
                if (jitterS > magnitude) {
                    throw c.notAllowed(p + ".jitter_s", "expected at most the latency, magnitude = " + NumberText.of(magnitude)
                            + " s (a sample cannot arrive before it was captured)");
                }
            }
            faults.add(new Scenario.FaultSpec(kind, atS, windowS, target, magnitude, jitterS));
        }
        return faults;
    }

    private static String target(ConfigTree c, String p, String kind, List<Scenario.SensorSpec> sensors) {
        List<String> types = TARGET_TYPES.get(kind);
        String key = p + ".target";
        if (types == null) {
            if (c.has(key)) {
                throw c.notAllowed(key, "a " + kind + " takes no target (it is not a sensor fault)");
            }
            return null;
        }
        List<String> allowed = sensors.stream().filter(s -> types.contains(s.type())).map(Scenario.SensorSpec::name).toList();
        if (!c.has(key)) {
            if (allowed.isEmpty()) {
                throw c.notAllowed(p + ".kind", "a " + kind + " needs a sensor of type " + String.join(" or ", types)
                        + " and the scenario has none");
            }
            return null;
        }
        String target = c.text(key);
        if (!allowed.contains(target)) {
            String which = types.equals(Scenario.SensorSpec.TYPES) ? "sensors"
                    : "sensors of type " + String.join(", ", types) + " (those a " + kind + " applies to)";
            throw c.notAllowed(key, "expected one of the scenario's " + which + ": " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
        }
        return target;
    }

    private static double magnitude(ConfigTree c, String p, String kind) {
        String key = p + ".magnitude";
        switch (kind) {
            case "sensor_latency", "command_delay" -> {
                if (!c.has(key)) {
                    throw c.missing(key, "a " + kind + " needs its added delay in seconds");
                }
                double s = c.number(key);
                if (!(s > 0 && s <= MAX_DELAY_S)) {
                    throw c.notAllowed(key, "expected the added delay, s, in (0, " + NumberText.of(MAX_DELAY_S) + "]");
                }
                return s;
            }
            case "sensor_noise" -> {
                if (!c.has(key)) {
                    throw c.missing(key, "a sensor_noise needs the factor on the noise's standard deviation");
                }
                double f = c.number(key);
                if (!(f >= 0 && f <= MAX_NOISE_FACTOR)) {
                    throw c.notAllowed(key, "expected the factor on the noise's standard deviation in [0, " + NumberText.of(MAX_NOISE_FACTOR) + "]");
                }
                return f;
            }
            case "clock_jump" -> {
                if (!c.has(key)) {
                    throw c.missing(key, "a clock_jump needs the jump in seconds");
                }
                double s = c.number(key);
                if (s == 0 || Math.abs(s) > MAX_JUMP_S) {
                    throw c.notAllowed(key, "expected the jump, s, not 0, in [-" + NumberText.of(MAX_JUMP_S) + ", " + NumberText.of(MAX_JUMP_S) + "]");
                }
                return s;
            }
            default -> {
                if (c.has(key)) {
                    throw c.notAllowed(key, "a " + kind + " takes no magnitude");
                }
                return 0;
            }
        }
    }
}
