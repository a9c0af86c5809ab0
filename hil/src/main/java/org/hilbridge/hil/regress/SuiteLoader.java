package org.hilbridge.hil.regress;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hilbridge.hil.config.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a suite file (launch/suites/README.md documents every key). Unknown keys and bad values are refused
 * with the file, the key's path (e.g. {@code scenarios(1).criteria.max_cross_track_m}) and what is allowed.
 * The keys of {@code set} and {@code sweep} are scenario and bridge keys: {@link RegressPlan#check} loads
 * every run's scenario and configuration before anything runs, so they are refused by the same loaders.
 */
public final class SuiteLoader {
    private static final Set<String> TOP = Set.of("name", "system", "scenarios");
    private static final Set<String> ENTRY = Set.of("scenario", "name", "set", "sweep", "system", "criteria");
    private static final Set<String> SYSTEM = Set.of("type", "command");
    private static final Set<String> CRITERIA = Set.of("goal_within_s", "no_collision", "max_cross_track_error_m", "min_obstacle_clearance_m",
            "watchdog_stop_expected", "max_loop_latency_p99_ms");

    public Suite load(Path file) throws IOException {
        Object root;
        try (Reader r = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such suite file");
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        String where = file.toString();
        Map<String, Object> top = map(where, "(top level)", root);
        checkKeys(where, "", top, TOP);
        String name = top.containsKey("name") ? text(where, "name", top.get("name")) : baseName(file);
        SystemUnderTest suiteSystem = top.containsKey("system") ? system(where, "system", top.get("system")) : SystemUnderTest.routeFollower();
        if (!(top.get("scenarios") instanceof List<?> list) || list.isEmpty()) {
            throw top.containsKey("scenarios") ? ConfigException.notAllowed(where, "scenarios", String.valueOf(top.get("scenarios")),
                    "it must be a non-empty list of scenario entries") : ConfigException.missing(where, "scenarios", "");
        }
        Path folder = file.toAbsolutePath().getParent();
        List<SuiteEntry> entries = new ArrayList<>();
        Set<String> labels = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "scenarios(" + i + ")";
            Map<String, Object> e = map(where, p, list.get(i));
            checkKeys(where, p + ".", e, ENTRY);
            if (!e.containsKey("scenario")) {
                throw ConfigException.missing(where, p + ".scenario", "");
            }
            Path scenario = folder.resolve(text(where, p + ".scenario", e.get("scenario"))).normalize();
            if (!Files.isRegularFile(scenario)) {
                throw ConfigException.notAllowed(where, p + ".scenario", String.valueOf(e.get("scenario")), "no such file: " + scenario);
            }
            String label = e.containsKey("name") ? text(where, p + ".name", e.get("name")) : baseName(scenario);
            if (!label.matches("[A-Za-z0-9_.-]+")) {
                throw ConfigException.notAllowed(where, p + ".name", label, "a run name uses letters, digits, '_', '.' and '-'");
            }
            if (!labels.add(label)) {
                throw ConfigException.notAllowed(where, p + ".name", label, "another entry has that name: give each a distinct name");
            }
            Map<String, String> set = new LinkedHashMap<>();
            if (e.containsKey("set")) {
                map(where, p + ".set", e.get("set")).forEach((k, v) -> set.put(k, scalar(where, p + ".set." + k, v)));
            }
            Map<String, List<String>> sweep = new LinkedHashMap<>();
            if (e.containsKey("sweep")) {
                map(where, p + ".sweep", e.get("sweep")).forEach((k, v) -> {
                    if (!(v instanceof List<?> values) || values.isEmpty()) {
                        throw ConfigException.notAllowed(where, p + ".sweep." + k, String.valueOf(v), "a sweep key takes a non-empty list of values");
                    }
                    if (set.containsKey(k)) {
                        throw ConfigException.notAllowed(where, p + ".sweep." + k, String.valueOf(v), "the key is also in " + p + ".set");
                    }
                    List<String> texts = new ArrayList<>();
                    for (int j = 0; j < values.size(); j++) {
                        String t = scalar(where, p + ".sweep." + k + "(" + j + ")", values.get(j));
                        if (texts.contains(t)) {
                            throw ConfigException.notAllowed(where, p + ".sweep." + k + "(" + j + ")", t, "the value is listed twice");
                        }
                        texts.add(t);
                    }
                    sweep.put(k, texts);
                });
            }
            SystemUnderTest system = e.containsKey("system") ? system(where, p + ".system", e.get("system")) : suiteSystem;
            SuiteCriteria criteria = e.containsKey("criteria") ? criteria(where, p + ".criteria", e.get("criteria")) : SuiteCriteria.none();
            entries.add(new SuiteEntry(label, scenario, set, sweep, system, criteria));
        }
        return new Suite(name, entries);
    }

    private static SystemUnderTest system(String where, String key, Object v) {
        if (v instanceof String type) {
            return system(where, key, Map.of("type", type));
        }
        Map<String, Object> m = map(where, key, v);
        checkKeys(where, key + ".", m, SYSTEM);
        String type = m.containsKey("type") ? text(where, key + ".type", m.get("type")) : null;
        if (type == null) {
            throw ConfigException.missing(where, key + ".type", "");
        }
        if (!SystemUnderTest.TYPES.contains(type)) {
            throw ConfigException.notAllowed(where, key + ".type", type, "allowed are " + String.join(", ", SystemUnderTest.TYPES));
        }
        List<String> command = new ArrayList<>();
        if (m.containsKey("command")) {
            if (!SystemUnderTest.COMMAND.equals(type)) {
                throw ConfigException.notAllowed(where, key + ".command", String.valueOf(m.get("command")), "it applies only with type: command");
            }
            if (!(m.get("command") instanceof List<?> args) || args.isEmpty()) {
                throw ConfigException.notAllowed(where, key + ".command", String.valueOf(m.get("command")), "it must be a non-empty list: program, arguments");
            }
            for (int i = 0; i < args.size(); i++) {
                command.add(scalar(where, key + ".command(" + i + ")", args.get(i)));
            }
        } else if (SystemUnderTest.COMMAND.equals(type)) {
            throw ConfigException.missing(where, key + ".command", "type: command starts this program for each run");
        }
        return new SystemUnderTest(type, command);
    }

    private static SuiteCriteria criteria(String where, String key, Object v) {
        Map<String, Object> m = map(where, key, v);
        checkKeys(where, key + ".", m, CRITERIA);
        SuiteCriteria d = SuiteCriteria.none();
        return new SuiteCriteria(positive(where, key + ".goal_within_s", m, d.goalWithinS()),
                bool(where, key + ".no_collision", m, d.noCollision()),
                positive(where, key + ".max_cross_track_error_m", m, d.maxCrossTrackErrorM()),
                positive(where, key + ".min_obstacle_clearance_m", m, d.minObstacleClearanceM()),
                m.containsKey("watchdog_stop_expected") ? Boolean.valueOf(bool(where, key + ".watchdog_stop_expected", m, false)) : d.watchdogStopExpected(),
                positive(where, key + ".max_loop_latency_p99_ms", m, d.maxLoopLatencyP99Ms()));
    }

    private static double positive(String where, String key, Map<String, Object> m, double fallback) {
        Object v = m.get(key.substring(key.lastIndexOf('.') + 1));
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            throw ConfigException.notAllowed(where, key, String.valueOf(v), "it must be a number > 0");
        }
        return n.doubleValue();
    }

    private static boolean bool(String where, String key, Map<String, Object> m, boolean fallback) {
        Object v = m.get(key.substring(key.lastIndexOf('.') + 1));
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw ConfigException.notAllowed(where, key, String.valueOf(v), "allowed are true, false");
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String where, String key, Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw ConfigException.notAllowed(where, key, String.valueOf(v), "it must be a mapping of keys to values");
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw ConfigException.notAllowed(where, key, String.valueOf(k), "keys must be text");
            }
        }
        return (Map<String, Object>) m;
    }

    private static void checkKeys(String where, String prefix, Map<String, Object> m, Set<String> allowed) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw ConfigException.unknownKey(where, prefix + k, " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(String where, String key, Object v) {
        if (!(v instanceof String s) || s.isBlank()) {
            throw ConfigException.notAllowed(where, key, String.valueOf(v), "it must be non-empty text");
        }
        return s;
    }

    private static String scalar(String where, String key, Object v) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw ConfigException.notAllowed(where, key, String.valueOf(v), "it must be a single value (text, number or true/false)");
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
