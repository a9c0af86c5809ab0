package org.hilbridge.hil.runner;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.lidar.LidarSensor;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.lidar.UnsealedRevolution;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Realtime pacing seals LiDAR revolutions behind the simulation, so that the simulation thread allocates
 * nothing for them (issue 7): the simulation thread fires the columns of each 1 ms slice as before, and when
 * a revolution is finished it hands the sensor's buffers ({@link UnsealedRevolution}) to this LiDAR's sealer
 * thread, which copies them into the sample's arrays. The sample is published from the simulation thread at
 * the first slice after it is sealed (usually the next, 1 ms later), in order, one revolution in flight: its
 * points, sequence and capture time are those {@link LidarSensor#sample} gives, only the moment sinks receive
 * it moves. Should a revolution finish while the previous one is still being sealed (a stalled machine), the
 * simulation thread waits for the previous one first.
 *
 * <p>The hand-off is a pair of single-slot volatile fields and park/unpark, so neither side allocates or
 * takes a lock: the simulation thread writes {@link #pending} only when it is empty and reads
 * {@link #sealed} only when the sealer has filled it; the sealer the other way round.
 */
final class PipelinedLidar implements AutoCloseable {
    private static final long WAIT_PARK_NANOS = 20_000;

    private final LidarSensor lidar;
    private final Consumer<SensorSample> publish;
    private final Thread sealer;
    /** Simulation thread to sealer: the revolution to seal, or null. */
    private volatile UnsealedRevolution pending;
    /** Sealer to simulation thread: the sealed sample not yet published, or null. */
    private volatile PointCloudSample sealed;
    /** A failure of the sealer, rethrown on the simulation thread. */
    private volatile RuntimeException failure;
    private volatile boolean closed;
    /** Simulation thread only: a revolution handed over and not yet published. */
    private boolean inFlight;

    PipelinedLidar(LidarSensor lidar, Consumer<SensorSample> publish) {
        this.lidar = lidar;
        this.publish = publish;
        // At most three sets circulate: one filling, one sealing, and the one a finished revolution takes while the
        // previous is still sealing (tick waits for that one before handing the next over). Allocated now, not
        // in the run, even when the sealer falls behind on a loaded machine.
        lidar.reserveSpareBuffers(2);
        this.sealer = new Thread(this::sealLoop, "lidar-seal-" + lidar.streamId());
        sealer.setDaemon(true);
        sealer.start();
    }

    /** Simulation thread, every slice: publishes a sealed revolution, fires this slice, hands a finished revolution over. */
    void tick(Vehicle vehicle, long nowNanos) {
        if (inFlight && sealed != null) {
            publishSealed();
        }
        UnsealedRevolution done = lidar.sampleUnsealed(vehicle, nowNanos);
        if (done == null) {
            return;
        }
        flush(); // keep the order: the previous revolution goes out first
        inFlight = true;
        pending = done;
        LockSupport.unpark(sealer);
    }

    /** Simulation thread: waits for the revolution in flight, if any, and publishes it. */
    void flush() {
        while (inFlight && sealed == null) {
            checkFailure();
            LockSupport.parkNanos(WAIT_PARK_NANOS);
        }
        if (inFlight) {
            publishSealed();
        }
    }

    private void publishSealed() {
        PointCloudSample s = sealed;
        sealed = null;
        inFlight = false;
        publish.accept(s);
    }

    private void checkFailure() {
        RuntimeException e = failure;
        if (e != null) {
            throw new IllegalStateException("lidar " + lidar.streamId() + " failed to seal a revolution: " + e, e);
        }
    }

    private void sealLoop() {
        while (!closed) {
            UnsealedRevolution r = pending;
            if (r == null) {
                LockSupport.park(this);
                continue;
            }
            try {
                PointCloudSample s = r.seal();
                pending = null;
                sealed = s;
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
        }
    }

    /** Stops the sealer thread (after {@link #flush()} at the end of the run; a revolution still in flight is lost). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sealer);
    }
}
