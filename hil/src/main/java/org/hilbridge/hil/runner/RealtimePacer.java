package org.hilbridge.hil.runner;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.hilbridge.hil.config.BridgeConfig;

/**
 * Realtime: sim time locked to wall time at a real-time factor. Before each physics step the simulation
 * thread waits for that step's wall-clock deadline, parking until {@code spinNanos} before it and then
 * spinning, because a park (and a sleep) of under ~100 us overshoots by ~50 us on Linux (timer slack; see
 * DESIGN.md, pitfalls). Each step's lateness against its deadline is its jitter.
 *
 * <p>When a step starts later than the overrun tolerance, the configured policy decides:
 * <ul>
 * <li>{@code catch_up}: later steps run without waiting until the schedule is met again (sim time stays
 * locked to wall time on average; the catch-up is a burst);
 * <li>{@code slip}: the schedule moves by the lateness (sim time falls behind wall time for good; the
 * total slip is reported);
 * <li>{@code fail}: {@link #beforeStep} throws {@link RealtimeOverrunException} and the run stops.
 * </ul>
 * One overrun is counted per episode (from the first late step until a step is on time again).
 *
 * <p>Nothing is allocated per step: the jitter histogram is preallocated and records with a clamp.
 */
final class RealtimePacer implements Pacer {
    /** Jitter beyond this is recorded as this (the histogram's range; a run is never that late per step). */
    static final long MAX_RECORDED_NANOS = 60_000_000_000L;

    private final double factor;
    private final String policy;
    private final long toleranceNanos;
    private final long spinNanos;
    private final LongSupplier wallNanos;
    private final Histogram jitterNanos = new Histogram(MAX_RECORDED_NANOS, 3);
    private volatile boolean anchored;
    private volatile long wallAnchorNanos;
    private volatile long simAnchorNanos;
    private boolean inOverrun;
    private long overruns;
    private long slippedNanos;
    private long worstLatenessNanos;

    RealtimePacer(BridgeConfig.Realtime settings) {
        this(settings, System::nanoTime);
    }

    RealtimePacer(BridgeConfig.Realtime settings, LongSupplier wallNanos) {
        this.factor = settings.factor();
        this.policy = settings.overrunPolicy();
        this.toleranceNanos = Math.round(settings.overrunToleranceMs() * 1e6);
        this.spinNanos = Math.round(settings.spinUs() * 1e3);
        this.wallNanos = wallNanos;
    }

    @Override
    public void beforeStep(long simNanos) throws InterruptedException {
        if (!anchored) {
            anchored = true;
            wallAnchorNanos = wallNanos.getAsLong();
            simAnchorNanos = simNanos;
            jitterNanos.recordValue(0);
            return;
        }
        long deadline = wallAnchorNanos + Math.round((simNanos - simAnchorNanos) / factor);
        long now = waitUntil(deadline);
        long late = now - deadline;
        jitterNanos.recordValue(Math.max(0, Math.min(MAX_RECORDED_NANOS, late)));
        worstLatenessNanos = Math.max(worstLatenessNanos, late);
        if (late <= toleranceNanos) {
            inOverrun = false;
            return;
        }
        if (!inOverrun) {
            inOverrun = true;
            overruns++;
        }
        switch (policy) {
            case BridgeConfig.Realtime.SLIP -> {
                // Re-anchor so that this step is on time: the schedule has lost `late` for good.
                wallAnchorNanos += late;
                slippedNanos += late;
                inOverrun = false;
            }
            case BridgeConfig.Realtime.FAIL -> throw new RealtimeOverrunException(simNanos, late, toleranceNanos);
            default -> {
                // catch_up: no wait at the next deadlines until they are in the future again.
            }
        }
    }

    /**
     * The sim time the wall clock stands at now (for the arrival time of commands between steps); before
     * the first step, 0. Thread-safe enough for that purpose: it reads two longs written once.
     */
    long simNanosNow() {
        long wallAnchor = wallAnchorNanos;
        if (!anchored) {
            return 0;
        }
        return simAnchorNanos + Math.round((wallNanos.getAsLong() - wallAnchor) * factor);
    }

    /** Parks until shortly before {@code deadline}, then spins; returns the wall time it stopped waiting. */
    private long waitUntil(long deadline) throws InterruptedException {
        long now = wallNanos.getAsLong();
        while (deadline - now > spinNanos) {
            LockSupport.parkNanos(deadline - now - spinNanos);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pacing in real time");
            }
            now = wallNanos.getAsLong();
        }
        while (now < deadline) {
            Thread.onSpinWait();
            now = wallNanos.getAsLong();
        }
        return now;
    }

    /** What the pacer measured: jitter quantiles, overruns and slip (a copy; call after the run). */
    RealtimeStats stats() {
        return new RealtimeStats(factor, policy, jitterNanos.getTotalCount(), jitterNanos.getValueAtPercentile(50),
                jitterNanos.getValueAtPercentile(99), jitterNanos.getMaxValue(), overruns, slippedNanos, Math.max(0, worstLatenessNanos));
    }
}
