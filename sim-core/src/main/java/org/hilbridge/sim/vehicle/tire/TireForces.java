package org.hilbridge.sim.vehicle.tire;

/** One tire's output for one step, in its contact frame (x along the wheel heading, y left). Reused scratch. */
public final class TireForces {
    /** Longitudinal force on the wheel, N. */
    public double longitudinalN;
    /** Lateral force on the wheel, N. */
    public double lateralN;
    /** Motion resistance (rolling resistance or soil compaction), N, >= 0; applied as a moment against spin. */
    public double motionResistanceN;
    /** Static sinkage into the ground, m (0 on rigid surfaces). */
    public double sinkageM;

    void clear() {
        longitudinalN = 0;
        lateralN = 0;
        motionResistanceN = 0;
        sinkageM = 0;
    }
}
