package org.hilbridge.hil.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One value set from outside the file: an environment variable or a command-line {@code --set key=value}.
 *
 * @param key   the key it sets
 * @param value the text it sets
 * @param where where it came from, for messages: {@code --set} or {@code environment HILBRIDGE__...}
 */
public record ConfigOverride(ConfigKey key, String value, String where) {
    /** Environment variables with this prefix are configuration keys. */
    public static final String ENV_PREFIX = "HILBRIDGE__";
    /** The origin named in messages for a command-line override. */
    public static final String SET = "--set";

    public ConfigOverride {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(where, "where");
    }

    /**
     * The environment's configuration keys: {@code HILBRIDGE__A__B_C=value} sets key {@code a.b_c} (a double
     * underscore is a dot, the rest is lower-cased). Sorted by variable name, so the result does not depend
     * on the map's iteration order. Other variables are not ours and are left alone.
     */
    public static List<ConfigOverride> fromEnvironment(Map<String, String> environment) {
        List<ConfigOverride> out = new ArrayList<>();
        Map<String, String> seen = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(ENV_PREFIX)) {
                continue;
            }
            String where = "environment " + variable;
            String rest = variable.substring(ENV_PREFIX.length());
            ConfigKey key;
            try {
                key = ConfigKey.parse(rest.replace("__", ".").toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException x) {
                throw new ConfigException(where + ": " + x.getMessage() + " (write HILBRIDGE__A__B_C for key a.b_c)");
            }
            String earlier = seen.put(key.toString(), variable);
            if (earlier != null) {
                throw new ConfigException(where + ": key '" + key + "' is also set by environment " + earlier + ": set it once");
            }
            out.add(new ConfigOverride(key, e.getValue(), where));
        }
        return out;
    }

    /**
     * All overrides in order of precedence (environment first, then --set in the order given), keeping those
     * whose key starts with one of {@code roots} ({@code inRoots} true) or with none of them (false).
     */
    public static List<ConfigOverride> select(Map<String, String> environment, List<String> setArguments, java.util.Set<String> roots, boolean inRoots) {
        List<ConfigOverride> out = new ArrayList<>();
        List<ConfigOverride> all = new ArrayList<>(fromEnvironment(environment));
        all.addAll(fromSetArguments(setArguments));
        for (ConfigOverride o : all) {
            if (roots.contains(o.key().first()) == inRoots) {
                out.add(o);
            }
        }
        return out;
    }

    /** Command-line overrides, each {@code key=value} (the argument of one --set), in the order given. */
    public static List<ConfigOverride> fromSetArguments(List<String> arguments) {
        List<ConfigOverride> out = new ArrayList<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq < 0) {
                throw new ConfigException(SET + " " + argument + ": expected key=value, e.g. --set vehicle.model=small_car");
            }
            try {
                out.add(new ConfigOverride(ConfigKey.parse(argument.substring(0, eq).trim()), argument.substring(eq + 1), SET));
            } catch (IllegalArgumentException x) {
                throw new ConfigException(SET + " " + argument + ": " + x.getMessage());
            }
        }
        return out;
    }
}
