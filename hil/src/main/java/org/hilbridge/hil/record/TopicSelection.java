package org.hilbridge.hil.record;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which topics a recording keeps: all, or the ones named (global names; "imu/data" means "/imu/data"). The
 * recorder's own /hilbridge/* topics are always kept, so every bag can be checked and replayed.
 */
public final class TopicSelection {
    private final Set<String> named;

    private TopicSelection(Set<String> named) {
        this.named = named;
    }

    public static TopicSelection all() {
        return new TopicSelection(null);
    }

    /** From a comma-separated list ("/imu/data,camera/image_raw"); empty means all. */
    public static TopicSelection parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return all();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String t : commaSeparated.split(",")) {
            String name = t.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--record-topics '" + commaSeparated + "' holds an empty topic name: give names separated by commas");
            }
            out.add(name.startsWith("/") ? name : "/" + name);
        }
        return new TopicSelection(out);
    }

    public boolean includes(String topic) {
        return named == null || named.contains(topic) || topic.startsWith("/hilbridge/");
    }

    /** Refuses named topics that the run does not publish, listing those it does. */
    public void requireAmong(Set<String> published) {
        if (named == null) {
            return;
        }
        List<String> unknown = new ArrayList<>();
        for (String t : named) {
            if (!published.contains(t)) {
                unknown.add(t);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--record-topics names " + unknown + ", which this run does not publish: its topics are " + published);
        }
    }

    @Override
    public String toString() {
        return named == null ? "all topics" : String.join(",", named);
    }
}
