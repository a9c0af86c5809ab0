package org.hilbridge.hil.record;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What makes a bag self-describing: the scenario and configuration texts a run used, with their paths, the
 * --set overrides, the HILBRIDGE__* environment overrides, the seed and the pacing. Written once, latched, on
 * /hilbridge/run (std_msgs/String) in java.util.Properties text, so a replay check can run the scenario again.
 *
 * @param scenarioPath absolute path of the scenario file when recorded (its height maps are found next to it)
 * @param configPath   absolute path of the bridge configuration, or "" when the defaults applied
 * @param configText   its text, or ""
 * @param environment  the HILBRIDGE__* environment variables in force
 */
public record RunInfo(String scenarioName, String scenarioPath, String scenarioText, String configPath, String configText,
                      List<String> overrides, Map<String, String> environment, long seed, String pacing, String hilbridgeVersion) {
    public static final String TOPIC = "/hilbridge/run";

    public RunInfo {
        Objects.requireNonNull(scenarioName, "scenarioName");
        Objects.requireNonNull(scenarioPath, "scenarioPath");
        Objects.requireNonNull(scenarioText, "scenarioText");
        Objects.requireNonNull(configPath, "configPath");
        Objects.requireNonNull(configText, "configText");
        Objects.requireNonNull(pacing, "pacing");
        overrides = List.copyOf(overrides);
        environment = Map.copyOf(environment);
    }

    /** The Properties text (keys sorted, no date comment, so equal runs give equal bytes). */
    public String toText() {
        Map<String, String> p = new TreeMap<>();
        p.put("scenario.name", scenarioName);
        p.put("scenario.path", scenarioPath);
        p.put("scenario.text", scenarioText);
        p.put("config.path", configPath);
        p.put("config.text", configText);
        p.put("overrides.count", Integer.toString(overrides.size()));
        for (int i = 0; i < overrides.size(); i++) {
            p.put(String.format("overrides.%03d", i), overrides.get(i));
        }
        environment.forEach((k, v) -> p.put("env." + k, v));
        p.put("seed", Long.toString(seed));
        p.put("pacing", pacing);
        p.put("hilbridge.version", hilbridgeVersion);
        Properties props = new Properties();
        props.putAll(p);
        StringWriter w = new StringWriter();
        try {
            props.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Properties.store writes a date comment first; drop it, and sort the lines it wrote in hash order.
        List<String> lines = new ArrayList<>(w.toString().lines().filter(l -> !l.startsWith("#")).toList());
        lines.sort(null);
        return String.join("\n", lines) + "\n";
    }

    /** Parses {@link #toText()}'s output; names the key that is missing. */
    public static RunInfo parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = Integer.parseInt(required(p, "overrides.count"));
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            overrides.add(required(p, String.format("overrides.%03d", i)));
        }
        Map<String, String> env = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("env.")) {
                env.put(k.substring(4), p.getProperty(k));
            }
        }
        return new RunInfo(required(p, "scenario.name"), required(p, "scenario.path"), required(p, "scenario.text"), required(p, "config.path"),
                required(p, "config.text"), overrides, env, Long.parseLong(required(p, "seed")), required(p, "pacing"),
                p.getProperty("hilbridge.version", "unknown"));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(TOPIC + " lacks the key '" + key + "': the bag was not written by hilbridge's recorder, or by an older one");
        }
        return v;
    }
}
