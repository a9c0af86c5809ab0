package org.hilbridge.sim.command;

/**
 * A command for the vehicle in one of the three forms autonomy stacks send. {@link CommandConverter} turns
 * each into actuator demands; that is the only place the forms are converted.
 */
public sealed interface VehicleCommand permits NormalizedCommand, AckermannCommand, TwistCommand {
}
