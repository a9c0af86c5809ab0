package org.hilbridge.hil.fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hilbridge.hil.arbiter.CommandArbiter;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.events.RunEvents;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.sensor.NoiseScalable;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.time.SimTime;

/**
 * Switches the scenario's scheduled faults on and off at their sim times, logs each edge (FAULT_START and
 * FAULT_END with the kind and target), and applies them. Every kind, what it does (the user's documentation:
 * launch/scenarios/README.md, "faults"):
 * <ul>
 *   <li>sensor_dropout: the target's samples (every sensor's without a target) are captured, so they take
 *       their sequence numbers, but not published at all: subscribers see a gap in the sequence.</li>
 *   <li>sensor_latency: the target's samples reach the transports {@code magnitude} +/- {@code jitter_s}
 *       later (uniform, from the seeded stream "fault/i"), in order; stamps stay the capture times.</li>
 *   <li>frozen_frames: the target publishes its last sample from before the fault again and again, under
 *       each new sample's sequence number and stamp (a hung driver).</li>
 *   <li>sensor_noise: the target's noise standard deviations are multiplied by {@code magnitude}
 *       ({@link NoiseScalable}).</li>
 *   <li>gnss_outage: the target GNSS (or every GNSS) reports no fix.</li>
 *   <li>command_loss: the arbiter drops every command. command_delay: commands reach the arbiter
 *       {@code magnitude} later ({@link CommandArbiter#setCommandDelayNanos}).</li>
 *   <li>clock_jump: every stamp published on the wire (and so /clock) moves by {@code magnitude}, as a time
 *       correction on the vehicle computer does; physics, sensor schedules, the arbiter's clock and the run's
 *       events keep sim time. The arbiter maps stamped commands back ({@link CommandArbiter#setWireClockOffsetNanos}).</li>
 * </ul>
 * Where two faults of one kind overlap on one sensor (or on the commands), the one listed later applies;
 * clock jumps add up.
 *
 * <p>The simulation thread calls everything here; nothing blocks, and a step without a fault edge allocates
 * nothing. Delayed samples leave through a {@link DelayedHandOff}.
 */
public final class FaultSchedule {
    private final List<Scenario.FaultSpec> faults;
    private final long[] startNanos;
    private final long[] endNanos;
    private final boolean[] on;
    private final CommandArbiter arbiter;
    private final RunEvents events;
    private final DelayedHandOff handOff;
    private final Consumer<SensorSample> transports;
    private final Map<String, StreamState> byStream = new HashMap<>();
    private final StreamState[] streams;
    private final SeededRandom[] jitter;
    private long nowNanos;
    private long wireOffsetNanos;
    private long commandDelayNanos;

    /**
     * @param faults     the scenario's schedule (checked by the scenario loader)
     * @param sensors    the run's sensors (GNSS outage and noise act on them)
     * @param seed       the scenario's seed (latency jitter draws from stream "fault/i")
     * @param handOff    holds delayed samples; it delivers to {@code transports}
     * @param transports the fanout to every sink
     */
    public FaultSchedule(List<Scenario.FaultSpec> faults, CommandArbiter arbiter, List<Sensor> sensors, RunEvents events, long seed,
                         DelayedHandOff handOff, Consumer<SensorSample> transports) {
        this.faults = List.copyOf(faults);
        this.arbiter = arbiter;
        this.events = events;
        this.handOff = handOff;
        this.transports = transports;
        int n = faults.size();
        startNanos = new long[n];
        endNanos = new long[n];
        on = new boolean[n];
        jitter = new SeededRandom[n];
        RandomStreams random = new RandomStreams(seed);
        for (int i = 0; i < n; i++) {
            Scenario.FaultSpec f = faults.get(i);
            startNanos[i] = SimTime.fromSeconds(f.atS());
            // A clock_jump without a window is a correction that stays.
            endNanos[i] = f.durationS() == 0 && f.kind().equals("clock_jump") ? Long.MAX_VALUE : startNanos[i] + SimTime.fromSeconds(f.durationS());
            jitter[i] = random.stream("fault/" + i);
        }
        List<StreamState> list = new ArrayList<>();
        for (Sensor s : sensors) {
            StreamState st = new StreamState(s);
            for (Scenario.FaultSpec f : this.faults) {
                st.mayFreeze |= f.kind().equals("frozen_frames") && (f.target() == null || f.target().equals(st.id));
            }
            byStream.put(s.streamId(), st);
            list.add(st);
        }
        streams = list.toArray(new StreamState[0]);
    }

