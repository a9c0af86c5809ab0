package org.hilbridge.sim.command;

/**
 * Target speed and bicycle steering angle, as ackermann_msgs/AckermannDrive carries them: speed in m/s
 * (negative backward), steering angle in rad (positive left).
 */
public record AckermannCommand(double speedMps, double steeringAngleRad) implements VehicleCommand {
    public AckermannCommand {
        check(speedMps, steeringAngleRad);
    }

    /** The ranges above (the record and {@link CommandSlot#ackermann} check the same). */
    static void check(double speedMps, double steeringAngleRad) {
        CommandChecks.requireInRange("speedMps", speedMps, -100, 100);
        CommandChecks.requireInRange("steeringAngleRad", steeringAngleRad, -StrictMath.PI / 2, StrictMath.PI / 2);
    }
}
