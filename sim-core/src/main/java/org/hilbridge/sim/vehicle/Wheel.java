package org.hilbridge.sim.vehicle;

import org.hilbridge.sim.terrain.Material;

/**
 * One corner's state and latest outputs. The state is the spin rate, the tread's relaxation deflections
 * (Pacejka, "Tire and Vehicle Dynamics", 3rd ed., §7.2: the contact patch lags the rim by a first-order
 * deflection whose relaxation length is sigma, which also makes the tire hold at standstill like a spring)
 * and the soil sinkage. The rest are read-outs of the last step, for sensors, tests and reports.
 */
public final class Wheel {
    final boolean front;
    final boolean left;
    /** Attachment point (wheel centre at static equilibrium) in base_link, relative to the CG. */
    final double bodyXM;
    final double bodyYM;
    final double bodyZM;
    /** The corner's share of the static weight, N. */
    final double staticLoadN;

    double spinRadPerS;
    double longDeflectionM;
    double latDeflectionM;
    double sinkageM;

    double normalForceN;
    double compressionM;
    double steerAngleRad;
    double slipRatio;
    double slipAngleRad;
    double longitudinalForceN;
    double lateralForceN;
    double brakeTorqueNm;
    double driveTorqueNm;
    double contactSpeedMps;
    /** Tread deflection spring rates of the last step (slip stiffness over relaxation length), N/m. */
    double longTreadRateNPerM;
    double latTreadRateNPerM;
    Material material;

    Wheel(boolean front, boolean left, double bodyXM, double bodyYM, double bodyZM, double staticLoadN) {
        this.front = front;
        this.left = left;
        this.bodyXM = bodyXM;
        this.bodyYM = bodyYM;
        this.bodyZM = bodyZM;
        this.staticLoadN = staticLoadN;
    }

    public boolean isFront() {
        return front;
    }

    public boolean isLeft() {
        return left;
    }

    public double spinRadPerS() {
        return spinRadPerS;
    }

    public double sinkageM() {
        return sinkageM;
    }

    public double normalForceN() {
        return normalForceN;
    }

    /** Suspension compression from the static position, m. */
    public double compressionM() {
        return compressionM;
    }

    public double staticLoadN() {
        return staticLoadN;
    }

    public double steerAngleRad() {
        return steerAngleRad;
    }

    /** Measured slip ratio (omega R - vx) / |vx| (vx floored at 0.1 m/s). */
    public double slipRatio() {
        return slipRatio;
    }

    /** Relaxed slip angle the tire force was computed from, rad. */
    public double slipAngleRad() {
        return slipAngleRad;
    }

    public double longitudinalForceN() {
        return longitudinalForceN;
    }

    public double lateralForceN() {
        return lateralForceN;
    }

    public double brakeTorqueNm() {
        return brakeTorqueNm;
    }

    public double driveTorqueNm() {
        return driveTorqueNm;
    }

    /** Forward speed of the contact point along the wheel's heading, m/s. */
    public double contactSpeedMps() {
        return contactSpeedMps;
    }

    /** Elastic energy in the tread's deflections (linear spring estimate), J. */
    public double treadEnergyJ() {
        return 0.5 * (longTreadRateNPerM * longDeflectionM * longDeflectionM + latTreadRateNPerM * latDeflectionM * latDeflectionM);
    }

    public Material material() {
        return material;
    }
}
