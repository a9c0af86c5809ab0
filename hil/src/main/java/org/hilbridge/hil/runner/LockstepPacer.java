package org.hilbridge.hil.runner;

import java.util.function.BooleanSupplier;
import org.hilbridge.hil.arbiter.CommandArbiter;
import org.hilbridge.bridge.link.SampleRef;

/**
 * Lockstep: after each control sample the simulation waits (wall time, at most the watchdog timeout) for
 * the controller's command naming that sample. The command then applies from the next physics step
 * whether it came at once or late, so the trajectory does not depend on how fast the controller is.
 */
final class LockstepPacer implements Pacer {
    private final CommandArbiter arbiter;
    private final long timeoutNanos;
    private final BooleanSupplier stopRequested;

    LockstepPacer(CommandArbiter arbiter, long timeoutNanos, BooleanSupplier stopRequested) {
        this.arbiter = arbiter;
        this.timeoutNanos = timeoutNanos;
        this.stopRequested = stopRequested;
    }

    @Override
    public boolean afterControlSample(SampleRef sample) throws InterruptedException {
        return arbiter.awaitCommandNaming(sample, timeoutNanos, stopRequested) || stopRequested.getAsBoolean();
    }
}
