package org.hilbridge.sim.vehicle.tire;

import org.hilbridge.sim.terrain.MagicFormula;
import org.hilbridge.sim.terrain.RigidSurface;

/**
 * Tire forces on a rigid surface: Pacejka's Magic Formula (eq. 4.49 of "Tire and Vehicle Dynamics", 3rd ed.,
 * 2012) in each direction, combined by normalised slip (the similarity approach of Pacejka §4.3.2): each slip
 * is scaled by the slip at its own peak, the combined force follows the pure-slip curve at the combined
 * normalised slip, and it is shared out in the direction of the normalised slip vector. Pure slip is
 * reproduced exactly. The slip ratio is limited to [-1, 1], the range the formula's coefficients are fitted
 * over: beyond it a spinning or locked wheel is simply sliding.
 */
public final class MagicFormulaTire {
    private final TireParams tire;

    public MagicFormulaTire(TireParams tire) {
        this.tire = tire;
    }

    /**
     * @param slipRatio     kappa = (omega R - vx) / |vx| (or its relaxed counterpart); used within [-1, 1]
     * @param slipAngleRad  alpha, signed so that positive alpha gives positive lateral force
     */
    public void forces(RigidSurface surface, double fzN, double slipRatio, double slipAngleRad, TireForces out) {
        out.clear();
        if (fzN <= 0) {
            return;
        }
        double peakForceN = surface.peakMu() * fzN;
        double bX = surface.bX();
        // B from the cornering stiffness: K = B C D (eq. 4.E25 / 4.E26).
        double bY = tire.corneringStiffnessNPerRad(fzN) / (surface.cY() * peakForceN);
        double peakSlipX = surface.peakArgumentX() / bX;
        double peakSlipY = surface.peakArgumentY() / bY;
        double kappa = StrictMath.max(-1, StrictMath.min(1, slipRatio));
        double sX = kappa / peakSlipX;
        double sY = slipAngleRad / peakSlipY;
        double s = StrictMath.sqrt(sX * sX + sY * sY);
        if (s > 0) {
            double fx = MagicFormula.value(s * peakSlipX, bX, surface.cX(), peakForceN, surface.eX());
            double fy = MagicFormula.value(s * peakSlipY, bY, surface.cY(), peakForceN, surface.eY());
            out.longitudinalN = fx * (sX / s);
            out.lateralN = fy * (sY / s);
        }
        out.rollingResistanceMomentNm = surface.rollingResistanceCoeff() * fzN * tire.radiusM();
        out.frictionLimitN = peakForceN;
        out.longSlipStiffnessN = bX * surface.cX() * peakForceN; // B C D, the slope at zero slip
        out.latSlipStiffnessNPerRad = bY * surface.cY() * peakForceN;
    }
}
