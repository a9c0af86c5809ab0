package org.hilbridge.sim.command;

/**
 * One command of any of the three forms held in primitive fields, reusable: the allocation-free way to hand a
 * command over on the simulation thread (issue 7: a synchronous controller answers every sample it sees, and a
 * new command object per answer was the idle realtime loop's allocation). The forms, their fields and their
 * ranges are the records' ({@link NormalizedCommand}, {@link AckermannCommand}, {@link TwistCommand}); a
 * setter checks the same ranges and refuses a bad value with the record's message. {@link CommandConverter}
 * converts a slot exactly as it converts the record with the same fields. Not thread-safe: one owner.
 */
public final class CommandSlot {
    /** Which form the slot holds. */
    public enum Form {
        EMPTY, NORMALIZED, ACKERMANN, TWIST
    }

    private Form form = Form.EMPTY;
    private double first;
    private double second;
    private double third;

    /** Holds {@code NormalizedCommand(throttle, brake, steering)}. */
    public CommandSlot normalized(double throttle, double brake, double steering) {
        NormalizedCommand.check(throttle, brake, steering);
        return hold(Form.NORMALIZED, throttle, brake, steering);
    }

    /** Holds {@code AckermannCommand(speedMps, steeringAngleRad)}. */
    public CommandSlot ackermann(double speedMps, double steeringAngleRad) {
        AckermannCommand.check(speedMps, steeringAngleRad);
        return hold(Form.ACKERMANN, speedMps, steeringAngleRad, 0);
    }

    /** Holds {@code TwistCommand(speedMps, yawRateRadPerS)}. */
    public CommandSlot twist(double speedMps, double yawRateRadPerS) {
        TwistCommand.check(speedMps, yawRateRadPerS);
        return hold(Form.TWIST, speedMps, yawRateRadPerS, 0);
    }

    /** Holds a copy of {@code command} (its fields were checked when it was made). */
    public CommandSlot set(VehicleCommand command) {
        if (command instanceof NormalizedCommand n) {
            return hold(Form.NORMALIZED, n.throttle(), n.brake(), n.steering());
        } else if (command instanceof AckermannCommand a) {
            return hold(Form.ACKERMANN, a.speedMps(), a.steeringAngleRad(), 0);
        }
        TwistCommand t = (TwistCommand) command;
        return hold(Form.TWIST, t.speedMps(), t.yawRateRadPerS(), 0);
    }

    /** Holds what {@code other} holds. */
    public CommandSlot copyFrom(CommandSlot other) {
        return hold(other.form, other.first, other.second, other.third);
    }

    /** Empties the slot. */
    public void clear() {
        hold(Form.EMPTY, 0, 0, 0);
    }

    private CommandSlot hold(Form f, double a, double b, double c) {
        form = f;
        first = a;
        second = b;
        third = c;
        return this;
    }

    public Form form() {
        return form;
    }

    /** The held command as its record (allocates: for the recorder and the logs, not the simulation thread's step); null when empty. */
    public VehicleCommand toCommand() {
        return switch (form) {
            case EMPTY -> null;
            case NORMALIZED -> new NormalizedCommand(first, second, third);
            case ACKERMANN -> new AckermannCommand(first, second);
            case TWIST -> new TwistCommand(first, second);
        };
    }

    /** Normalized: throttle; Ackermann and Twist: speed in m/s. */
    double first() {
        return first;
    }

    /** Normalized: brake; Ackermann: steering angle in rad; Twist: yaw rate in rad/s. */
    double second() {
        return second;
    }

    /** Normalized: steering fraction; otherwise 0. */
    double third() {
        return third;
    }

    @Override
    public String toString() {
        return form == Form.EMPTY ? "CommandSlot[empty]" : "CommandSlot[" + toCommand() + "]";
    }
}
