package org.hilbridge.hil.runner;

import org.hilbridge.sim.vehicle.ActuatorDemand;

/** The watchdog's safe stop: throttle off, the configured brake, steering held where it was. */
final class SafeStop {
    private final double brake;
    private final boolean latched;
    private boolean active;
    private double heldSteeringRad;
    private long engagedNanos;

    SafeStop(double brake, boolean latched) {
        this.brake = brake;
        this.latched = latched;
    }

    void engage(double steeringRad, long nowNanos) {
        active = true;
        heldSteeringRad = steeringRad;
        engagedNanos = nowNanos;
    }

    boolean active() {
        return active;
    }

    boolean latched() {
        return latched;
    }

    /** Unlatched: a command accepted after the stop engaged lifts it. */
    boolean mayResume(long lastAcceptedNanos) {
        return !latched && lastAcceptedNanos > engagedNanos;
    }

    void clear() {
        active = false;
    }

    void demand(ActuatorDemand out) {
        out.set(0, brake, heldSteeringRad);
    }
}
