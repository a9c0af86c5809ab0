package org.hilbridge.sim.terrain;

import static org.hilbridge.sim.param.ParamChecks.requireInRange;
import static org.hilbridge.sim.param.ParamChecks.requireNonNegative;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

/**
 * A deformable soil. Pressure-sinkage after Bekker as written by Wong, "Theory of Ground Vehicles", 4th ed.
 * (2008), §2.2: p = (kc / b + kphi) z^n. Shear after Janosi and Hanamoto (Wong §2.3):
 * tau = (c + p tan(phi)) (1 - exp(-j / K)).
 *
 * @param sinkageExponent      n (dimensionless)
 * @param kcNPerMPowNPlus1     kc, cohesive modulus of deformation, N/m^(n+1)
 * @param kphiNPerMPowNPlus2   kphi, frictional modulus of deformation, N/m^(n+2)
 * @param cohesionPa           c, cohesion, Pa
 * @param frictionAngleRad     phi, angle of internal shearing resistance, rad
 * @param shearModulusM        K, shear deformation modulus, m
 */
public record DeformableSoil(double sinkageExponent, double kcNPerMPowNPlus1, double kphiNPerMPowNPlus2,
                             double cohesionPa, double frictionAngleRad, double shearModulusM)
        implements SurfaceModel {
    public DeformableSoil {
        requireInRange("sinkageExponent", sinkageExponent, 0.01, 2.5);
        requireNonNegative("kcNPerMPowNPlus1", kcNPerMPowNPlus1);
        requireNonNegative("kphiNPerMPowNPlus2", kphiNPerMPowNPlus2);
        requireNonNegative("cohesionPa", cohesionPa);
        requireInRange("frictionAngleRad", frictionAngleRad, 0, StrictMath.toRadians(60));
        requirePositive("shearModulusM", shearModulusM);
        if (kcNPerMPowNPlus1 == 0 && kphiNPerMPowNPlus2 == 0) {
            throw new IllegalArgumentException("kcNPerMPowNPlus1 and kphiNPerMPowNPlus2 are both 0: a soil needs stiffness");
        }
    }

    /** Bekker's combined modulus kc / b + kphi for a contact of width {@code widthM}, N/m^(n+2). */
    public double modulus(double widthM) {
        return kcNPerMPowNPlus1 / widthM + kphiNPerMPowNPlus2;
    }
}
