package org.hilbridge.sim.param;

/** Parameter checks whose messages name the parameter, the value and what is allowed. */
public final class ParamChecks {
    private ParamChecks() {
    }

    public static double requirePositive(String key, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " = " + value + " is not allowed: it must be a finite number > 0");
        }
        return value;
    }

    public static double requireNonNegative(String key, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " = " + value + " is not allowed: it must be a finite number >= 0");
        }
        return value;
    }

    public static double requireInRange(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(key + " = " + value + " is not allowed: it must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    public static double requireFinite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " = " + value + " is not allowed: it must be a finite number");
        }
        return value;
    }
}
