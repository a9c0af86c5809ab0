package org.hilbridge.bridge.ros.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One diagnostic_msgs/DiagnosticStatus: level (OK 0, WARN 1, ERROR 2, STALE 3), name, message, hardware id
 * and key/value pairs (kept in the order given).
 */
public record DiagnosticStatusEntry(int level, String name, String message, String hardwareId, Map<String, String> values) {
    public static final int OK = 0;
    public static final int WARN = 1;
    public static final int ERROR = 2;
    public static final int STALE = 3;

    public DiagnosticStatusEntry {
        if (level < OK || level > STALE) {
            throw new IllegalArgumentException("diagnostic level " + level + " is not allowed: it must be 0 (OK), 1 (WARN), 2 (ERROR) or 3 (STALE)");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hardwareId, "hardwareId");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
