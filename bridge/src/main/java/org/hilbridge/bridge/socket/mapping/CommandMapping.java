package org.hilbridge.bridge.socket.mapping;

import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.proto.v1.Verdict;
import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.command.NormalizedCommand;
import org.hilbridge.sim.command.TwistCommand;
import org.hilbridge.sim.command.VehicleCommand;

/** Commands from the wire to the simulator's forms, and the arbiter's verdicts back to the wire. */
public final class CommandMapping {
    private CommandMapping() {
    }

    /**
     * The command a wire command stands for.
     *
     * @throws IllegalArgumentException no control form set, or a value out of its range (the message names
     *                                  the field, the value and the range)
     */
    public static VehicleCommand command(org.hilbridge.proto.v1.VehicleCommand c) {
        return switch (c.getControlCase()) {
            case NORMALIZED -> new NormalizedCommand(c.getNormalized().getThrottle(), c.getNormalized().getBrake(), c.getNormalized().getSteering());
            case ACKERMANN -> new AckermannCommand(c.getAckermann().getSpeedMps(), c.getAckermann().getSteeringAngleRad());
            case TWIST -> new TwistCommand(c.getTwist().getSpeedMps(), c.getTwist().getYawRateRadPerS());
            case CONTROL_NOT_SET -> throw new IllegalArgumentException(
                    "VehicleCommand.control is not set: set one of normalized, ackermann, twist");
        };
    }

    /** The sample a wire command names, or null when it names none. */
    public static SampleRef basedOn(org.hilbridge.proto.v1.VehicleCommand c) {
        return c.hasBasedOn() ? new SampleRef(c.getBasedOn().getStreamId(), c.getBasedOn().getSequence()) : null;
    }

    public static Verdict verdict(org.hilbridge.bridge.link.Verdict v) {
        return switch (v) {
            case ACCEPTED -> Verdict.VERDICT_ACCEPTED;
            case ACCEPTED_UNATTRIBUTED -> Verdict.VERDICT_ACCEPTED_UNATTRIBUTED;
            case REFUSED_NO_LEASE -> Verdict.VERDICT_REFUSED_NO_LEASE;
            case REFUSED_UNKNOWN_SAMPLE -> Verdict.VERDICT_REFUSED_UNKNOWN_SAMPLE;
            case REFUSED_STALE_SAMPLE -> Verdict.VERDICT_REFUSED_STALE_SAMPLE;
            case DROPPED_BY_FAULT -> Verdict.VERDICT_DROPPED_BY_FAULT;
            case DELAYED_BY_FAULT -> Verdict.VERDICT_DELAYED_BY_FAULT;
            case REFUSED_SAFE_STOPPED -> Verdict.VERDICT_REFUSED_SAFE_STOPPED;
        };
    }
}
