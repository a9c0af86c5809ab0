package org.hilbridge.sim.vehicle;

import static org.hilbridge.sim.param.ParamChecks.requireNonNegative;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

/**
 * Aerodynamic drag F = 1/2 rho CdA v^2 against the body's velocity.
 *
 * @param dragAreaM2          drag coefficient times frontal area (0 disables drag)
 * @param airDensityKgPerM3   air density (1.225 at sea level, ISA 15 C)
 */
public record AeroParams(double dragAreaM2, double airDensityKgPerM3) {
    public static final double SEA_LEVEL_AIR_DENSITY_KG_PER_M3 = 1.225;

    public AeroParams {
        requireNonNegative("aero.dragAreaM2", dragAreaM2);
        requirePositive("aero.airDensityKgPerM3", airDensityKgPerM3);
    }

    public static AeroParams none() {
        return new AeroParams(0, SEA_LEVEL_AIR_DENSITY_KG_PER_M3);
    }
}
