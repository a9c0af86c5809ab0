package org.hilbridge.hil.arbiter;

import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.SampleRef;

import org.hilbridge.bridge.link.Verdict;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.events.RunEvents;
import org.hilbridge.sim.command.CommandConverter;
import org.hilbridge.sim.command.CommandSlot;
import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.time.SimTime;

/**
 * The one place where commands from every transport arrive. It checks the sample a command names (known,
 * not stale), enforces the control lease, records what it decided, and holds the command in force for the
 * simulation thread to read. Called from transport threads and the simulation thread; thread-safe.
 *
 * <p>Lease: in {@code open} mode any source may command (the latest accepted command wins). In
 * {@code exclusive} mode a source must hold the lease: {@link #acquireLease} grants it when nobody holds it,
 * every accepted command and {@link #renewLease} renew it, and it expires after {@code leaseTimeoutS} of
 * sim time without renewal, after which the watchdog stops the vehicle unless another source takes over.
 *
 * <p>Faults: a command_loss drops every command ({@link #setDropping}); a command_delay holds every command
 * for a while of sim time and judges it when it "arrives" ({@link #setCommandDelayNanos}); a clock_jump
 * moves the stamps on the wire, and stamped commands are matched in either time base
 * ({@link #setWireClockOffsetNanos}).
 */
public final class CommandArbiter implements CommandIntake {
    private final boolean exclusive;
    private final long leaseTimeoutNanos;
    private final long maxSampleAgeNanos;
    private final RunEvents events;

    /**
     * A plain monitor, not a ReentrantLock: the simulation thread takes it for every published sample, and a
     * contended ReentrantLock allocates a queue node on the Java heap (AbstractQueuedSynchronizer) where a
     * contended monitor does not (issue 7: no steady-state allocation on the simulation thread).
     * {@code lock.notifyAll()} tells a lockstep wait that a command arrived.
     */
    private final Object lock = new Object();
    private final SampleRegistry samples = new SampleRegistry();
    /** Verdict counts per source, indexed by {@link Verdict#ordinal()}: counting boxes nothing (a synchronous controller counts on the simulation thread). */
    private final Map<String, long[]> verdictsBySource = new TreeMap<>();
    /**
     * The command in force: null before the first, an {@link AppliedCommand} (a transport's, or a replayed one), or
     * {@link #sync} (a synchronous controller's, held in primitives). One volatile reference: the simulation thread
     * reads it every step without the lock.
     */
    private volatile Object inForce;
    /** Bumped at every command put in force (accepted or replayed), so the simulation thread sees changes without comparing commands. */
    private volatile long inForceVersion;
    /** The last accepted answer of a synchronous controller; written by the simulation thread under the lock, reused (issue 7). */
    private final SyncCommand sync = new SyncCommand();
    private volatile long nowNanos;
    /** Written under the lock; read without it by the simulation thread's watchdog every step. */
    private volatile long lastAcceptedNanos = -1;
    private String leaseHolder;
    private long leaseRenewedNanos;
    private boolean dropping;
    private boolean safeStopLatched;
    private long commandDelayNanos;
    /** Commands a command_delay holds, in arrival order (release times non-decreasing). */
    private final ArrayDeque<HeldCommand> held = new ArrayDeque<>();
    /** Whether {@link #held} has commands: the simulation thread reads it without the lock each step. */
    private volatile boolean holding;
    /** Every clock offset the wire has had (0 first): a stamped command may carry a stamp of any of them. */
    private long[] wireOffsetsNanos = {0};
    private final LoopLatency loopLatency = new LoopLatency();
    private volatile LongSupplier arrivalClock;

