package org.hilbridge.sim.vehicle;

/**
 * The traction motor and reduction: torque demand from the throttle, limited by the motor's curve (constant
 * torque, then constant power), shared equally among the driven wheels (open differentials).
 */
public final class Motor {
    private final DrivetrainParams params;

    public Motor(DrivetrainParams params) {
        this.params = params;
    }

    /**
     * Torque at each driven wheel.
     *
     * @param throttle             -1 (full reverse) to 1 (full forward)
     * @param meanWheelSpeedRadPerS mean spin rate of the driven wheels
     */
    public double wheelTorqueNm(double throttle, double meanWheelSpeedRadPerS) {
        double motorSpeed = StrictMath.abs(meanWheelSpeedRadPerS * params.gearRatio());
        double available = params.maxMotorTorqueNm();
        if (motorSpeed * available > params.maxMotorPowerW()) {
            available = params.maxMotorPowerW() / motorSpeed;
        }
        double t = StrictMath.max(-1, StrictMath.min(1, throttle));
        return t * available * params.gearRatio() / params.layout().drivenWheels();
    }
}
