package org.hilbridge.sim.sensor;

import org.hilbridge.sim.vehicle.Vehicle;

/** A sensor mounted on the vehicle, sampled by the runner's schedule at its own rate. */
public interface Sensor {
    /** The stream this sensor's samples belong to (the scenario's sensor name). */
    String streamId();

    /** Sample rate, Hz. */
    double rateHz();

    /** Captures the vehicle's state at {@code nowNanos}; each call takes the next sequence number. */
    SensorSample sample(Vehicle vehicle, long nowNanos);
}
