package org.hilbridge.sim.terrain;

import static org.hilbridge.sim.param.ParamChecks.requireInRange;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

/**
 * Tire-road friction of a rigid surface as Magic Formula shape coefficients (Pacejka, "Tire and Vehicle
 * Dynamics", 3rd ed. (2012), eq. 4.49): F = D sin(C atan(B k - E (B k - atan(B k)))), with peak D = peakMu Fz.
 *
 * <p>Longitudinal shape (bX, cX, eX) is the surface's own. Laterally the stiffness B comes from the tire's
 * cornering stiffness (the tire knows it, the road does not), so the surface gives only cY and eY.
 * Immutable; the peak positions are computed once here, not per physics step.
 */
public final class RigidSurface implements SurfaceModel {
    private final double peakMu;
    private final double bX;
    private final double cX;
    private final double eX;
    private final double cY;
    private final double eY;
    private final double rollingResistanceCoeff;
    private final double peakArgumentX;
    private final double peakArgumentY;

    /**
     * @param peakMu                 peak friction coefficient (Magic Formula D per newton of load)
     * @param bX                     longitudinal stiffness factor B
     * @param cX                     longitudinal shape factor C (> 1)
     * @param eX                     longitudinal curvature factor E (<= 1)
     * @param cY                     lateral shape factor C (> 1)
     * @param eY                     lateral curvature factor E (<= 1)
     * @param rollingResistanceCoeff rolling resistance coefficient f_r (resisting moment f_r Fz R)
     */
    public RigidSurface(double peakMu, double bX, double cX, double eX, double cY, double eY, double rollingResistanceCoeff) {
        this.peakMu = requireInRange("peakMu", peakMu, 0.01, 3);
        this.bX = requirePositive("bX", bX);
        this.cX = requireInRange("cX", cX, 1.0001, 2.5);
        this.eX = requireInRange("eX", eX, -10, 1);
        this.cY = requireInRange("cY", cY, 1.0001, 2.5);
        this.eY = requireInRange("eY", eY, -10, 1);
        this.rollingResistanceCoeff = requireInRange("rollingResistanceCoeff", rollingResistanceCoeff, 0, 1);
        this.peakArgumentX = MagicFormula.peakArgument(cX, eX);
        this.peakArgumentY = MagicFormula.peakArgument(cY, eY);
    }

    public double peakMu() {
        return peakMu;
    }

    public double bX() {
        return bX;
    }

    public double cX() {
        return cX;
    }

    public double eX() {
        return eX;
    }

    public double cY() {
        return cY;
    }

    public double eY() {
        return eY;
    }

    public double rollingResistanceCoeff() {
        return rollingResistanceCoeff;
    }

    /** B*kappa at the longitudinal peak; the peak slip ratio is this over bX. */
    public double peakArgumentX() {
        return peakArgumentX;
    }

    /** B*alpha at the lateral peak; the peak slip angle is this over the tire's lateral B. */
    public double peakArgumentY() {
        return peakArgumentY;
    }

    /** Slip ratio at which longitudinal force peaks. */
    public double peakSlipRatio() {
        return peakArgumentX / bX;
    }

    /** Friction coefficient of a locked wheel (slip ratio -1), from the shape coefficients. */
    public double slidingMu() {
        return MagicFormula.value(1.0, bX, cX, peakMu, eX);
    }

    @Override
    public String toString() {
        return "RigidSurface[peakMu=" + peakMu + ", B=" + bX + ", C=" + cX + ", E=" + eX + ", Cy=" + cY + ", Ey=" + eY
                + ", fr=" + rollingResistanceCoeff + "]";
    }
}
