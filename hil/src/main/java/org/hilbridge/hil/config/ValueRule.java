package org.hilbridge.hil.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one key accepts. Every layer (file, environment, --set) delivers text, and every rule parses text the
 * same way, so a value means the same wherever it is written. YAML files are read as text too (see
 * {@link TextYamlConfiguration}).
 */
public sealed interface ValueRule {
    /** The value {@code text} stands for, or null when the text is not allowed. */
    Object parse(String text);

    /** What is allowed, to follow "expected ": "a number in [-50, 50]", "one of: fast, lockstep". */
    String expected();

    /** A finite number between bounds; each bound inclusive or exclusive, infinite for none. */
    static ValueRule number(double min, boolean minInclusive, double max, boolean maxInclusive) {
        return new NumberRule(min, minInclusive, max, maxInclusive);
    }

    /** Any finite number. */
    static ValueRule anyNumber() {
        return new NumberRule(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    /** A finite number > 0. */
    static ValueRule positive() {
        return new NumberRule(0, false, Double.POSITIVE_INFINITY, false);
    }

    /** A finite number >= 0. */
    static ValueRule nonNegative() {
        return new NumberRule(0, true, Double.POSITIVE_INFINITY, false);
    }

    /** A number in [min, max]. */
    static ValueRule closed(double min, double max) {
        return new NumberRule(min, true, max, true);
    }

    static ValueRule integer(long min, long max) {
        return new IntegerRule(min, max);
    }

    static ValueRule bool() {
        return new BooleanRule();
    }

    static ValueRule oneOf(List<String> allowed) {
        return new ChoiceRule(allowed);
    }

    static ValueRule name() {
        return new NameRule();
    }

    static ValueRule text() {
        return new TextRule();
    }

    /** Any text, empty included (empty: the setting is off, e.g. no token). */
    static ValueRule optionalText() {
        return new OptionalTextRule();
    }

    /** Parsed as a Double. */
    record NumberRule(double min, boolean minInclusive, double max, boolean maxInclusive) implements ValueRule {
        /** Plain decimal notation only: no hex, no "NaN", no "Infinity", no Java suffixes like "1d". */
        private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

        @Override
        public Object parse(String text) {
            String t = text.trim();
            if (!DECIMAL.matcher(t).matches()) {
                return null;
            }
            double v = Double.parseDouble(t);
            boolean aboveMin = minInclusive ? v >= min : v > min;
            boolean belowMax = maxInclusive ? v <= max : v < max;
            return Double.isFinite(v) && aboveMin && belowMax ? v : null;
        }

        @Override
        public String expected() {
            boolean hasMin = Double.isFinite(min);
            boolean hasMax = Double.isFinite(max);
            if (hasMin && hasMax) {
                return "a number in " + (minInclusive ? "[" : "(") + NumberText.of(min) + ", " + NumberText.of(max) + (maxInclusive ? "]" : ")");
            }
            if (hasMin) {
                return "a number " + (minInclusive ? ">= " : "> ") + NumberText.of(min);
            }
            if (hasMax) {
                return "a number " + (maxInclusive ? "<= " : "< ") + NumberText.of(max);
            }
            return "a finite number";
        }
    }

    /** Parsed as a Long. */
    record IntegerRule(long min, long max) implements ValueRule {
        private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");

        @Override
        public Object parse(String text) {
            String t = text.trim();
            if (!WHOLE.matcher(t).matches()) {
                return null;
            }
            try {
                long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
                return v >= min && v <= max ? v : null;
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }

        @Override
        public String expected() {
            return min == Long.MIN_VALUE && max == Long.MAX_VALUE ? "a 64-bit integer" : "an integer in [" + min + ", " + max + "]";
        }
    }

    /** Parsed as a Boolean; only the words true and false (YAML 1.1's yes/no/on/off are not booleans here). */
    record BooleanRule() implements ValueRule {
        @Override
        public Object parse(String text) {
            String t = text.trim();
            return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
        }

        @Override
        public String expected() {
            return "true or false";
        }
    }

    /** Parsed as the String itself. */
    record ChoiceRule(List<String> allowed) implements ValueRule {
        public ChoiceRule {
            allowed = List.copyOf(allowed);
        }

        @Override
        public Object parse(String text) {
            String t = text.trim();
            return allowed.contains(t) ? t : null;
        }

        @Override
        public String expected() {
            return "one of: " + String.join(", ", allowed);
        }
    }

    /**
     * A name for a sensor, obstacle, frame or stream: it ends up in ROS graph and tf names, so it follows
     * the ROS name rule for one segment (wiki.ros.org/Names: a letter, then letters, digits or _).
     */
    record NameRule() implements ValueRule {
        private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

        @Override
        public Object parse(String text) {
            String t = text.trim();
            return NAME.matcher(t).matches() ? t : null;
        }

        @Override
        public String expected() {
            return "a name: a letter, then letters, digits or _";
        }
    }

    /** Any text that is not blank, trimmed. */
    record TextRule() implements ValueRule {
        @Override
        public Object parse(String text) {
            String t = text.trim();
            return t.isEmpty() ? null : t;
        }

        @Override
        public String expected() {
            return "a non-empty text";
        }
    }

    record OptionalTextRule() implements ValueRule {
        @Override
        public Object parse(String text) {
            return text.trim();
        }

        @Override
        public String expected() {
            return "a text (empty for none)";
        }
    }
}
