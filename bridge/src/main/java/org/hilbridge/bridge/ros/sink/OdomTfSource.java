package org.hilbridge.bridge.ros.sink;

/**
 * Which stream drives the moving odom -> base_link transform on /tf.
 *
 * <p>The default is wheel odometry when the scenario has it: REP-105 defines odom as the continuous,
 * drifting frame that a vehicle's own odometry provides, and that is what the real vehicle's base driver
 * publishes, so the stack under test sees the same tf tree, drift and slip included, as on the vehicle.
 * Ground truth is the fallback when there is no wheel odometry, and a choice for stacks that are meant to
 * run with perfect localisation; its odom frame is then the world frame (they coincide at the origin).
 */
public enum OdomTfSource {
    WHEEL_ODOMETRY, GROUND_TRUTH
}
