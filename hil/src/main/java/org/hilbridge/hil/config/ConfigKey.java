package org.hilbridge.hil.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A key as Commons Configuration's default expression engine writes it: names joined by '.', each name
 * optionally followed by a list index, e.g. {@code sensors(0).rate_hz} or {@code materials.my_gravel.peak_mu}.
 * Only this plain form is accepted from --set and the environment (no attribute or escape syntax).
 */
public record ConfigKey(List<Segment> segments) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern SEGMENT = Pattern.compile("(" + NAME + ")(?:\\(([0-9]{1,6})\\))?");

    public ConfigKey {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one name");
        }
    }

    /** One name of a key; {@code index} is the list index, or {@link #NO_INDEX}. */
    public record Segment(String name, int index) {
        public static final int NO_INDEX = -1;

        public boolean hasIndex() {
            return index != NO_INDEX;
        }

        @Override
        public String toString() {
            return hasIndex() ? name + "(" + index + ")" : name;
        }
    }

    /** Parses {@code text}; a malformed key is an IllegalArgumentException saying what a key looks like. */
    public static ConfigKey parse(String text) {
        List<Segment> segments = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a key: a key is names of letters, digits and _ joined by '.',"
                        + " each optionally indexed like sensors(0)");
            }
            segments.add(new Segment(m.group(1), m.group(2) == null ? Segment.NO_INDEX : Integer.parseInt(m.group(2))));
        }
        return new ConfigKey(segments);
    }

    /** True when {@code name} could be a segment's name (used to reject odd names read from files). */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public String first() {
        return segments.get(0).name();
    }

    /** The key up to (excluding) segment {@code end}, as Commons Configuration reads it. */
    public String prefix(int end) {
        return segments.subList(0, end).stream().map(Segment::toString).collect(Collectors.joining("."));
    }

    @Override
    public String toString() {
        return prefix(segments.size());
    }
}
