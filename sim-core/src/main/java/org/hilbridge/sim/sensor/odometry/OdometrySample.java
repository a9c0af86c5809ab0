package org.hilbridge.sim.sensor.odometry;

import org.hilbridge.sim.sensor.SensorSample;

/**
 * Odometry as nav_msgs/Odometry carries it: the pose of the child frame (base_link) in the odometry frame
 * (planar: x, y, yaw; REP-105's odom frame starts where the vehicle starts) and its velocity in the child
 * frame (forward speed, yaw rate).
 */
public record OdometrySample(String streamId, long sequence, long captureNanos, String frameId, String childFrameId,
                             double xM, double yM, double yawRad, double forwardSpeedMps, double yawRateRadPerS) implements SensorSample {
}
