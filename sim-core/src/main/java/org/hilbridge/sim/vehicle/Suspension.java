package org.hilbridge.sim.vehicle;

/**
 * One corner's spring-damper with a progressive bump stop. The spring is preloaded to carry the corner's
 * static load at zero deflection from the static position, so the body starts in equilibrium.
 */
public final class Suspension {
    /** Bump stop stiffness as a multiple of the spring rate. */
    private static final double BUMP_STOP_RATE_FACTOR = 20;

    private final SuspensionParams params;

    public Suspension(SuspensionParams params) {
        this.params = params;
    }

    /**
     * Force the corner pushes the wheel into the ground with, N (>= 0: a wheel in the air carries nothing).
     *
     * @param staticLoadN         the corner's share of the static weight (the spring's preload)
     * @param compressionM        compression from the static position (positive: compressed)
     * @param compressionRateMps  d/dt of the compression
     */
    public double forceN(double staticLoadN, double compressionM, double compressionRateMps) {
        double force = staticLoadN + params.springRateNPerM() * compressionM + params.damperNsPerM() * compressionRateMps;
        double overTravel = compressionM - params.bumpTravelM();
        if (overTravel > 0) {
            force += BUMP_STOP_RATE_FACTOR * params.springRateNPerM() * overTravel;
        }
        return force > 0 ? force : 0;
    }

    /** Potential energy stored in the spring (preload included) relative to its free length, J. */
    public double springEnergyJ(double staticLoadN, double compressionM) {
        double k = params.springRateNPerM();
        double x = staticLoadN / k + compressionM;
        if (x <= 0) {
            return 0;
        }
        double e = 0.5 * k * x * x;
        double overTravel = compressionM - params.bumpTravelM();
        if (overTravel > 0) {
            e += 0.5 * BUMP_STOP_RATE_FACTOR * k * overTravel * overTravel;
        }
        return e;
    }
}
