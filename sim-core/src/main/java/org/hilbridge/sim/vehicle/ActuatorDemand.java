package org.hilbridge.sim.vehicle;

/**
 * What the vehicle's actuators are asked for in one step: throttle in [-1, 1] (negative drives backward),
 * brake in [0, 1], and the bicycle steering angle in radians (positive turns left, REP-103). Every command
 * form is converted to this in one place ({@code org.hilbridge.sim.command.CommandConverter}). Mutable so the
 * runner can reuse one instance.
 */
public final class ActuatorDemand {
    private double throttle;
    private double brake;
    private double steeringAngleRad;

    public ActuatorDemand set(double throttle, double brake, double steeringAngleRad) {
        if (!(throttle >= -1 && throttle <= 1)) {
            throw new IllegalArgumentException("throttle = " + throttle + " is not allowed: it must be in [-1, 1]");
        }
        if (!(brake >= 0 && brake <= 1)) {
            throw new IllegalArgumentException("brake = " + brake + " is not allowed: it must be in [0, 1]");
        }
        if (!Double.isFinite(steeringAngleRad)) {
            throw new IllegalArgumentException("steeringAngleRad = " + steeringAngleRad + " is not allowed: it must be finite");
        }
        this.throttle = throttle;
        this.brake = brake;
        this.steeringAngleRad = steeringAngleRad;
        return this;
    }

    public double throttle() {
        return throttle;
    }

    public double brake() {
        return brake;
    }

    public double steeringAngleRad() {
        return steeringAngleRad;
    }

    @Override
    public String toString() {
        return "ActuatorDemand[throttle=" + throttle + ", brake=" + brake + ", steeringAngleRad=" + steeringAngleRad + "]";
    }
}
