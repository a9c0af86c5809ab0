package org.hilbridge.hil.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Bad configuration must fail with a ConfigException whose message names where, the key, the value and the rule. */
public final class ConfigErrors {
    private ConfigErrors() {
    }

    public static ConfigException assertConfigError(Executable e, String... fragments) {
        ConfigException x = assertThrows(ConfigException.class, e);
        for (String f : fragments) {
            assertTrue(x.getMessage().contains(f), "message '" + x.getMessage() + "' should contain '" + f + "'");
        }
        return x;
    }
}
