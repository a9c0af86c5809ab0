package org.hilbridge.bridge.link;

/** What the arbiter did with a command. Only the two ACCEPTED verdicts move the vehicle and feed the watchdog. */
public enum Verdict {
    /** Applied; it names a sample, so its loop latency is measured. */
    ACCEPTED,
    /** Applied, but it names no sample (a plain Twist on /cmd_vel): no latency can be measured. */
    ACCEPTED_UNATTRIBUTED,
    /** Refused: the lease is exclusive and this source does not hold it. */
    REFUSED_NO_LEASE,
    /** Refused: no sample with that stream and sequence (or that capture stamp) was ever published. */
    REFUSED_UNKNOWN_SAMPLE,
    /**
     * Refused: the sample it names is older than {@code arbiter.max_sample_age_s}, or older than the sample
     * named by the command now applied (it arrived out of order).
     */
    REFUSED_STALE_SAMPLE,
    /** Refused: a scheduled command_loss fault is dropping commands. */
    DROPPED_BY_FAULT,
    /**
     * Not decided yet: a scheduled command_delay fault holds the command, which reaches the arbiter the
     * fault's delay later and is judged then (that verdict is the one counted in the run's statistics).
     */
    DELAYED_BY_FAULT,
    /** Refused: the run has a latched watchdog stop. */
    REFUSED_SAFE_STOPPED;

    public boolean accepted() {
        return this == ACCEPTED || this == ACCEPTED_UNATTRIBUTED;
    }
}
