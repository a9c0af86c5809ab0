package org.hilbridge.hil.runner;

import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.hil.arbiter.CommandArbiter;
import org.hilbridge.hil.arbiter.LatencySummary;

/**
 * Lockstep: after each control sample the simulation waits (wall time, at most the watchdog timeout) for
 * the controller's command naming that sample. The command then applies from the next physics step
 * whether it came at once or late, so the trajectory does not depend on how fast the controller is.
 *
 * <p>Sim time stands still while it waits, so the loop latency in sim time is 0 by construction; what the
 * controller really took is the wall time of each wait, from the sample's hand-off to the transports to the
 * arrival of its answer, kept here (HdrHistogram, three significant digits up to a minute) for the summary.
 * Sim thread only.
 */
final class LockstepPacer implements Pacer {
    private static final long MAX_NANOS = 60_000_000_000L;
    private final CommandArbiter arbiter;
    private final long timeoutNanos;
    private final BooleanSupplier stopRequested;
    private final Histogram answerWallNanos = new Histogram(MAX_NANOS, 3);

    LockstepPacer(CommandArbiter arbiter, long timeoutNanos, BooleanSupplier stopRequested) {
        this.arbiter = arbiter;
        this.timeoutNanos = timeoutNanos;
        this.stopRequested = stopRequested;
    }

    @Override
    public boolean afterControlSample(SampleRef sample) throws InterruptedException {
        long start = System.nanoTime();
        boolean answered = arbiter.awaitCommandNaming(sample, timeoutNanos, stopRequested);
        if (answered) {
            answerWallNanos.recordValue(Math.min(MAX_NANOS, System.nanoTime() - start));
        }
        return answered || stopRequested.getAsBoolean();
    }

    /** The controller's answer times (wall), over the control samples it answered in time. */
    LatencySummary answerTimes() {
        return LatencySummary.of(answerWallNanos);
    }
}
