package org.hilbridge.sim.vehicle;

import static org.hilbridge.sim.param.ParamChecks.requireInRange;
import static org.hilbridge.sim.param.ParamChecks.requirePositive;

/**
 * The sprung body, as a rigid body with its centre of gravity (CG) as the origin of base_link's axes
 * (REP-103: x forward, y left, z up). The unsprung masses are lumped in.
 *
 * @param massKg              total mass
 * @param rollInertiaKgM2     moment of inertia about the body x axis through the CG
 * @param pitchInertiaKgM2    about y
 * @param yawInertiaKgM2      about z
 * @param wheelbaseM          front to rear axle
 * @param cgToFrontAxleM      CG to front axle, measured along x (the CG to rear axle is the remainder)
 * @param trackWidthM         left to right wheel centre, both axles
 * @param cgHeightM           CG above flat ground at static equilibrium
 * @param bodyLengthM         collision box length, centred between the axles
 * @param bodyWidthM          collision box width
 * @param bodyHeightM         collision box height above the ground
 */
public record ChassisParams(double massKg, double rollInertiaKgM2, double pitchInertiaKgM2, double yawInertiaKgM2,
                            double wheelbaseM, double cgToFrontAxleM, double trackWidthM, double cgHeightM,
                            double bodyLengthM, double bodyWidthM, double bodyHeightM) {
    public ChassisParams {
        requirePositive("chassis.massKg", massKg);
        requirePositive("chassis.rollInertiaKgM2", rollInertiaKgM2);
        requirePositive("chassis.pitchInertiaKgM2", pitchInertiaKgM2);
        requirePositive("chassis.yawInertiaKgM2", yawInertiaKgM2);
        requirePositive("chassis.wheelbaseM", wheelbaseM);
        requireInRange("chassis.cgToFrontAxleM", cgToFrontAxleM, 0, wheelbaseM);
        requirePositive("chassis.trackWidthM", trackWidthM);
        requirePositive("chassis.cgHeightM", cgHeightM);
        requirePositive("chassis.bodyLengthM", bodyLengthM);
        requirePositive("chassis.bodyWidthM", bodyWidthM);
        requirePositive("chassis.bodyHeightM", bodyHeightM);
    }

    public double cgToRearAxleM() {
        return wheelbaseM - cgToFrontAxleM;
    }
}
