package org.hilbridge.hil.config;

/**
 * A configuration or scenario that cannot be used. The message names where the value came from (a file, an
 * environment variable, --set), the key, the value and what is allowed, so a person can fix it without
 * reading code.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code where: key 'k' = 'v' is not allowed: reason}. */
    public static ConfigException notAllowed(String where, String key, String value, String reason) {
        return new ConfigException(where + ": key '" + key + "' = '" + value + "' is not allowed: " + reason);
    }

    /** {@code where: unknown key 'k'}, with a hint such as " (did you mean 'x'?)" appended when there is one. */
    public static ConfigException unknownKey(String where, String key, String hint) {
        return new ConfigException(where + ": unknown key '" + key + "'" + hint);
    }

    /** {@code where: required key 'k' is missing}, with the reason it is required when that depends on another key. */
    public static ConfigException missing(String where, String key, String because) {
        return new ConfigException(where + ": required key '" + key + "' is missing" + (because.isEmpty() ? "" : " (" + because + ")"));
    }
}
