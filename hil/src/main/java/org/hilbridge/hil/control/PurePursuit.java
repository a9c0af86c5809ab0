package org.hilbridge.hil.control;

/**
 * Pure-pursuit steering (Coulter, "Implementation of the Pure Pursuit Path Tracking Algorithm",
 * CMU-RI-TR-92-01, 1992): the arc through the rear axle and a look-ahead point has curvature
 * 2 sin(alpha) / l_d, so the bicycle steering angle is delta = atan(2 L sin(alpha) / l_d).
 */
public final class PurePursuit {
    private PurePursuit() {
    }

    /**
     * @param xM, yM, yawRad  the vehicle's pose (ENU)
     * @param targetXM, targetYM the look-ahead point
     */
    public static double steeringRad(double xM, double yM, double yawRad, double targetXM, double targetYM,
                                     double wheelbaseM, double maxSteeringRad) {
        double alpha = Math.atan2(targetYM - yM, targetXM - xM) - yawRad;
        alpha = Math.atan2(Math.sin(alpha), Math.cos(alpha));
        double distance = Math.max(Math.hypot(targetXM - xM, targetYM - yM), 1e-3);
        double steering = Math.atan(2 * wheelbaseM * Math.sin(alpha) / distance);
        return Math.max(-maxSteeringRad, Math.min(maxSteeringRad, steering));
    }
}
