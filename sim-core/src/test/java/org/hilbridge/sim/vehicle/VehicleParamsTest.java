package org.hilbridge.sim.vehicle;

import static org.hilbridge.sim.ErrorMessages.assertMessage;

import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

class VehicleParamsTest {
    @Test
    void badParametersNameTheKeyTheValueAndTheRule() {
        ChassisParams c = VehicleParams.offRoadUtility().chassis();
        assertMessage(() -> new ChassisParams(-1500, 600, 2400, 2600, 2.8, 1.3, 1.6, 0.75, 4.2, 1.9, 1.9), "chassis.massKg = -1500.0 is not allowed: it must be a finite number > 0");
        assertMessage(() -> new ChassisParams(1500, 600, 2400, 2600, 2.8, 3.0, 1.6, 0.75, 4.2, 1.9, 1.9), "chassis.cgToFrontAxleM = 3.0");
        assertMessage(() -> new SuspensionParams(0, 1, 1), "suspension.springRateNPerM = 0.0");
        assertMessage(() -> VehicleParams.offRoadUtility().withChassis(new ChassisParams(150_000, 600, 2400, 2600, 2.8, 1.3, 1.6, 0.75, 4.2, 1.9, 1.9)),
                "too soft");
        assertMessage(() -> new Vehicle(VehicleParams.offRoadUtility(), new World(Drive.flat("grass"))).step(new ActuatorDemand(), 0),
                "physics step 0.0 s");
        assertMessage(() -> new World(Drive.flat("grass"), java.util.List.of(), -9.8), "world.gravityMps2 = -9.8");
        assertMessage(() -> new SteeringParams(Math.toRadians(80), 1), "steering.maxAngleRad");
        assertMessage(() -> new DrivetrainParams(DriveLayout.ALL, 350, -1, 9, 1, 1, false), "drivetrain.maxMotorPowerW = -1.0");
        assertMessage(() -> new org.hilbridge.sim.vehicle.tire.TireParams(0.3, 0.2, 1, 0.3, 0.5, 16, 1.7, 0, 2.5), "tire.nominalLoadN = 0.0");
        assertMessage(() -> new VehicleParams("x", c, VehicleParams.offRoadUtility().suspension(), VehicleParams.offRoadUtility().steering(),
                VehicleParams.offRoadUtility().drivetrain(), new org.hilbridge.sim.vehicle.tire.TireParams(0.9, 0.2, 1, 0.3, 0.5, 16, 1.7, 4000, 2.5),
                VehicleParams.offRoadUtility().aero()), "tire.radiusM = 0.9");
    }
}
