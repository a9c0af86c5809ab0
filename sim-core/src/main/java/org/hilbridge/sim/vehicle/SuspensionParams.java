package org.hilbridge.sim.vehicle;

import static org.hilbridge.sim.param.ParamChecks.requireNonNegative;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

/**
 * One corner's spring-damper (all four alike). The spring's preload carries the static corner load, so at
 * static equilibrium the body sits at {@link ChassisParams#cgHeightM()}.
 *
 * @param springRateNPerM   wheel-rate of the spring (tire vertical compliance lumped in)
 * @param damperNsPerM      damping at the wheel
 * @param bumpTravelM       compression beyond the static position at which the bump stop engages
 */
public record SuspensionParams(double springRateNPerM, double damperNsPerM, double bumpTravelM) {
    public SuspensionParams {
        requirePositive("suspension.springRateNPerM", springRateNPerM);
        requireNonNegative("suspension.damperNsPerM", damperNsPerM);
        requirePositive("suspension.bumpTravelM", bumpTravelM);
    }
}
