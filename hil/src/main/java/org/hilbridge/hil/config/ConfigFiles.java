package org.hilbridge.hil.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/** Reads a configuration file into a tree of keys: YAML (.yaml, .yml) or Java properties (.properties), UTF-8. */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /**
     * @throws IOException     the file cannot be read
     * @throws ConfigException the file's type is not supported or its content is not valid YAML / properties
     */
    public static BaseHierarchicalConfiguration read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        if (!yaml && !name.endsWith(".properties")) {
            throw new ConfigException(file + ": unknown configuration file type: allowed are .yaml, .yml and .properties");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (yaml) {
                TextYamlConfiguration config = new TextYamlConfiguration();
                config.read(in);
                return config;
            }
            PropertiesConfiguration properties = new PropertiesConfiguration();
            // "include" would otherwise pull in another file; here it is just an (unknown) key.
            properties.setIncludesAllowed(false);
            new FileHandler(properties).load(in);
            return toTree(file, properties);
        } catch (ConfigurationException e) {
            // Our YAML reader words its own messages; Commons' own wrap the real problem as the cause.
            boolean ours = e.getCause() == null || e.getCause() instanceof org.yaml.snakeyaml.error.YAMLException;
            throw new ConfigException(file + ": " + (ours ? e.getMessage() : "cannot be read: " + e.getCause().getMessage()), e);
        } catch (IllegalArgumentException e) {
            // PropertiesConfiguration reports a malformed unicode escape this way.
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Properties keys are flat text: each must be a plain key (no expression-engine syntax) to enter the tree. */
    private static BaseHierarchicalConfiguration toTree(Path file, PropertiesConfiguration properties) {
        BaseHierarchicalConfiguration tree = new BaseHierarchicalConfiguration();
        for (Iterator<String> keys = properties.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            try {
                ConfigKey.parse(key);
            } catch (IllegalArgumentException e) {
                throw ConfigException.unknownKey(file.toString(), key, " (" + e.getMessage() + ")");
            }
            Object value = properties.getProperty(key);
            for (Object v : value instanceof List ? (List<?>) value : List.of(value)) {
                tree.addProperty(key, v);
            }
        }
        return tree;
    }

    /** An I/O failure in words: "no such file" rather than an exception class name. */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
