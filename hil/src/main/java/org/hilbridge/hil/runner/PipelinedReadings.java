package org.hilbridge.hil.runner;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.hilbridge.sim.sensor.BufferedSensor;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Realtime pacing builds the small sensors' samples (ground truth, IMU, GNSS, wheel odometry) behind the
 * simulation, so that the simulation thread allocates nothing for them (issue 7): at a sensor's tick the
 * simulation thread takes its reading into a slot of a ring preallocated when the run starts
 * ({@link BufferedSensor#read}: primitives only), and this run's sealer thread builds the immutable sample
 * from the slot ({@link BufferedSensor#seal}). The simulation thread publishes the sealed samples in the order
 * they were read, once per step after the pacer's wait ({@link #publishSealed}): usually the step they were
 * read in (sealing takes microseconds, the wait is most of the step), else the next. The samples are bit for
 * bit those {@link Sensor#sample} gives; only the moment sinks receive them may move by a step. A run with a
 * synchronous controller waits for the step's readings instead ({@link #publishAll}), so that the controller
 * answers each sample in the step it was taken, the command applies at the same step in any pacing and the
 * drive stays that of a fast run. Fast and lockstep runs sample in line, so recorded bags and the determinism
 * check see the same sample order.
 *
 * <p>The ring is single-producer (the simulation thread fills slots) single-consumer (the sealer seals them),
 * with two volatile counters and park/unpark: the simulation thread writes a slot only once it has published
 * it (so the sealer is done with it) and reads a slot's sample only after the sealer's counter passed it.
 * Should the ring fill (the sealer stalled for {@value #CAPACITY} readings), the simulation thread publishes
 * what is sealed and waits for the rest, as {@link PipelinedLidar} waits for a revolution still sealing.
 */
final class PipelinedReadings implements AutoCloseable {
    /** Slots in the ring: the default set reads ~0.3 samples per 1 ms step, so this is ~0.8 s of sealer stall. */
    static final int CAPACITY = 256;
    private static final long WAIT_PARK_NANOS = 20_000;

    private final Slot[] ring = new Slot[CAPACITY];
    private final Consumer<SensorSample> publish;
    private final Thread sealer;
    /** Simulation thread to sealer: slots filled so far (the next slot to fill, counted from the start). */
    private volatile long filled;
    /** Sealer to simulation thread: slots sealed so far. */
    private volatile long sealed;
    /** Simulation thread only: slots published so far. */
    private long published;
    /** A failure of the sealer, rethrown on the simulation thread. */
    private volatile RuntimeException failure;
    private volatile boolean closed;

    private static final class Slot {
        final double[] values;
        BufferedSensor sensor;
        long sequence;
        long captureNanos;
        SensorSample sample;

        Slot(int length) {
            values = new double[length];
        }
    }

    /**
     * The pipeline for the buffered sensors among {@code sensors}, or null when there are none.
     *
     * @param publish the runner's publish, called on the simulation thread
     */
    static PipelinedReadings of(List<Sensor> sensors, Consumer<SensorSample> publish) {
        int length = 0;
        for (Sensor s : sensors) {
            if (s instanceof BufferedSensor b) {
                length = Math.max(length, b.readingLength());
            }
        }
        return length == 0 ? null : new PipelinedReadings(length, publish);
    }

    private PipelinedReadings(int readingLength, Consumer<SensorSample> publish) {
        this.publish = publish;
        for (int i = 0; i < CAPACITY; i++) {
            ring[i] = new Slot(readingLength);
        }
        this.sealer = new Thread(this::sealLoop, "readings-seal");
        sealer.setDaemon(true);
        sealer.start();
    }

    /** Simulation thread, at the sensor's tick: takes its reading into the next slot and wakes the sealer. */
    void read(BufferedSensor sensor, Vehicle vehicle, long nowNanos) {
        long next = filled;
        if (next - published == CAPACITY) {
            awaitFreeSlot();
        }
        Slot slot = ring[(int) (next % CAPACITY)];
        slot.sensor = sensor;
        slot.captureNanos = nowNanos;
        slot.sequence = sensor.read(vehicle, nowNanos, slot.values);
        filled = next + 1; // publishes the slot's fields to the sealer (volatile write after them)
        LockSupport.unpark(sealer);
    }

    /** Simulation thread, once per step: publishes the samples sealed so far, in the order they were read. */
    void publishSealed() {
        long upTo = sealed;
        while (published < upTo) {
            Slot slot = ring[(int) (published % CAPACITY)];
            SensorSample s = slot.sample;
            slot.sample = null;
            slot.sensor = null;
            published++;
            publish.accept(s);
        }
        checkFailure();
    }

    /**
     * Simulation thread, once per step where a synchronous controller must see this step's samples: publishes
     * every reading taken so far, spinning for the sealer (microseconds) where it has not finished yet.
     */
    void publishAll() {
        publishSealed();
        while (published < filled) {
            Thread.onSpinWait();
            publishSealed();
        }
    }

    /** Simulation thread: waits for every reading taken and publishes it (the end of the run). */
    void flush() {
        while (published < filled) {
            publishSealed();
            if (published < filled) {
                LockSupport.parkNanos(WAIT_PARK_NANOS);
            }
        }
    }

    private void awaitFreeSlot() {
        while (filled - published == CAPACITY) {
            publishSealed();
            if (filled - published == CAPACITY) {
                LockSupport.parkNanos(WAIT_PARK_NANOS);
            }
        }
    }

    private void checkFailure() {
        RuntimeException e = failure;
        if (e != null) {
            throw new IllegalStateException("building a sensor sample behind the simulation failed: " + e, e);
        }
    }

    private void sealLoop() {
        long next = 0;
        while (!closed) {
            if (next == filled) {
                LockSupport.park(this);
                continue;
            }
            Slot slot = ring[(int) (next % CAPACITY)];
            try {
                slot.sample = slot.sensor.seal(slot.sequence, slot.captureNanos, slot.values);
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
            next++;
            sealed = next; // publishes the sample to the simulation thread
        }
    }

    /** Stops the sealer thread (after {@link #flush()} at the end of the run; readings not yet sealed are lost). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sealer);
    }
}
