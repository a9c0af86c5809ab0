package org.hilbridge.hil.scenario;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.hilbridge.hil.config.ConfigTree;
import org.hilbridge.sim.sensor.SensorMount;

/** The sensor list: names unique, types from {@link Scenario.SensorSpec#TYPES}, mounts in degrees in the file. */
final class SensorSection {
    static final String DEFAULT_NAME = "ground_truth";
    static final double DEFAULT_RATE_HZ = 50;
    static final String DEFAULT_FRAME_ID = "base_link";

    private SensorSection() {
    }

    /**
     * A file without sensors gets the default list (one ground-truth sensor), before the environment and
     * --set apply, so {@code --set sensors(0).rate_hz=100} changes the default sensor.
     */
    static void addDefaultIfAbsent(BaseHierarchicalConfiguration file) {
        if (file.getMaxIndex("sensors") < 0) {
            file.addProperty("sensors.name", DEFAULT_NAME);
            file.addProperty("sensors.type", "ground_truth");
            file.addProperty("sensors.rate_hz", Double.toString(DEFAULT_RATE_HZ));
            file.addProperty("sensors.frame_id", DEFAULT_FRAME_ID);
        }
    }

    static List<Scenario.SensorSpec> read(ConfigTree c) {
        List<Scenario.SensorSpec> sensors = new ArrayList<>();
        for (int i = 0; i < c.size("sensors"); i++) {
            String p = "sensors(" + i + ")";
            String name = c.text(p + ".name");
            for (int j = 0; j < i; j++) {
                if (sensors.get(j).name().equals(name)) {
                    throw c.notAllowed(p + ".name", "sensor names must be unique, and sensors(" + j + ") has it too");
                }
            }
            SensorMount mount = new SensorMount(c.number(p + ".mount.x_m", 0), c.number(p + ".mount.y_m", 0), c.number(p + ".mount.z_m", 0),
                    radians(c, p + ".mount.roll_deg"), radians(c, p + ".mount.pitch_deg"), radians(c, p + ".mount.yaw_deg"));
            String type = c.text(p + ".type");
            java.util.Map<String, String> options = new java.util.TreeMap<>();
            java.util.Map<String, org.hilbridge.hil.config.ValueRule> allowed = ScenarioKeys.SENSOR_OPTIONS.get(type);
            for (String key : ScenarioKeys.SENSOR_OPTION_KEYS) {
                String full = p + "." + key;
                if (!c.has(full)) {
                    continue;
                }
                if (!allowed.containsKey(key)) {
                    throw c.notAllowed(full, "it belongs to " + typesWith(key) + " sensors, not to a " + type + " sensor"
                            + (allowed.isEmpty() ? " (which takes no options)" : " (which takes " + String.join(", ", new java.util.TreeSet<>(allowed.keySet())) + ")"));
                }
                options.put(key, c.raw(full));
            }
            sensors.add(new Scenario.SensorSpec(name, type, c.number(p + ".rate_hz"), c.text(p + ".frame_id", DEFAULT_FRAME_ID), mount, options));
        }
        return sensors;
    }

    private static String typesWith(String key) {
        return String.join(" or ", ScenarioKeys.SENSOR_OPTIONS.entrySet().stream().filter(e -> e.getValue().containsKey(key))
                .map(java.util.Map.Entry::getKey).sorted().toList());
    }

    private static double radians(ConfigTree c, String key) {
        return StrictMath.toRadians(c.number(key, 0));
    }
}
