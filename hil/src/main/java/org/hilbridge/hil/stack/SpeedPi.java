package org.hilbridge.hil.stack;

/**
 * Speed hold: a PI controller from the speed error to one pedal signal u in [-1, 1] (u > 0 throttle,
 * u < 0 brake), with conditional integration as anti-windup (the integrator stops while the output is
 * saturated in the error's direction; Astrom and Murray, "Feedback Systems", 2nd ed., §11.3).
 */
final class SpeedPi {
    private final double kp;
    private final double ki;
    private double integral;

    /** @param kp per m/s of error; @param ki per m of accumulated error (m/s times s) */
    SpeedPi(double kp, double ki) {
        this.kp = kp;
        this.ki = ki;
    }

    /** One update: target and measured speed (m/s), time since the last update (s). Returns u in [-1, 1]. */
    double update(double targetMps, double measuredMps, double dtS) {
        double error = targetMps - measuredMps;
        double unsaturated = kp * error + ki * (integral + error * dtS);
        boolean saturatedSameWay = (unsaturated > 1 && error > 0) || (unsaturated < -1 && error < 0);
        if (!saturatedSameWay) {
            integral += error * dtS;
        }
        double u = kp * error + ki * integral;
        return Math.max(-1, Math.min(1, u));
    }

    void reset() {
        integral = 0;
    }
}
