package org.hilbridge.hil.runner;

import org.hilbridge.bridge.link.SampleRef;

/**
 * How sim time relates to wall time and to the controller. {@code fast} runs as fast as it can;
 * {@code lockstep} waits after each control sample for the command that names it; {@code realtime}
 * (issue 7) will wait in {@link #beforeStep} for the wall clock.
 */
public interface Pacer {
    /** Called on the simulation thread before the physics steps from {@code simNanos}. */
    default void beforeStep(long simNanos) throws InterruptedException {
    }

    /**
     * Called on the simulation thread right after a control sample has been published. Returns false if
     * the controller failed to answer in time (the runner then stops the vehicle).
     */
    default boolean afterControlSample(SampleRef sample) throws InterruptedException {
        return true;
    }

    /** The fast pacer: no waiting at all. */
    Pacer FAST = new Pacer() {
    };
}
