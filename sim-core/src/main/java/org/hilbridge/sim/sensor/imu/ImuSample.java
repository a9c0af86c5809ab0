package org.hilbridge.sim.sensor.imu;

import org.hilbridge.sim.sensor.SensorSample;

/**
 * One IMU reading in the IMU frame (REP-145: specific force, so +g on z at rest with z up): linear
 * acceleration in m/s^2 and angular rate in rad/s, with the per-axis variance of the discrete white noise
 * (what sensor_msgs/Imu's covariance diagonals carry). A bare MEMS IMU reports no orientation.
 */
public record ImuSample(String streamId, long sequence, long captureNanos, String frameId,
                        double accelXMps2, double accelYMps2, double accelZMps2,
                        double gyroXRadPerS, double gyroYRadPerS, double gyroZRadPerS,
                        double accelVarianceMps2Sq, double gyroVarianceRadPerSSq) implements SensorSample {
}