    /** Simulation thread, at the start of each step: switches faults at their times, releases due delayed samples. */
    public void apply(long now) {
        nowNanos = now;
        for (StreamState s : streams) {
            s.clear();
        }
        long offset = 0;
        long delay = 0;
        boolean dropping = false;
        for (int i = 0; i < faults.size(); i++) {
            Scenario.FaultSpec f = faults.get(i);
            boolean active = now >= startNanos[i] && now < endNanos[i];
            if (active != on[i]) {
                on[i] = active;
                events.record(now, active ? RunEvent.Kind.FAULT_START : RunEvent.Kind.FAULT_END, describe(f));
            }
            if (!active) {
                continue;
            }
            switch (f.kind()) {
                case "command_loss" -> dropping = true;
                case "command_delay" -> delay = SimTime.fromSeconds(f.magnitude());
                case "clock_jump" -> offset += SimTime.fromSeconds(f.magnitude());
                default -> {
                    for (StreamState s : streams) {
                        if (f.target() == null || f.target().equals(s.id)) {
                            s.activate(f, i);
                        }
                    }
                }
            }
        }
        arbiter.setDropping(dropping);
        if (delay != commandDelayNanos) {
            commandDelayNanos = delay;
            arbiter.setCommandDelayNanos(delay);
        }
        if (offset != wireOffsetNanos) {
            wireOffsetNanos = offset;
            arbiter.setWireClockOffsetNanos(offset);
        }
        for (StreamState s : streams) {
            s.applyToSensor();
        }
        handOff.releaseDue(now);
    }

    /** The fault as its events and `hilbridge check` name it: kind, target and size (e.g. "sensor_latency on imu +0.050 s"). */
    public static String describe(Scenario.FaultSpec f) {
        StringBuilder b = new StringBuilder(f.kind());
        if (f.target() != null) {
            b.append(" on ").append(f.target());
        }
        switch (f.kind()) {
            case "sensor_latency" -> b.append(String.format(" +%.3f s", f.magnitude()))
                    .append(f.jitterS() > 0 ? String.format(" +/- %.3f s", f.jitterS()) : "");
            case "command_delay" -> b.append(String.format(" +%.3f s", f.magnitude()));
            case "sensor_noise" -> b.append(String.format(" x%s", f.magnitude()));
            case "clock_jump" -> b.append(String.format(" %+.3f s on the wire", f.magnitude()));
            default -> {
            }
        }
        return b.toString();
    }

    /**
     * Simulation thread: what the runner publishes for a sample its sensor just produced: null when a
     * dropout swallows it, the last content from before the freeze under this sample's sequence and stamp
     * while frozen, else the sample itself. The sample's capture time decides whether it falls in the fault's
     * window (a camera frame rendered behind the simulation is published a tick after its capture).
     */
    public SensorSample published(SensorSample captured) {
        StreamState s = byStream.get(captured.streamId());
        if (s == null) {
            return captured;
        }
        if (coveredBy("sensor_dropout", captured)) {
            return null;
        }
        if (coveredBy("frozen_frames", captured) && s.lastContent != null) {
            return SampleStamps.restamped(s.lastContent, captured.sequence(), captured.captureNanos());
        }
        if (s.mayFreeze) {
            // Kept past this call for a freeze to publish again: a hold on a pooled frame (CameraFrame's rule),
            // and the previous content's hold goes. Streams no frozen_frames fault targets keep nothing.
            captured.retain();
            if (s.lastContent != null) {
                s.lastContent.release();
            }
            s.lastContent = captured;
        }
        return captured;
    }

