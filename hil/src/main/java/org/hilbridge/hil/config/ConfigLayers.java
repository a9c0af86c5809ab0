package org.hilbridge.hil.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.BaseHierarchicalConfiguration;

/**
 * Merges the layers of one configuration, lowest precedence first: the file, then the environment, then
 * --set, each override replacing the value below it (Commons Configuration's setProperty, so
 * {@code sensors(0).rate_hz} changes one item of a list and {@code materials.x.peak_mu} adds a map entry).
 * The result is checked against the schema.
 */
public final class ConfigLayers {
    private final KeySchema schema;
    private final KeySuggestions suggestions;

    /**
     * @param foreignPatterns leaf patterns of the other namespace, pointed out when given here by mistake
     * @param foreignNote     what to say then, e.g. "it is a bridge configuration key, not a scenario key"
     */
    public ConfigLayers(KeySchema schema, List<String> foreignPatterns, String foreignNote) {
        this.schema = schema;
        this.suggestions = new KeySuggestions(schema.leafPatterns(), foreignPatterns, foreignNote);
    }

    /**
     * @param file      the file's keys (an empty configuration when there is no file); not changed
     * @param fileWhere how messages name the file's values: its path, or "defaults"
     * @param overrides environment then --set overrides of this namespace, in order of precedence
     */
    public ConfigTree merge(BaseHierarchicalConfiguration file, String fileWhere, List<ConfigOverride> overrides) {
        BaseHierarchicalConfiguration merged = new BaseHierarchicalConfiguration(file);
        Map<String, String> origins = new HashMap<>();
        for (ConfigOverride o : overrides) {
            String key;
            try {
                key = canonical(o.key());
                checkIndices(merged, o.key());
            } catch (IllegalArgumentException e) {
                throw ConfigException.notAllowed(o.where(), o.key().toString(), o.value(), e.getMessage());
            }
            merged.setProperty(o.key().toString(), o.value());
            origins.put(key, o.where());
        }
        return new ConfigTree(merged.getNodeModel().getNodeHandler().getRootNode(), schema, suggestions, origins, fileWhere);
    }

    /** The key as {@link ConfigTree} writes it; a list needs an index and a single key takes none past 0. */
    private String canonical(ConfigKey key) {
        KeySchema.Node n = schema.root();
        StringBuilder out = new StringBuilder();
        List<ConfigKey.Segment> segments = key.segments();
        for (int k = 0; k < segments.size(); k++) {
            ConfigKey.Segment s = segments.get(k);
            KeySchema.Node c = n == null ? null : n.child(s.name());
            if (c != null && c.list && !s.hasIndex()) {
                List<ConfigKey.Segment> example = new java.util.ArrayList<>(segments);
                example.set(k, new ConfigKey.Segment(s.name(), 0));
                throw new IllegalArgumentException("'" + join(key.prefix(k), s.name()) + "' is a list: address an item by index, e.g. '"
                        + new ConfigKey(example) + "' (with --set)");
            }
            if (c != null && !c.list && s.index() > 0) {
                throw new IllegalArgumentException("'" + join(key.prefix(k), s.name()) + "' is not a list: it takes no index " + s.index());
            }
            out.append(k == 0 ? "" : ".").append(ConfigTree.segment(s.name(), StrictMath.max(s.index(), 0), c));
            n = c;
        }
        return out.toString();
    }

    /** An index may name an existing item or the next one (which adds it), not leave a gap. */
    private static void checkIndices(BaseHierarchicalConfiguration config, ConfigKey key) {
        List<ConfigKey.Segment> segments = key.segments();
        for (int k = 0; k < segments.size(); k++) {
            ConfigKey.Segment s = segments.get(k);
            if (s.hasIndex()) {
                String list = join(key.prefix(k), s.name());
                int items = config.getMaxIndex(list) + 1;
                if (s.index() > items) {
                    throw new IllegalArgumentException("'" + list + "' has " + items + (items == 1 ? " item" : " items") + ": index " + s.index()
                            + " leaves a gap (" + items + " adds an item)");
                }
            }
        }
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
