package org.hilbridge.sim.sensor;

/**
 * The true state of the sensor's frame: position in the world (ENU), orientation as a unit quaternion
 * (frame to world), linear velocity in the world, angular velocity in the frame, and the vehicle's forward
 * speed, yaw rate and bicycle steering angle, and each wheel's measured slip ratio (front-left, front-right,
 * rear-left, rear-right).
 */
public record GroundTruthSample(String streamId, long sequence, long captureNanos, String frameId,
                                double xM, double yM, double zM, double qw, double qx, double qy, double qz,
                                double vxMps, double vyMps, double vzMps, double rollRateRadPerS, double pitchRateRadPerS,
                                double yawRateBodyRadPerS, double forwardSpeedMps, double yawRateRadPerS, double steeringAngleRad,
                                double slipRatioFrontLeft, double slipRatioFrontRight, double slipRatioRearLeft, double slipRatioRearRight)
        implements SensorSample {
    /** Heading about z (ENU: 0 east, counter-clockwise positive), rad. */
    public double yawRad() {
        return StrictMath.atan2(2 * (qw * qz + qx * qy), 1 - 2 * (qy * qy + qz * qz));
    }
}
