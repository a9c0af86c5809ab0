package org.hilbridge.sim.vehicle;

import static org.hilbridge.sim.param.ParamChecks.requireInRange;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

/**
 * Ackermann steering. Angles are of the equivalent bicycle's front wheel; each front wheel gets its own
 * Ackermann angle from it.
 *
 * @param maxAngleRad     largest bicycle steering angle either way
 * @param maxRateRadPerS  slew-rate limit of the steering actuator
 */
public record SteeringParams(double maxAngleRad, double maxRateRadPerS) {
    public SteeringParams {
        requireInRange("steering.maxAngleRad", maxAngleRad, 1e-3, StrictMath.toRadians(60));
        requirePositive("steering.maxRateRadPerS", maxRateRadPerS);
    }
}
