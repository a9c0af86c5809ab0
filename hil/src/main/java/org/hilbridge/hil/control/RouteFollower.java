package org.hilbridge.hil.control;

import org.hilbridge.sim.command.CommandSlot;
import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.hil.runner.Controller;
import org.hilbridge.hil.scenario.Scenario;

/**
 * A built-in in-process driver: pure pursuit along the scenario's route at a set speed, slowing to stop
 * at the end of an open route (or inside the goal). It drives from ground truth, so it is a stand-in that
 * exercises the spine, not an autonomy stack (that is the reference stack's job).
 */
public final class RouteFollower implements Controller {
    /** Deceleration planned for the stop at the route's end, m/s^2. */
    private static final double STOP_DECEL_MPS2 = 1.5;

    private final RoutePath path;
    private final double speedMps;
    private final double lookaheadM;
    private final double wheelbaseM;
    private final double maxSteeringRad;
    private final double[] target = new double[2];

    public RouteFollower(RoutePath path, double speedMps, double lookaheadM, double wheelbaseM, double maxSteeringRad) {
        this.path = path;
        this.speedMps = speedMps;
        this.lookaheadM = lookaheadM;
        this.wheelbaseM = wheelbaseM;
        this.maxSteeringRad = maxSteeringRad;
    }

    /** Follows the scenario's route (see {@link RoutePath#of}) with its vehicle's geometry. */
    public static RouteFollower along(Scenario s, double speedMps, double lookaheadM) {
        return new RouteFollower(RoutePath.of(s), speedMps, lookaheadM, s.vehicle().chassis().wheelbaseM(), s.vehicle().steering().maxAngleRad());
    }

    @Override
    public String name() {
        return "inproc:route_follower";
    }

    @Override
    public boolean wants(SensorSample sample) {
        return sample instanceof GroundTruthSample;
    }

    @Override
    public VehicleCommand onSample(SensorSample sample) {
        CommandSlot out = new CommandSlot();
        answer(sample, out);
        return out.toCommand();
    }

    /** The Ackermann command for {@code sample}, written into {@code out}: allocates nothing (the runner calls it on the simulation thread). */
    @Override
    public boolean answer(SensorSample sample, CommandSlot out) {
        GroundTruthSample s = (GroundTruthSample) sample;
        double remaining = path.lookahead(s.xM(), s.yM(), lookaheadM, target);
        double steering = PurePursuit.steeringRad(s.xM(), s.yM(), s.yawRad(), target[0], target[1], wheelbaseM, maxSteeringRad);
        // v = sqrt(2 a d): arrive at the end at rest.
        double speed = Math.copySign(Math.min(Math.abs(speedMps), Math.sqrt(2 * STOP_DECEL_MPS2 * Math.max(0, remaining - 0.5))), speedMps);
        out.ackermann(speed, steering);
        return true;
    }
}
