package org.hilbridge.hil.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * A merged configuration, checked against its schema: every leaf is a known key and its text passes the
 * key's rule. Keys are written as in Commons Configuration, with an index on every list item
 * ({@code sensors(0).rate_hz}). Reading a key gives the parsed value; errors name where the value came from.
 */
public final class ConfigTree {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, ValueRule> rules = new LinkedHashMap<>();
    private final Map<String, Integer> listSizes = new LinkedHashMap<>();
    private final Map<String, List<String>> mapEntries = new LinkedHashMap<>();
    private final Map<String, String> origins;
    private final String defaultWhere;
    private final List<String> unknown = new ArrayList<>();
    /** Unknown keys whose name cannot be a key at all, e.g. "vehicle.model" written as one YAML key. */
    private final List<String> unnamed = new ArrayList<>();
    private final List<ConfigException> malformed = new ArrayList<>();

    /**
     * @param origins      where each key's value came from when not the file (key as written here)
     * @param defaultWhere where all other values came from (the file, or "defaults")
     * @throws ConfigException for the first unknown key, else the first key given twice or holding both a
     *                         value and keys, else the first value its rule rejects
     */
    ConfigTree(ImmutableNode root, KeySchema schema, KeySuggestions suggestions, Map<String, String> origins, String defaultWhere) {
        this.origins = Map.copyOf(origins);
        this.defaultWhere = defaultWhere;
        walk(root, schema.root(), "");
        if (!unknown.isEmpty()) {
            String key = unknown.get(0);
            throw ConfigException.unknownKey(where(key), key, unnamed.contains(key)
                    ? " (a name is letters, digits and _: nest keys as mappings instead of joining them with '.')" : suggestions.hint(key));
        }
        if (!malformed.isEmpty()) {
            throw malformed.get(0);
        }
        values.forEach((key, text) -> {
            if (rules.get(key).parse(text) == null) {
                throw notAllowed(key, "expected " + rules.get(key).expected());
            }
        });
    }

    /** How a key segment is written: with its index where the schema has a list, else with an index only past 0. */
    static String segment(String name, int index, KeySchema.Node node) {
        boolean showIndex = node != null ? node.list : index > 0;
        return showIndex ? name + "(" + index + ")" : name;
    }

    private void walk(ImmutableNode node, KeySchema.Node schemaNode, String prefix) {
        Map<String, List<ImmutableNode>> byName = new LinkedHashMap<>();
        for (ImmutableNode child : node.getChildren()) {
            byName.computeIfAbsent(child.getNodeName(), k -> new ArrayList<>()).add(child);
        }
        byName.forEach((name, nodes) -> {
            KeySchema.Node s = schemaNode == null ? null : schemaNode.child(name);
            String base = join(prefix, name);
            if (s == null) {
                for (int i = 0; i < nodes.size(); i++) {
                    String key = firstLeaf(nodes.get(i), join(prefix, segment(name, i, null)));
                    unknown.add(key);
                    if (!ConfigKey.isName(name)) {
                        unnamed.add(key);
                    }
                }
                return;
            }
            if (s.list) {
                listSizes.put(base, nodes.size());
            } else if (nodes.size() > 1) {
                malformed.add(new ConfigException(where(firstLeaf(nodes.get(0), base)) + ": key '" + base + "' is given " + nodes.size()
                        + " times: it is not a list, give it once"));
            }
            if (s == schemaNode.wildcard) {
                mapEntries.computeIfAbsent(prefix, k -> new ArrayList<>()).add(name);
            }
            for (int i = 0; i < nodes.size(); i++) {
                ImmutableNode n = nodes.get(i);
                String path = join(prefix, segment(name, i, s));
                if (s.isLeaf()) {
                    if (!n.getChildren().isEmpty()) {
                        ImmutableNode c = n.getChildren().get(0);
                        unknown.add(firstLeaf(c, join(path, c.getNodeName())));
                    } else {
                        values.put(path, n.getValue() == null ? "" : String.valueOf(n.getValue()));
                        rules.put(path, s.rule);
                    }
                } else {
                    if (n.getValue() != null) {
                        malformed.add(ConfigException.notAllowed(where(path), path, String.valueOf(n.getValue()),
                                "it is a group: expected keys under it (" + String.join(", ", s.childNames()) + ")"));
                    }
                    walk(n, s, path);
                }
            }
        });
    }

    /** The first leaf below {@code node} (for naming an unknown group by a full key). */
    private static String firstLeaf(ImmutableNode node, String path) {
        ImmutableNode n = node;
        String p = path;
        while (!n.getChildren().isEmpty()) {
            n = n.getChildren().get(0);
            p = join(p, n.getNodeName());
        }
        return p;
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Whether leaf {@code key} is given. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Whether any key below {@code group} is given. */
    public boolean hasGroup(String group) {
        return !keysUnder(group).isEmpty();
    }

    /** The given leaf keys below {@code group}, in file order. */
    public List<String> keysUnder(String group) {
        List<String> keys = new ArrayList<>();
        for (String k : values.keySet()) {
            if (k.startsWith(group + ".")) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** Number of items in list {@code key} (0 when absent). */
    public int size(String key) {
        return listSizes.getOrDefault(key, 0);
    }

    /** Entry names of map {@code key} (a schema '*' level), in file order. */
    public List<String> entries(String key) {
        return List.copyOf(mapEntries.getOrDefault(key, List.of()));
    }

    /** Where the value of {@code key} came from: the file, "environment HILBRIDGE__...", or "--set". */
    public String where(String key) {
        return origins.getOrDefault(key, defaultWhere);
    }

    /** The text given for {@code key}, as written. */
    public String raw(String key) {
        return values.get(key);
    }

    public String text(String key) {
        return (String) parsed(key, String.class);
    }

    public String text(String key, String defaultValue) {
        return has(key) ? text(key) : defaultValue;
    }

    public double number(String key) {
        return (Double) parsed(key, Double.class);
    }

    public double number(String key, double defaultValue) {
        return has(key) ? number(key) : defaultValue;
    }

    public long integer(String key) {
        return (Long) parsed(key, Long.class);
    }

    public long integer(String key, long defaultValue) {
        return has(key) ? integer(key) : defaultValue;
    }

    public boolean bool(String key, boolean defaultValue) {
        return has(key) ? (Boolean) parsed(key, Boolean.class) : defaultValue;
    }

    private Object parsed(String key, Class<?> type) {
        if (!has(key)) {
            throw missing(key, "");
        }
        Object v = rules.get(key).parse(values.get(key));
        if (!type.isInstance(v)) {
            throw new IllegalStateException("the schema's rule for '" + key + "' does not give a " + type.getSimpleName());
        }
        return v;
    }

    /** {@code where: key 'k' = 'v' is not allowed: reason} for a given key. */
    public ConfigException notAllowed(String key, String reason) {
        return ConfigException.notAllowed(where(key), key, raw(key), reason);
    }

    /** {@code where: required key 'k' is missing}; "where" is that of the item or group it belongs in, if given. */
    public ConfigException missing(String key, String because) {
        String where = defaultWhere;
        int dot = key.lastIndexOf('.');
        if (dot > 0) {
            List<String> siblings = keysUnder(key.substring(0, dot));
            if (!siblings.isEmpty()) {
                where = where(siblings.get(0));
            }
        }
        return ConfigException.missing(where, key, because);
    }
}