    public CommandArbiter(boolean exclusiveLease, double leaseTimeoutS, double maxSampleAgeS, RunEvents events) {
        this.exclusive = exclusiveLease;
        this.leaseTimeoutNanos = SimTime.fromSeconds(leaseTimeoutS);
        this.maxSampleAgeNanos = SimTime.fromSeconds(maxSampleAgeS);
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Sim thread: a sample has been captured and is about to be published. */
    public void onSamplePublished(SensorSample s) {
        synchronized (lock) {
            samples.publish(s.streamId(), s.sequence(), s.captureNanos());
        }
    }

    /** Sim thread: the sim clock has reached {@code simNanos}; expires a lease not renewed in time. */
    public void advanceTo(long simNanos) {
        nowNanos = simNanos;
        if (!exclusive && !holding) {
            return; // a command held from now on is due a delay later anyway
        }
        synchronized (lock) {
            while (!held.isEmpty() && held.peekFirst().releaseNanos() <= simNanos) {
                HeldCommand h = held.pollFirst();
                holding = !held.isEmpty();
                if (h.basedOn() != null) {
                    judge(h.source(), h.command(), h.basedOn());
                } else if (h.stamped()) {
                    judgeStamped(h.source(), h.command(), h.stampNanos());
                } else {
                    decide(h.source(), h.command(), null, -1);
                }
            }
            if (exclusive && leaseHolder != null && simNanos - leaseRenewedNanos > leaseTimeoutNanos) {
                events.record(simNanos, RunEvent.Kind.LEASE_EXPIRED, leaseHolder + " held the lease without renewing it for "
                        + SimTime.toSeconds(leaseTimeoutNanos) + " s");
                leaseHolder = null;
            }
        }
    }

    /** A command computed from the sample {@code basedOn} (protobuf: stream id and sequence). */
    @Override
    public Verdict submit(String source, VehicleCommand command, SampleRef basedOn) {
        Objects.requireNonNull(basedOn, "basedOn: use submitUnattributed for a command that names no sample");
        synchronized (lock) {
            if (hold(source, command, basedOn, false, 0)) {
                return Verdict.DELAYED_BY_FAULT;
            }
            return judge(source, command, basedOn);
        }
    }

    private Verdict judge(String source, VehicleCommand command, SampleRef basedOn) {
        long capture = samples.captureNanos(basedOn.streamId(), basedOn.sequence());
        if (capture == SampleRegistry.UNKNOWN) {
            return count(source, Verdict.REFUSED_UNKNOWN_SAMPLE);
        }
        return decide(source, command, basedOn, capture);
    }

    /** Holds a command while a command_delay is on, or while earlier held commands wait (order kept); under the lock. */
    private boolean hold(String source, VehicleCommand command, SampleRef basedOn, boolean stamped, long stampNanos) {
        if (commandDelayNanos == 0 && held.isEmpty()) {
            return false;
        }
        long release = nowNanos + commandDelayNanos;
        if (!held.isEmpty()) {
            release = Math.max(release, held.peekLast().releaseNanos());
        }
        // What a lockstep wait needs to know now: the sample the command answers, if it can be told.
        SampleRef answers = basedOn != null ? basedOn : stamped ? findStamped(stampNanos) : null;
        held.addLast(new HeldCommand(release, source, command, basedOn, stamped, stampNanos, answers));
        holding = true;
        lock.notifyAll();
        return true;
    }

    /** A command stamped with the capture time of the sample it was computed from (ROS stamped commands). */
    @Override
    public Verdict submitStamped(String source, VehicleCommand command, long stampNanos) {
        synchronized (lock) {
            if (hold(source, command, null, true, stampNanos)) {
                return Verdict.DELAYED_BY_FAULT;
            }
            return judgeStamped(source, command, stampNanos);
        }
    }

    private Verdict judgeStamped(String source, VehicleCommand command, long stampNanos) {
        SampleRef ref = findStamped(stampNanos);
        if (ref == null) {
            // Older than every remembered sample is stale; otherwise no sample had that stamp.
            long simStamp = stampNanos - wireOffsetsNanos[wireOffsetsNanos.length - 1];
            return count(source, simStamp < nowNanos - maxSampleAgeNanos ? Verdict.REFUSED_STALE_SAMPLE : Verdict.REFUSED_UNKNOWN_SAMPLE);
        }
        return decide(source, command, ref, samples.captureNanos(ref.streamId(), ref.sequence()));
    }

    /** The sample a wire stamp names, trying the wire's offsets newest first; null if none. Under the lock. */
    private SampleRef findStamped(long stampNanos) {
        for (int i = wireOffsetsNanos.length - 1; i >= 0; i--) {
            SampleRef ref = samples.findByCapture(stampNanos - wireOffsetsNanos[i]);
            if (ref != null) {
                return ref;
            }
        }
        return null;
    }

    /**
     * The control stream (runner.lockstep_stream): a stamped command whose stamp is the capture time of one of
     * its samples is attributed to that sample, whichever other streams captured at the same time. Lockstep
     * waits for the answer to exactly that stream, and the loop latency is reported under it.
     */
    public void attributeStampsFirstTo(String streamId) {
        synchronized (lock) {
            samples.prefer(Objects.requireNonNull(streamId, "streamId"));
        }
    }

    /** A command that names no sample (a plain Twist): applied, but no loop latency can be measured. */
    @Override
    public Verdict submitUnattributed(String source, VehicleCommand command) {
        synchronized (lock) {
            if (hold(source, command, null, false, 0)) {
                return Verdict.DELAYED_BY_FAULT;
            }
            return decide(source, command, null, -1);
        }
    }

    private Verdict decide(String source, VehicleCommand command, SampleRef basedOn, long capture) {
        Verdict refused = refusal(source, basedOn != null, capture);
        if (refused != null) {
            return count(source, refused);
        }
        long now = nowNanos;
        put(new AppliedCommand(command, source, basedOn, now, capture), basedOn == null ? null : basedOn.streamId(), capture);
        return count(source, basedOn == null ? Verdict.ACCEPTED_UNATTRIBUTED : Verdict.ACCEPTED);
    }

    /** Why a command from {@code source} (naming a sample captured at {@code capture}, if attributed) is refused now; null if it is not. Under the lock. */
    private Verdict refusal(String source, boolean attributed, long capture) {
        if (safeStopLatched) {
            return Verdict.REFUSED_SAFE_STOPPED;
        }
        if (exclusive && !source.equals(leaseHolder)) {
            return Verdict.REFUSED_NO_LEASE;
        }
        if (dropping) {
            return Verdict.DROPPED_BY_FAULT;
        }
        if (attributed) {
            boolean tooOld = capture == SampleRegistry.EVICTED || nowNanos - capture > maxSampleAgeNanos;
            boolean outOfOrder = inForceCaptureNanos() > capture;
            if (tooOld || outOfOrder) {
                return Verdict.REFUSED_STALE_SAMPLE;
            }
        }
        return null;
    }

    /** Puts an accepted command ({@link AppliedCommand} or {@link #sync}) in force: watchdog, lease, loop latency. Under the lock. */
    private void put(Object command, String streamId, long capture) {
        long now = nowNanos;
        inForce = command;
        inForceVersion++;
        lastAcceptedNanos = now;
        if (exclusive) {
            leaseRenewedNanos = now;
        }
        if (streamId != null) {
            LongSupplier clock = arrivalClock;
            loopLatency.record(streamId, (clock == null ? now : Math.max(now, clock.getAsLong())) - capture);
        }
        lock.notifyAll();
    }

    /** The capture time of the sample the command in force names, or -1. */
    private long inForceCaptureNanos() {
        Object f = inForce;
        if (f == null) {
            return -1;
        }
        return f == sync ? sync.captureNanos : ((AppliedCommand) f).sampleCaptureNanos();
    }

    /**
     * Simulation thread: a synchronous controller's answer to the sample ({@code streamId}, {@code sequence}),
     * judged as {@link #submit} judges. Accepted, it is copied into the arbiter's own slot and put in force:
     * nothing is allocated, where submit makes an AppliedCommand and the caller a SampleRef and a command for
     * every answer (issue 7: that was the idle realtime loop's allocation on the simulation thread). Under a
     * command_delay the answer is held as submit holds it, in an immutable copy (a fault is on: allocation allowed).
     */
    public Verdict submitSynchronous(String source, CommandSlot command, String streamId, long sequence) {
        synchronized (lock) {
            if (commandDelayNanos != 0 || !held.isEmpty()) {
                hold(source, command.toCommand(), new SampleRef(streamId, sequence), false, 0);
                return Verdict.DELAYED_BY_FAULT;
            }
            long capture = samples.captureNanos(streamId, sequence);
            if (capture == SampleRegistry.UNKNOWN) {
                return count(source, Verdict.REFUSED_UNKNOWN_SAMPLE);
            }
            Verdict refused = refusal(source, true, capture);
            if (refused != null) {
                return count(source, refused);
            }
            sync.command.copyFrom(command);
            sync.source = source;
            sync.streamId = streamId;
            sync.sequence = sequence;
            sync.acceptedNanos = nowNanos;
            sync.captureNanos = capture;
            put(sync, streamId, capture);
            return count(source, Verdict.ACCEPTED);
        }
    }

    /**
     * Simulation thread, every step: writes the demand for the command in force into {@code out} with
     * {@code converter}; false (and {@code out} untouched) when no command has been accepted yet. Allocates nothing.
     */
    public boolean applyInForce(CommandConverter converter, double forwardSpeedMps, double dtS, ActuatorDemand out) {
        Object f = inForce;
        if (f == null) {
            return false;
        }
        if (f == sync) {
            converter.convert(sync.command, forwardSpeedMps, dtS, out); // written by this (the simulation) thread only
        } else {
            converter.convert(((AppliedCommand) f).command(), forwardSpeedMps, dtS, out);
        }
        return true;
    }

    /** How many commands have been put in force so far (accepted or replayed): a change means a new command. Lock-free. */
    public long inForceVersion() {
        return inForceVersion;
    }

    private Verdict count(String source, Verdict v) {
        verdictsBySource.computeIfAbsent(source, s -> new long[Verdict.values().length])[v.ordinal()]++;
        return v;
    }

    /**
     * A finer clock for the arrival time of commands, in sim ns: realtime runs give one that follows the wall
     * clock between physics steps, so loop latencies are not rounded to the 1 ms step. Without it, a
     * command arrives at the sim time of the current step.
     */
    public void useArrivalClock(LongSupplier simNanosNow) {
        this.arrivalClock = simNanosNow;
    }

    /**
     * A replay: puts a recorded command into force as it was (its checks passed when it was recorded), with
     * its recorded acceptance time, so the watchdog and the loop latencies see what the recorded run saw.
     */
    public void replay(AppliedCommand recorded) {
        synchronized (lock) {
            inForce = Objects.requireNonNull(recorded, "recorded");
            inForceVersion++;
            lastAcceptedNanos = recorded.acceptedSimNanos();
            if (recorded.basedOn() != null) {
                loopLatency.record(recorded.basedOn().streamId(), recorded.loopLatencyNanos());
            }
            count(recorded.source(), recorded.basedOn() == null ? Verdict.ACCEPTED_UNATTRIBUTED : Verdict.ACCEPTED);
            lock.notifyAll();
        }
    }

    /** Exclusive mode: grants the lease if nobody holds it (or {@code source} already does). */
    @Override
    public boolean acquireLease(String source) {
        synchronized (lock) {
            if (!exclusive) {
                return true;
            }
            if (leaseHolder == null) {
                leaseHolder = source;
                events.record(nowNanos, RunEvent.Kind.LEASE_GRANTED, source);
            }
            if (leaseHolder.equals(source)) {
                leaseRenewedNanos = nowNanos;
                return true;
            }
            return false;
        }
    }

    /** Renews the lease; false if {@code source} does not hold it. */
    @Override
    public boolean renewLease(String source) {
        synchronized (lock) {
            if (!exclusive) {
                return true;
            }
            if (source.equals(leaseHolder)) {
                leaseRenewedNanos = nowNanos;
                return true;
            }
            return false;
        }
    }

    @Override
    public void releaseLease(String source) {
        synchronized (lock) {
            if (source.equals(leaseHolder)) {
                leaseHolder = null;
                events.record(nowNanos, RunEvent.Kind.LEASE_RELEASED, source);
            }
        }
    }

    /** The lease holder, or null. */
    @Override
    public String leaseHolder() {
        synchronized (lock) {
            return leaseHolder;
        }
    }

    /**
     * The command in force, or null before the first one. A synchronous controller's is made into an
     * AppliedCommand here (allocates: for the recorder's tap, the logs and tests; the simulation thread's step
     * uses {@link #applyInForce}).
     */
    public AppliedCommand current() {
        Object f = inForce;
        if (f != sync) {
            return (AppliedCommand) f;
        }
        synchronized (lock) {
            f = inForce; // a transport's command may have replaced it meanwhile
            return f == sync ? sync.toApplied() : (AppliedCommand) f;
        }
    }

    /** Sim time of the last accepted command, or -1. */
    public long lastAcceptedNanos() {
        return lastAcceptedNanos; // volatile: the simulation thread reads it every step without taking the lock
    }

    /**
     * Lockstep: waits (wall time) until the command in force names {@code ref} or a later sample of its
     * stream. Returns false on timeout or when {@code cancelled} turns true.
     */
    public boolean awaitCommandNaming(SampleRef ref, long timeoutNanos, BooleanSupplier cancelled) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            while (!inForceAnswers(ref) && !heldAnswers(ref)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || cancelled.getAsBoolean()) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        }
    }

    /** Whether the command in force names {@code ref} or a later sample of its stream. Under the lock. */
    private boolean inForceAnswers(SampleRef ref) {
        Object f = inForce;
        if (f == null) {
            return false;
        }
        if (f == sync) {
            return sync.streamId.equals(ref.streamId()) && sync.sequence >= ref.sequence();
        }
        return names(((AppliedCommand) f).basedOn(), ref);
    }

    private static boolean names(SampleRef basedOn, SampleRef ref) {
        return basedOn != null && basedOn.streamId().equals(ref.streamId()) && basedOn.sequence() >= ref.sequence();
    }

    /** Lockstep under a command_delay: the controller has answered; its command arrives later in sim time. */
    private boolean heldAnswers(SampleRef ref) {
        for (HeldCommand h : held) {
            if (names(h.answers(), ref)) {
                return true;
            }
        }
        return false;
    }

    /** A command_loss fault: while on, every command is dropped. */
    public void setDropping(boolean on) {
        synchronized (lock) {
            dropping = on;
        }
    }

    /**
     * A command_delay fault: while {@code delayNanos} > 0, every command is held and judged {@code delayNanos}
     * of sim time after it came (at the first step at or after that), in arrival order; the submit call
     * answers {@link Verdict#DELAYED_BY_FAULT}. Commands held when the fault ends still arrive at their time,
     * and later ones queue behind them, so none overtakes another.
     */
    public void setCommandDelayNanos(long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("command delay " + delayNanos + " ns is not allowed: it must be >= 0");
        }
        synchronized (lock) {
            commandDelayNanos = delayNanos;
        }
    }

    /**
     * A clock_jump fault: the stamps on the wire are now sim time + {@code offsetNanos}. A stamped command is
     * matched against the stamps of every offset the wire has had (newest first: a command computed before
     * the jump may arrive after it); its age and loop latency are measured in sim time.
     */
    public void setWireClockOffsetNanos(long offsetNanos) {
        synchronized (lock) {
            long[] grown = java.util.Arrays.copyOf(wireOffsetsNanos, wireOffsetsNanos.length + 1);
            grown[grown.length - 1] = offsetNanos;
            wireOffsetsNanos = grown;
        }
    }

    /** A latched watchdog stop: from now on every command is refused. */
    public void latchSafeStop() {
        synchronized (lock) {
            safeStopLatched = true;
        }
    }

    /** Verdict counts per source, and the loop latency (sim time) of accepted attributed commands per stream. */
    public ArbiterStats stats() {
        synchronized (lock) {
            Map<String, Map<Verdict, Long>> copy = new TreeMap<>();
            verdictsBySource.forEach((k, counts) -> {
                EnumMap<Verdict, Long> m = new EnumMap<>(Verdict.class);
                for (Verdict v : Verdict.values()) {
                    if (counts[v.ordinal()] > 0) {
                        m.put(v, counts[v.ordinal()]); // only the verdicts given, as before
                    }
                }
                copy.put(k, m);
            });
            return new ArbiterStats(copy, loopLatency.summaries());
        }
    }

    /** A synchronous controller's accepted answer, in primitives and references it already had (no allocation per answer). */
    private static final class SyncCommand {
        final CommandSlot command = new CommandSlot();
        String source;
        String streamId;
        long sequence;
        long acceptedNanos;
        long captureNanos;

        AppliedCommand toApplied() {
            return new AppliedCommand(command.toCommand(), source, new SampleRef(streamId, sequence), acceptedNanos, captureNanos);
        }
    }

    private record HeldCommand(long releaseNanos, String source, VehicleCommand command, SampleRef basedOn, boolean stamped, long stampNanos,
                               SampleRef answers) {
    }
}
