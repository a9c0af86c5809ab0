package org.hilbridge.sim.command;

/**
 * Target forward speed and yaw rate, as geometry_msgs/Twist carries them on /cmd_vel (linear.x in m/s,
 * angular.z in rad/s, positive turning left).
 */
public record TwistCommand(double speedMps, double yawRateRadPerS) implements VehicleCommand {
    public TwistCommand {
        check(speedMps, yawRateRadPerS);
    }

    /** The ranges above (the record and {@link CommandSlot#twist} check the same). */
    static void check(double speedMps, double yawRateRadPerS) {
        CommandChecks.requireInRange("speedMps", speedMps, -100, 100);
        CommandChecks.requireInRange("yawRateRadPerS", yawRateRadPerS, -10, 10);
    }
}
