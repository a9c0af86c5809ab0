package org.hilbridge.sim.command;

final class CommandChecks {
    private CommandChecks() {
    }

    static void requireInRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("command field " + field + " = " + value + " is not allowed: it must be in [" + min + ", " + max + "]");
        }
    }
}
