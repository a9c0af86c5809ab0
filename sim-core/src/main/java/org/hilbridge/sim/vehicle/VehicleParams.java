package org.hilbridge.sim.vehicle;

import java.util.Objects;
import org.hilbridge.sim.vehicle.tire.TireParams;

/**
 * A vehicle's parameters, kept apart from its structure (as in Project Chrono's vehicle module): one
 * record per subsystem. Two presets: {@link #offRoadUtility()} and {@link #smallCar()}.
 */
public record VehicleParams(String name, ChassisParams chassis, SuspensionParams suspension, SteeringParams steering,
                            DrivetrainParams drivetrain, TireParams tire, AeroParams aero) {
    public VehicleParams {
        Objects.requireNonNull(name, "vehicle name");
        Objects.requireNonNull(chassis, "chassis");
        Objects.requireNonNull(suspension, "suspension");
        Objects.requireNonNull(steering, "steering");
        Objects.requireNonNull(drivetrain, "drivetrain");
        Objects.requireNonNull(tire, "tire");
        Objects.requireNonNull(aero, "aero");
        if (tire.radiusM() >= chassis.cgHeightM()) {
            throw new IllegalArgumentException("tire.radiusM = " + tire.radiusM() + " is not allowed: it must be below chassis.cgHeightM = " + chassis.cgHeightM());
        }
        double staticCompression = chassis.massKg() * 9.80665 / 4 / suspension.springRateNPerM();
        if (staticCompression > 0.5) {
            throw new IllegalArgumentException("suspension.springRateNPerM = " + suspension.springRateNPerM() + " is too soft for chassis.massKg = "
                    + chassis.massKg() + ": static compression would be " + staticCompression + " m (at most 0.5 m allowed)");
        }
    }

    /**
     * An off-road utility vehicle of about 1.5 t and 2.8 m wheelbase, all-wheel drive, electric: in the
     * class of a side-by-side / light utility truck. Inertias from the usual box estimates; suspension at
     * about 1.5 Hz ride frequency and 0.35 damping ratio.
     */
    public static VehicleParams offRoadUtility() {
        return new VehicleParams("off_road_utility",
                new ChassisParams(1500, 600, 2400, 2600, 2.8, 1.3, 1.6, 0.75, 4.2, 1.9, 1.9),
                new SuspensionParams(33_000, 2_500, 0.2),
                new SteeringParams(StrictMath.toRadians(35), StrictMath.toRadians(60)),
                new DrivetrainParams(DriveLayout.ALL, 350, 120_000, 9.0, 2_500, 1_800, false),
                new TireParams(0.38, 0.27, 1.6, 0.30, 0.50, 16, 1.7, 4_000, 2.5),
                new AeroParams(1.0, AeroParams.SEA_LEVEL_AIR_DENSITY_KG_PER_M3));
    }

    /** A small front-driven passenger car of about 1.2 t and 2.5 m wheelbase. */
    public static VehicleParams smallCar() {
        return new VehicleParams("small_car",
                new ChassisParams(1200, 450, 1700, 1800, 2.5, 1.0, 1.45, 0.5, 3.9, 1.7, 1.45),
                new SuspensionParams(25_000, 2_000, 0.12),
                new SteeringParams(StrictMath.toRadians(35), StrictMath.toRadians(90)),
                new DrivetrainParams(DriveLayout.FRONT, 250, 80_000, 8.0, 1_800, 1_000, false),
                new TireParams(0.30, 0.195, 0.9, 0.25, 0.40, 16, 1.7, 3_500, 2.5),
                new AeroParams(0.65, AeroParams.SEA_LEVEL_AIR_DENSITY_KG_PER_M3));
    }

    public VehicleParams withAero(AeroParams newAero) {
        return new VehicleParams(name, chassis, suspension, steering, drivetrain, tire, newAero);
    }

    public VehicleParams withDrivetrain(DrivetrainParams newDrivetrain) {
        return new VehicleParams(name, chassis, suspension, steering, newDrivetrain, tire, aero);
    }

    public VehicleParams withChassis(ChassisParams newChassis) {
        return new VehicleParams(name, newChassis, suspension, steering, drivetrain, tire, aero);
    }
}
