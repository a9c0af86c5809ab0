package org.hilbridge.hil.config;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAMLConfiguration that keeps plain scalars as text. SnakeYAML resolves scalars by YAML 1.1's implicit
 * types, where {@code yes}, {@code no}, {@code on} and {@code off} are booleans, {@code 010} is octal 8 and
 * {@code 1:30} is sexagesimal 90 (YAML 1.1 spec, tag repository: bool, int); values would change silently.
 * Here every scalar stays the text that was written and the schema's rules parse it, exactly as they parse
 * the environment and --set. Duplicate keys in a mapping are an error instead of last-one-wins, and keys
 * with an empty value ({@code goal:}, {@code ~}, {@code []}) count as not given.
 */
final class TextYamlConfiguration extends YAMLConfiguration {
    @Override
    public void read(Reader in) throws ConfigurationException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new TextResolver());
        Object document;
        try {
            document = yaml.load(in);
        } catch (YAMLException e) {
            throw new ConfigurationException("is not valid YAML: " + e.getMessage(), e);
        }
        if (document != null && !(document instanceof Map)) {
            throw new ConfigurationException("is not a YAML mapping of keys at the top level (it is a " + kind(document) + ")");
        }
        Object pruned = document == null ? null : prune(document, "");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = pruned == null ? Map.of() : (Map<String, Object>) pruned;
        load(map);
    }

    /** Drops empty values (null, {}, []); checks that every key is a plain string. */
    private static Object prune(Object value, String path) throws ConfigurationException {
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String) || ((String) e.getKey()).isEmpty()) {
                    throw new ConfigurationException("has a key that is not a name" + (path.isEmpty() ? "" : " under '" + path + "'") + ": " + e.getKey());
                }
                String key = (String) e.getKey();
                Object v = prune(e.getValue(), path.isEmpty() ? key : path + "." + key);
                if (v != null) {
                    out.put(key, v);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                Object v = prune(item, path);
                if (v != null) {
                    out.add(v);
                }
            }
            return out.isEmpty() ? null : out;
        }
        return value;
    }

    private static String kind(Object document) {
        return document instanceof List ? "list" : "single value";
    }

    /** Resolves only null (and the merge key {@code <<}, so anchors can be merged); all else is a string. */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }
}
