package org.hilbridge.sim.command;

import static org.hilbridge.sim.ErrorMessages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

class CommandConverterTest {
    private final VehicleParams params = VehicleParams.offRoadUtility();

    @Test
    void normalizedCommandsMapStraightThrough() {
        ActuatorDemand d = new CommandConverter(params).convert(new NormalizedCommand(0.4, 0.1, -0.5), 3, 0.001, new ActuatorDemand());
        assertEquals(0.4, d.throttle());
        assertEquals(0.1, d.brake());
        assertEquals(-0.5 * params.steering().maxAngleRad(), d.steeringAngleRad(), 1e-15);
    }

    @Test
    void twistYawRateBecomesTheKinematicBicycleAngle() {
        CommandConverter c = new CommandConverter(params);
        ActuatorDemand d = c.convert(new TwistCommand(5, 0.5), 5, 0.001, new ActuatorDemand());
        // r = v tan(delta) / L  =>  delta = atan(L r / v) (Rajamani 2012, eq. 2.27 with beta = 0 at the rear axle)
        assertEquals(Math.atan(2.8 * 0.5 / 5), d.steeringAngleRad(), 1e-12);
        ActuatorDemand back = c.convert(new TwistCommand(-5, 0.5), -5, 0.001, new ActuatorDemand());
        assertEquals(-Math.atan(2.8 * 0.5 / 5), back.steeringAngleRad(), 1e-12);
    }

    @Test
    void aSpeedTargetIsReachedAndHeldOnTheRealVehicle() {
        Vehicle v = new Vehicle(params, new World(ProceduralTerrain.plane(2000, 50, MaterialCatalog.standard().get("dry_asphalt"))));
        v.place(-900, 0, 0, 0);
        CommandConverter c = new CommandConverter(params);
        ActuatorDemand d = new ActuatorDemand();
        AckermannCommand cmd = new AckermannCommand(10, 0);
        for (int k = 0; k < 20_000; k++) {
            c.convert(cmd, v.forwardSpeedMps(), 0.001, d);
            v.step(d, 0.001);
        }
        assertEquals(10, v.forwardSpeedMps(), 0.05);
        AckermannCommand stop = new AckermannCommand(0, 0);
        for (int k = 0; k < 15_000; k++) {
            c.convert(stop, v.forwardSpeedMps(), 0.001, d);
            v.step(d, 0.001);
        }
        assertEquals(0, v.forwardSpeedMps(), 0.01);
        assertTrue(d.brake() > 0, "holds with the brake at rest");
    }

    @Test
    void outOfRangeFieldsAreNamed() {
        assertMessage(() -> new NormalizedCommand(1.5, 0, 0), "throttle = 1.5");
        assertMessage(() -> new NormalizedCommand(0, -0.1, 0), "brake = -0.1");
        assertMessage(() -> new AckermannCommand(Double.NaN, 0), "speedMps = NaN");
        assertMessage(() -> new TwistCommand(1, 99), "yawRateRadPerS = 99.0");
        assertMessage(() -> new ActuatorDemand().set(0, 2, 0), "brake = 2.0");
    }
}
