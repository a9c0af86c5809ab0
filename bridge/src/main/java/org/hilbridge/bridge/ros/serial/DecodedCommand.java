package org.hilbridge.bridge.ros.serial;

import java.util.Objects;
import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.sim.command.VehicleCommand;

/**
 * A command decoded from a ROS message: stamped ones (TwistStamped, AckermannDriveStamped) carry the
 * header stamp, which by our convention is the capture time of the sample the command was computed from.
 */
public record DecodedCommand(VehicleCommand command, boolean stamped, long stampNanos) {
    public DecodedCommand {
        Objects.requireNonNull(command, "command");
    }

    /** Hands the command to the arbiter: stamped commands are attributed to their sample, plain ones are not. */
    public Verdict submitTo(CommandIntake intake, String source) {
        return stamped ? intake.submitStamped(source, command, stampNanos) : intake.submitUnattributed(source, command);
    }
}
