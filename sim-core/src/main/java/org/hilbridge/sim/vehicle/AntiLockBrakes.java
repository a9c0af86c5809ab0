package org.hilbridge.sim.vehicle;

/**
 * A slip-regulating anti-lock brake controller, one channel per wheel. Each channel integrates the slip
 * error against the surface's peak slip (the slip at which the Magic Formula peaks) into the brake torque
 * it lets through, never more than the driver's demand. Like a real ABS it releases below a cut-out speed.
 * It is an idealised ABS: it is told the peak slip of the surface under the wheel instead of estimating it.
 */
public final class AntiLockBrakes {
    /** Below this speed the wheels may lock (real systems cut out at a few km/h). */
    static final double CUT_OUT_SPEED_MPS = 1.5;
    /** Torque slew per unit of normalised slip error, in maximum brake torques per second. */
    private static final double GAIN_PER_S = 25;

    private final double[] appliedNm = new double[4];
    private final boolean[] active = new boolean[4];

    /**
     * The brake torque to apply at wheel {@code wheel}.
     *
     * @param demandNm       the driver's brake torque demand at this wheel
     * @param maxNm          the wheel's largest brake torque
     * @param slipRatio      measured slip ratio (negative when braking)
     * @param peakSlipRatio  magnitude of the slip at the friction peak (> 0)
     * @param speedMps       forward speed of the wheel's contact point
     */
    public double torqueNm(int wheel, double demandNm, double maxNm, double slipRatio, double peakSlipRatio,
                           double speedMps, double dtS) {
        if (demandNm <= 0 || StrictMath.abs(speedMps) < CUT_OUT_SPEED_MPS || !(peakSlipRatio > 0)) {
            active[wheel] = false;
            appliedNm[wheel] = demandNm;
            return demandNm;
        }
        if (!active[wheel]) {
            // Start from the full demand and let the slip error cut it back, as a hydraulic ABS does.
            active[wheel] = true;
            appliedNm[wheel] = demandNm;
        }
        // Positive when the wheel slips less than the peak slip, so more torque is allowed.
        double error = (slipRatio * StrictMath.signum(speedMps) + peakSlipRatio) / peakSlipRatio;
        double next = appliedNm[wheel] + dtS * GAIN_PER_S * error * maxNm;
        appliedNm[wheel] = StrictMath.max(0, StrictMath.min(demandNm, next));
        return appliedNm[wheel];
    }
}
