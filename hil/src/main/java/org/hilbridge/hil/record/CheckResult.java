package org.hilbridge.hil.record;

import java.util.List;

/**
 * The outcome of a determinism check.
 *
 * @param messages    recorded messages compared
 * @param topics      topics compared
 * @param divergences every topic's first divergence, earliest first; empty when the re-run reproduced the bag
 */
public record CheckResult(long messages, int topics, List<Divergence> divergences) {
    public CheckResult {
        divergences = List.copyOf(divergences);
    }

    public boolean identical() {
        return divergences.isEmpty();
    }

    /** The earliest divergence, or null. */
    public Divergence first() {
        return divergences.isEmpty() ? null : divergences.get(0);
    }

    /** One line: "identical: N messages on M topics" or the first divergent message. */
    public String verdict() {
        return identical() ? "identical: " + messages + " messages on " + topics + " topics"
                : "diverged: first at " + first() + (divergences.size() > 1 ? " (" + divergences.size() + " topics differ)" : "");
    }
}
