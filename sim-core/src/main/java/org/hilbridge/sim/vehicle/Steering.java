package org.hilbridge.sim.vehicle;

import org.hilbridge.sim.math.StrictTrig;

/**
 * The steering actuator and linkage: a bicycle angle that slews toward its demand within the rate and
 * angle limits, and each front wheel's angle from Ackermann geometry (both front wheels' axes meet on the
 * rear axle's line; Gillespie, "Fundamentals of Vehicle Dynamics", 1992, §6.2):
 * cot(delta_left) = cot(delta) - t / (2 L), cot(delta_right) = cot(delta) + t / (2 L).
 */
public final class Steering {
    private final SteeringParams params;
    private final double halfTrackOverWheelbase;
    private double angleRad;

    public Steering(SteeringParams params, ChassisParams chassis) {
        this.params = params;
        this.halfTrackOverWheelbase = chassis.trackWidthM() / (2 * chassis.wheelbaseM());
    }

    /** Moves the bicycle angle toward {@code demandRad}, clamped to the limits. */
    public void update(double demandRad, double dtS) {
        double target = StrictMath.max(-params.maxAngleRad(), StrictMath.min(params.maxAngleRad(), demandRad));
        double maxStep = params.maxRateRadPerS() * dtS;
        double step = StrictMath.max(-maxStep, StrictMath.min(maxStep, target - angleRad));
        angleRad += step;
    }

    /** Sets the angle at once (initial conditions). */
    public void reset(double bicycleAngleRad) {
        angleRad = StrictMath.max(-params.maxAngleRad(), StrictMath.min(params.maxAngleRad(), bicycleAngleRad));
    }

    public double bicycleAngleRad() {
        return angleRad;
    }

    /** Road-wheel angle of the left (or right) front wheel. */
    public double frontWheelAngleRad(boolean left) {
        double t = StrictTrig.tan(angleRad);
        double k = left ? -halfTrackOverWheelbase : halfTrackOverWheelbase;
        // tan(delta_side) = tan(delta) / (1 + k tan(delta)), the cot relation above without dividing by tan(delta).
        return StrictMath.atan(t / (1 + k * t));
    }
}
