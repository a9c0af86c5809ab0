package org.hilbridge.augment.stage;

import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.augment.Outcome;

/** Counts of what became of the frames a stage handed out; safe to read from any thread. */
public final class StageStats {
    private final AtomicLong[] counts = new AtomicLong[Outcome.values().length];

    public StageStats() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new AtomicLong();
        }
    }

    void add(Outcome outcome) {
        counts[outcome.ordinal()].incrementAndGet();
    }

    public long count(Outcome outcome) {
        return counts[outcome.ordinal()].get();
    }

    public long augmented() {
        return counts[Outcome.AUGMENTED.ordinal()].get();
    }

    public long rejected() {
        return counts[Outcome.REJECTED.ordinal()].get();
    }

    public long late() {
        return counts[Outcome.LATE.ordinal()].get();
    }

    public long failed() {
        return counts[Outcome.FAILED.ordinal()].get();
    }

    public long total() {
        long t = 0;
        for (AtomicLong c : counts) {
            t += c.get();
        }
        return t;
    }

    /** Share of frames sent raw because they missed their deadline (0 when none were handed out). */
    public double deadlineMissRate() {
        long t = total();
        return t == 0 ? 0 : (double) late() / t;
    }

    @Override
    public String toString() {
        return "augmented " + augmented() + ", rejected " + rejected() + ", late " + late() + ", failed " + failed();
    }
}
