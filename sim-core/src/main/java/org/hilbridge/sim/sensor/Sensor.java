package org.hilbridge.sim.sensor;

import org.hilbridge.sim.vehicle.Vehicle;

/** A sensor mounted on the vehicle, sampled by the runner's schedule at its own rate. */
public interface Sensor {
    /** The stream this sensor's samples belong to (the scenario's sensor name). */
    String streamId();

    /** How often the runner calls {@link #sample}, Hz (the sample rate, or a sweep's slicing rate). */
    double rateHz();

    /**
     * Called by the runner at {@link #rateHz()} with the vehicle's state at {@code nowNanos}. Returns the
     * sample captured (each sample takes the next sequence number), or null when this call completes none
     * (a rotating LiDAR fires a slice of its sweep per call and returns the cloud when a revolution ends).
     */
    SensorSample sample(Vehicle vehicle, long nowNanos);
}
