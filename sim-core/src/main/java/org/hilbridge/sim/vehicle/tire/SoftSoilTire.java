package org.hilbridge.sim.vehicle.tire;

import org.hilbridge.sim.math.StrictPow;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.terrain.DeformableSoil;

/**
 * A tire on deformable soil, treated as a rigid wheel (valid when the soil is much softer than the tire,
 * Wong, "Theory of Ground Vehicles", 4th ed. (2008), §2.4):
 * <ul>
 * <li>static sinkage of a rigid wheel of diameter D and width b under load W (Bekker, Wong §2.4.1):
 *     z0 = (3 W / ((3 - n) (kc / b + kphi) b sqrt(D)))^(2 / (2 n + 1));</li>
 * <li>compaction resistance, the work of pressing a rut of depth z0 (Wong §2.4.1):
 *     Rc = b (kc / b + kphi) z0^(n+1) / (n + 1), a force against the wheel's travel, so the drawbar pull is
 *     thrust minus Rc as in Wong's analysis;</li>
 * <li>shear-limited thrust by Janosi-Hanamoto over a contact of length l = sqrt(D z0) and area A = b l with
 *     uniform pressure (Wong §2.5 for the integral): F = (A c + W tan phi) (1 - K / (i l) (1 - exp(-i l / K))),
 *     where the slip i is |omega R - vx| / max(|omega R|, |vx|) (Wong's slip in traction, skid in braking).</li>
 * </ul>
 * Lateral shear uses the same law with the slip vector (i, tan alpha) and shares the force along it.
 */
public final class SoftSoilTire {
    private final TireParams tire;
    private final double sqrtDiameter;

    public SoftSoilTire(TireParams tire) {
        this.tire = tire;
        this.sqrtDiameter = StrictMath.sqrt(tire.diameterM());
    }

    /**
     * @param slipRatio     kappa = (omega R - vx) / |vx| (or its relaxed counterpart)
     * @param slipAngleRad  alpha, signed so that positive alpha gives positive lateral force
     */
    public void forces(DeformableSoil soil, double fzN, double slipRatio, double slipAngleRad, TireForces out) {
        out.clear();
        if (fzN <= 0) {
            return;
        }
        double n = soil.sinkageExponent();
        double b = tire.widthM();
        double modulus = soil.modulus(b);
        double z0 = StrictPow.pow(3 * fzN / ((3 - n) * modulus * b * sqrtDiameter), 2 / (2 * n + 1));
        double contactLengthM = StrictMath.sqrt(tire.diameterM() * z0);
        out.sinkageM = z0;
        out.compactionResistanceN = b * modulus * StrictPow.pow(z0, n + 1) / (n + 1);
        double shearCapacityN = b * contactLengthM * soil.cohesionPa() + fzN * StrictTrig.tan(soil.frictionAngleRad());
        out.frictionLimitN = shearCapacityN;
        // Slope of the thrust at zero slip: (1 - (1 - e^-q) / q) ~ q / 2 with q = i l / K.
        out.longSlipStiffnessN = shearCapacityN * contactLengthM / (2 * soil.shearModulusM());
        out.latSlipStiffnessNPerRad = out.longSlipStiffnessN;

        // Wong's slip from kappa (with vx > 0): traction i = kappa / (1 + kappa), skid i = -kappa, at most 1.
        double iX = StrictMath.min(1, StrictMath.abs(slipRatio) / StrictMath.max(StrictMath.abs(1 + slipRatio), 1));
        double iY = StrictTrig.tan(slipAngleRad);
        double i = StrictMath.sqrt(iX * iX + iY * iY);
        if (i <= 0) {
            return;
        }
        double q = i * contactLengthM / soil.shearModulusM();
        // 1 - (1 - e^-q) / q, written with expm1 so small q keeps its precision.
        double mobilised = 1 + StrictMath.expm1(-q) / q;
        double shearN = shearCapacityN * mobilised;
        out.longitudinalN = shearN * (iX / i) * (slipRatio >= 0 ? 1 : -1);
        out.lateralN = shearN * (iY / i);
    }
}
