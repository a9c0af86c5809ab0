package org.hilbridge.sim.vehicle.tire;

import static org.hilbridge.sim.param.ParamChecks.requireInRange;
import static org.hilbridge.sim.param.ParamChecks.requireNonNegative;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

import org.hilbridge.sim.math.StrictTrig;

/**
 * A tire (all four alike). The friction belongs to the surface (see the terrain's materials); the tire
 * contributes its size, its inertia, its relaxation lengths and its cornering stiffness.
 *
 * <p>Cornering stiffness follows the Magic Formula 2002 load dependence, Pacejka, "Tire and Vehicle
 * Dynamics", 3rd ed. (2012), eq. 4.E25 without camber: K_ya = pKy1 Fz0 sin(2 atan(Fz / (pKy2 Fz0))).
 *
 * @param radiusM                   rolling radius
 * @param widthM                    tread width (the contact width on soft soil)
 * @param wheelInertiaKgM2          spin inertia of wheel, tire and the driveline share
 * @param longRelaxationLengthM     longitudinal relaxation length (Pacejka §7.2)
 * @param latRelaxationLengthM      lateral relaxation length
 * @param pKy1                      peak cornering stiffness per nominal load, 1/rad
 * @param pKy2                      load (in nominal loads) at which the stiffness peaks, halved
 * @param nominalLoadN              Fz0
 * @param lowSpeedDampingSPerM      tread damping per newton of load, for speeds under 2 m/s, s/m
 */
public record TireParams(double radiusM, double widthM, double wheelInertiaKgM2,
                         double longRelaxationLengthM, double latRelaxationLengthM,
                         double pKy1, double pKy2, double nominalLoadN, double lowSpeedDampingSPerM) {
    public TireParams {
        requirePositive("tire.radiusM", radiusM);
        requireInRange("tire.widthM", widthM, 0.01, 2 * radiusM);
        requirePositive("tire.wheelInertiaKgM2", wheelInertiaKgM2);
        requirePositive("tire.longRelaxationLengthM", longRelaxationLengthM);
        requirePositive("tire.latRelaxationLengthM", latRelaxationLengthM);
        requirePositive("tire.pKy1", pKy1);
        requirePositive("tire.pKy2", pKy2);
        requirePositive("tire.nominalLoadN", nominalLoadN);
        requireNonNegative("tire.lowSpeedDampingSPerM", lowSpeedDampingSPerM);
    }

    /** Cornering stiffness dFy/dalpha at zero slip under load {@code fzN}, N/rad (eq. 4.E25). */
    public double corneringStiffnessNPerRad(double fzN) {
        return pKy1 * nominalLoadN * StrictTrig.sin(2 * StrictMath.atan(fzN / (pKy2 * nominalLoadN)));
    }

    public double diameterM() {
        return 2 * radiusM;
    }
}
