package org.hilbridge.sim.sensor;

import org.hilbridge.sim.vehicle.Vehicle;

/**
 * A sensor whose reading is taken apart from building its immutable sample: {@link #read} takes the reading
 * at an instant into a caller's reusable buffer of primitives (on the simulation thread, allocating nothing),
 * and {@link #seal} builds the sample from that buffer (on any thread, any time later). {@link #sample} is
 * read then seal, so a sample sealed later holds bit for bit what {@code sample} would have returned at the
 * instant read: a realtime runner reads on the simulation thread and seals on another (issue 7: no
 * steady-state allocation on the simulation thread), fast and lockstep runners call {@code sample} in line.
 */
public interface BufferedSensor extends Sensor {
    /** Doubles a reading takes: the buffer handed to {@link #read} and {@link #seal} holds at least this many. */
    int readingLength();

    /**
     * Simulation thread: takes the reading at {@code nowNanos} into {@code values[0, readingLength())} and the
     * next sequence number, which it returns. Advances the sensor's state (noise, bias walk, integration)
     * exactly as {@link #sample} does.
     */
    long read(Vehicle vehicle, long nowNanos, double[] values);

    /**
     * The immutable sample of a reading that {@link #read} took. Reads only the sensor's final configuration,
     * so it is safe on any thread while the simulation thread goes on reading.
     */
    SensorSample seal(long sequence, long captureNanos, double[] values);
}
