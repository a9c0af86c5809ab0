package org.hilbridge.augment.param;

import java.util.Objects;

/**
 * One parameter of an augmentation: its key, unit, operating domain [min, max], the value at which it does
 * nothing (allowed even outside the domain, e.g. an infinite visibility), and whether the sampler draws it
 * uniformly or log-uniformly (for scale quantities such as visibility, where 50 to 100 m matters as much as
 * 5 to 10 km).
 */
public record ParamSpec(String key, String unit, double min, double max, double identity, Scale scale, String meaning) {
    public enum Scale { LINEAR, LOG }

    public ParamSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(meaning, "meaning");
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min <= max)) {
            throw new IllegalArgumentException(key + " domain [" + Num.text(min) + ", " + Num.text(max) + "] is not allowed: it must be finite with min <= max");
        }
        if (scale == Scale.LOG && !(min > 0)) {
            throw new IllegalArgumentException(key + " domain [" + Num.text(min) + ", " + Num.text(max) + "] is not allowed for a log-scaled parameter: min must be > 0");
        }
    }

    /** The same parameter with a narrower operating domain (from configuration); it must lie inside this one. */
    public ParamSpec narrowed(double newMin, double newMax) {
        if (!(newMin >= min && newMax <= max && newMin <= newMax)) {
            throw new IllegalArgumentException("augment.domain." + key + " = [" + Num.text(newMin) + ", " + Num.text(newMax)
                    + "] is not allowed: it must lie within [" + Num.text(min) + ", " + Num.text(max) + "] " + unit + " with min <= max");
        }
        return new ParamSpec(key, unit, newMin, newMax, identity, scale, meaning);
    }

    public boolean allows(double value) {
        return value == identity || (value >= min && value <= max);
    }

    /** The value at fraction {@code t} in [0, 1) of the domain, on this parameter's scale. */
    public double at(double t) {
        if (scale == Scale.LOG) {
            return Math.min(max, min * Math.exp(t * Math.log(max / min)));
        }
        return Math.min(max, min + t * (max - min));
    }

    /** Where {@code value} lies in the domain, 0 to 1, on this parameter's scale. */
    public double fractionOf(double value) {
        if (max == min) {
            return 0;
        }
        if (scale == Scale.LOG) {
            return Math.log(value / min) / Math.log(max / min);
        }
        return (value - min) / (max - min);
    }

    /** What a bad value is told: the key, the value and what is allowed. */
    public String rangeText() {
        return "[" + Num.text(min) + ", " + Num.text(max) + "] " + unit + (Double.isNaN(identity) ? "" : " (or " + Num.text(identity) + ": off)");
    }
}
