package org.hilbridge.sim.vehicle;

import static org.hilbridge.sim.param.ParamChecks.requirePositive;

import java.util.Objects;

/**
 * Motor, reduction and brakes. The motor's torque curve is that of a traction motor: constant torque up to
 * base speed, then constant power (T = min(T_max, P_max / omega)).
 *
 * @param layout                 driven axles
 * @param maxMotorTorqueNm       peak motor torque
 * @param maxMotorPowerW         peak motor power
 * @param gearRatio              motor turns per wheel turn (final drive included)
 * @param frontBrakeTorqueNm     largest brake torque at each front wheel
 * @param rearBrakeTorqueNm      largest brake torque at each rear wheel
 * @param absEnabled             anti-lock braking: regulate each braked wheel's slip at the friction peak
 */
public record DrivetrainParams(DriveLayout layout, double maxMotorTorqueNm, double maxMotorPowerW, double gearRatio,
                               double frontBrakeTorqueNm, double rearBrakeTorqueNm, boolean absEnabled) {
    public DrivetrainParams {
        Objects.requireNonNull(layout, "drivetrain.layout");
        requirePositive("drivetrain.maxMotorTorqueNm", maxMotorTorqueNm);
        requirePositive("drivetrain.maxMotorPowerW", maxMotorPowerW);
        requirePositive("drivetrain.gearRatio", gearRatio);
        requirePositive("drivetrain.frontBrakeTorqueNm", frontBrakeTorqueNm);
        requirePositive("drivetrain.rearBrakeTorqueNm", rearBrakeTorqueNm);
    }

    public DrivetrainParams withAbs(boolean enabled) {
        return new DrivetrainParams(layout, maxMotorTorqueNm, maxMotorPowerW, gearRatio, frontBrakeTorqueNm, rearBrakeTorqueNm, enabled);
    }
}