    /** Whether a sensor_dropout covers {@code s} (its stream, its capture time). */
    public boolean dropped(SensorSample s) {
        return byStream.containsKey(s.streamId()) && coveredBy("sensor_dropout", s);
    }

    private boolean coveredBy(String kind, SensorSample s) {
        long t = s.captureNanos();
        for (int i = 0; i < faults.size(); i++) {
            Scenario.FaultSpec f = faults.get(i);
            if (t >= startNanos[i] && t < endNanos[i] && f.kind().equals(kind) && (f.target() == null || f.target().equals(s.streamId()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Simulation thread: hands a published sample to the transports, with the wire's clock, now or later.
     * Returns true when it went now, false when the hand-off holds it.
     */
    public boolean toTransports(SensorSample s) {
        SensorSample wire = wireOffsetNanos == 0 ? s : SampleStamps.restamped(s, s.sequence(), s.captureNanos() + wireOffsetNanos);
        StreamState st = byStream.get(s.streamId());
        if (st == null) {
            transports.accept(wire);
            return true;
        }
        boolean delayed = st.latencyFault >= 0;
        // Order kept: once a stream has been delayed, a sample waits behind its stream's samples still held.
        if (!delayed && !(st.everDelayed && handOff.holds(st.id))) {
            transports.accept(wire);
            return true;
        }
        long release = nowNanos;
        if (delayed) {
            Scenario.FaultSpec f = faults.get(st.latencyFault);
            // Uniform in [-jitter, +jitter]; drawn for every sample in the window so that the draws depend on the
            // schedule only. jitter_s <= magnitude (the loader checks), so the delay is never negative.
            double u = 2 * jitter[st.latencyFault].nextDouble() - 1;
            release = nowNanos + SimTime.fromSeconds(f.magnitude() + f.jitterS() * u);
            st.everDelayed = true;
        }
        release = Math.max(release, st.lastReleaseNanos);
        st.lastReleaseNanos = release;
        handOff.schedule(wire, release, nowNanos);
        return false;
    }

    /** End of the run: delivers the delayed samples still held. */
    public void flush() throws InterruptedException {
        handOff.flush();
    }

    /** Per sensor: which faults act on it this step. */
    private static final class StreamState {
        final String id;
        final NoiseScalable noisy;
        final GnssSensor gnss;
        int latencyFault;
        double noiseScale;
        double appliedNoiseScale = 1;
        boolean outage;
        boolean everDelayed;
        /** Whether a frozen_frames fault of the schedule targets this stream (only then is lastContent kept). */
        boolean mayFreeze;
        SensorSample lastContent;
        long lastReleaseNanos = Long.MIN_VALUE;

        StreamState(Sensor s) {
            id = s.streamId();
            noisy = s instanceof NoiseScalable n ? n : null;
            gnss = s instanceof GnssSensor g ? g : null;
        }

        void clear() {
            latencyFault = -1;
            noiseScale = 1;
            outage = false;
        }

        void activate(Scenario.FaultSpec f, int index) {
            switch (f.kind()) {
                case "sensor_dropout", "frozen_frames" -> {
                    // decided per sample by its capture time (published)
                }
                case "sensor_latency" -> latencyFault = index;
                case "sensor_noise" -> noiseScale = f.magnitude();
                case "gnss_outage" -> outage = true;
                default -> throw new IllegalStateException("fault kind " + f.kind() + " is not a sensor fault");
            }
        }

        void applyToSensor() {
            if (noisy != null && noiseScale != appliedNoiseScale) {
                noisy.setNoiseScale(noiseScale);
                appliedNoiseScale = noiseScale;
            }
            if (gnss != null) {
                gnss.setOutage(outage);
            }
        }
    }
}
