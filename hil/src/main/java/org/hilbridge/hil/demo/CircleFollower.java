package org.hilbridge.hil.demo;

import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * The demo's driver: pure pursuit (Coulter, "Implementation of the Pure Pursuit Path Tracking Algorithm",
 * CMU-RI-TR-92-01, 1992) around a circle centred on the origin, counter-clockwise, at a fixed speed:
 * steer delta = atan(2 L sin(alpha) / l_d) toward the point l_d ahead on the circle.
 */
public final class CircleFollower {
    private final double radiusM;
    private final double speedMps;
    private final double lookaheadM;

    public CircleFollower(double radiusM, double speedMps, double lookaheadM) {
        this.radiusM = radiusM;
        this.speedMps = speedMps;
        this.lookaheadM = lookaheadM;
    }

    public AckermannCommand command(Vehicle v) {
        return new AckermannCommand(speedMps, steeringRad(v));
    }

    /** The pure-pursuit steering angle, within the vehicle's limits. Allocates nothing. */
    public double steeringRad(Vehicle v) {
        double bearing = Math.atan2(v.yM(), v.xM());
        double ahead = bearing + lookaheadM / radiusM;
        double tx = radiusM * Math.cos(ahead);
        double ty = radiusM * Math.sin(ahead);
        double alpha = Math.atan2(ty - v.yM(), tx - v.xM()) - v.yawRad();
        alpha = Math.atan2(Math.sin(alpha), Math.cos(alpha));
        double distance = Math.hypot(tx - v.xM(), ty - v.yM());
        double steering = Math.atan(2 * v.params().chassis().wheelbaseM() * Math.sin(alpha) / Math.max(distance, 1));
        double limit = v.params().steering().maxAngleRad();
        return Math.max(-limit, Math.min(limit, steering));
    }
}
