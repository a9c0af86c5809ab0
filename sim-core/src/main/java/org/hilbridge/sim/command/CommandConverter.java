package org.hilbridge.sim.command;

import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.VehicleParams;

/**
 * The one place where every command form becomes actuator demands. Target speeds are held by a PI speed
 * controller (throttle above the target's side of zero, brake against it); a yaw rate becomes the steering
 * angle of the kinematic bicycle, delta = atan(L r / v) (Rajamani, "Vehicle Dynamics and Control", 2nd ed.,
 * §2.2). One converter per vehicle: the speed controller keeps state between steps.
 */
public final class CommandConverter {
    /** Throttle (or brake) per m/s of speed error. */
    static final double SPEED_KP_PER_MPS = 0.5;
    /** Throttle (or brake) per m of integrated speed error. */
    static final double SPEED_KI_PER_M = 0.2;
    /** Below this target and actual speed the controller holds the vehicle on the brakes. */
    static final double HOLD_SPEED_MPS = 0.05;
    static final double HOLD_BRAKE = 0.5;
    /** Yaw-rate conversion uses at least this speed, so a turn on the spot asks for full lock, not a NaN. */
    static final double MIN_SPEED_FOR_YAW_RATE_MPS = 0.1;

    private final double wheelbaseM;
    private final double maxSteeringRad;
    private double speedErrorIntegralM;
    /** A record's fields, for {@link #convert(VehicleCommand, double, double, ActuatorDemand)}. */
    private final CommandSlot scratch = new CommandSlot();

    public CommandConverter(VehicleParams params) {
        this.wheelbaseM = params.chassis().wheelbaseM();
        this.maxSteeringRad = params.steering().maxAngleRad();
    }

    /**
     * Writes the demand for {@code command} given the vehicle's forward speed.
     *
     * @param forwardSpeedMps  the vehicle's forward speed now
     * @param dtS              time since the last call (for the speed controller's integral)
     */
    public ActuatorDemand convert(VehicleCommand command, double forwardSpeedMps, double dtS, ActuatorDemand out) {
        // One dispatch over the forms (the slot's): a record is converted as the slot holding its fields.
        return convert(scratch.set(command), forwardSpeedMps, dtS, out);
    }

    /**
     * The same for the command a slot holds (the record with the same fields gives the same demand), without
     * allocating: the simulation thread applies a synchronous controller's answer this way.
     *
     * @throws IllegalArgumentException if the slot is empty
     */
    public ActuatorDemand convert(CommandSlot command, double forwardSpeedMps, double dtS, ActuatorDemand out) {
        return switch (command.form()) {
            case NORMALIZED -> {
                speedErrorIntegralM = 0;
                yield out.set(command.first(), command.second(), command.third() * maxSteeringRad);
            }
            case ACKERMANN -> holdSpeed(command.first(), forwardSpeedMps, dtS, command.second(), out);
            case TWIST -> twist(command.first(), command.second(), forwardSpeedMps, dtS, out);
            case EMPTY -> throw new IllegalArgumentException("the command slot is empty: there is no command to convert");
        };
    }

    private ActuatorDemand twist(double speedMps, double yawRateRadPerS, double forwardSpeedMps, double dtS, ActuatorDemand out) {
        double v = StrictMath.max(StrictMath.abs(speedMps), MIN_SPEED_FOR_YAW_RATE_MPS);
        double steering = StrictMath.atan(wheelbaseM * yawRateRadPerS / v);
        if (speedMps < 0) {
            steering = -steering; // backing up, the same yaw rate needs the opposite wheel
        }
        return holdSpeed(speedMps, forwardSpeedMps, dtS, steering, out);
    }

    /** Kinematic-bicycle steering angle for a yaw rate at a speed (the Twist conversion, exposed for tests). */
    public double steeringForYawRateRad(double speedMps, double yawRateRadPerS) {
        return StrictMath.atan(wheelbaseM * yawRateRadPerS / StrictMath.max(StrictMath.abs(speedMps), MIN_SPEED_FOR_YAW_RATE_MPS));
    }

    private ActuatorDemand holdSpeed(double targetMps, double speedMps, double dtS, double steeringRad, ActuatorDemand out) {
        double steering = StrictMath.max(-maxSteeringRad, StrictMath.min(maxSteeringRad, steeringRad));
        if (StrictMath.abs(targetMps) < HOLD_SPEED_MPS && StrictMath.abs(speedMps) < 0.5) {
            speedErrorIntegralM = 0;
            return out.set(0, HOLD_BRAKE, steering);
        }
        double error = targetMps - speedMps;
        double direction = targetMps >= 0 ? 1 : -1;
        double u = SPEED_KP_PER_MPS * error + SPEED_KI_PER_M * speedErrorIntegralM;
        // Conditional integration (anti-windup): integrate only while the output is not saturated.
        if (StrictMath.abs(u) < 1) {
            speedErrorIntegralM += error * dtS;
        }
        double effort = StrictMath.max(-1, StrictMath.min(1, u));
        if (effort * direction >= 0) {
            return out.set(effort, 0, steering);
        }
        return out.set(0, StrictMath.abs(effort), steering);
    }
}
