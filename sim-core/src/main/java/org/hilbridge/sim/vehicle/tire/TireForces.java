package org.hilbridge.sim.vehicle.tire;

/** One tire's output for one step, in its contact frame (x along the wheel heading, y left). Reused scratch. */
public final class TireForces {
    /** Longitudinal force on the wheel, N. */
    public double longitudinalN;
    /** Lateral force on the wheel, N. */
    public double lateralN;
    /** Rolling resistance moment against the wheel's spin (rigid surfaces: f_r Fz R), N m, >= 0. */
    public double rollingResistanceMomentNm;
    /** Soil compaction resistance (Bekker), N, >= 0: a force on the wheel against its travel. */
    public double compactionResistanceN;
    /** The most ground force (longitudinal and lateral together) the contact can pass, N. */
    public double frictionLimitN;
    /** Longitudinal slip stiffness at zero slip, dFx/dkappa, N (what the tread's deflection spring rests on). */
    public double longSlipStiffnessN;
    /** Lateral slip stiffness at zero slip, dFy/dalpha, N/rad. */
    public double latSlipStiffnessNPerRad;
    /** Static sinkage into the ground, m (0 on rigid surfaces). */
    public double sinkageM;

    void clear() {
        longitudinalN = 0;
        lateralN = 0;
        rollingResistanceMomentNm = 0;
        compactionResistanceN = 0;
        frictionLimitN = 0;
        longSlipStiffnessN = 0;
        latSlipStiffnessNPerRad = 0;
        sinkageM = 0;
    }
}
