package org.hilbridge.sim.command;

/**
 * Pedals and wheel as fractions: throttle in [-1, 1] (negative drives backward), brake in [0, 1], steering
 * in [-1, 1] of the steering's full angle (positive turns left).
 */
public record NormalizedCommand(double throttle, double brake, double steering) implements VehicleCommand {
    public NormalizedCommand {
        check(throttle, brake, steering);
    }

    /** The ranges above (the record and {@link CommandSlot#normalized} check the same). */
    static void check(double throttle, double brake, double steering) {
        CommandChecks.requireInRange("throttle", throttle, -1, 1);
        CommandChecks.requireInRange("brake", brake, 0, 1);
        CommandChecks.requireInRange("steering", steering, -1, 1);
    }
}
