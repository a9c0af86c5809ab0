package org.hilbridge.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hilbridge.sim.sensor.odometry.OdometrySample;
import org.hilbridge.sim.sensor.odometry.WheelOdometrySensor;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

class WheelOdometryTest {
    /** Drives straight for {@code seconds} at {@code throttle}; returns {odometry distance, true distance}. */
    private static double[] straightRun(String material, double throttle, double seconds) {
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), new World(ProceduralTerrain.plane(2000, 50, MaterialCatalog.standard().get(material))));
        v.place(-900, 0, 0, 0);
        WheelOdometrySensor odo = new WheelOdometrySensor("odom", "odom", "base_link", 50);
        ActuatorDemand d = new ActuatorDemand().set(throttle, 0, 0);
        OdometrySample s = odo.sample(v, 0);
        int steps = (int) Math.round(seconds * 1000);
        for (int k = 1; k <= steps; k++) {
            v.step(d, 0.001);
            if (k % 20 == 0) {
                s = odo.sample(v, k * 1_000_000L);
            }
        }
        return new double[] {Math.hypot(s.xM(), s.yM()), Math.hypot(v.xM() + 900, v.yM())};
    }

    @Test
    void onAGentleNoSlipRunOdometryMatchesGroundTruth() {
        double[] r = straightRun("dry_asphalt", 0.08, 20);
        System.out.printf("asphalt: odometry %.3f m, truth %.3f m%n", r[0], r[1]);
        assertTrue(r[1] > 50, "it moved: " + r[1]);
        assertEquals(r[1], r[0], 0.005 * r[1]);
    }

    @Test
    void onMudUnderFullThrottleTheSpinningWheelsMakeItDrift() {
        double[] r = straightRun("mud", 1.0, 10);
        System.out.printf("mud: odometry %.3f m, truth %.3f m%n", r[0], r[1]);
        assertTrue(r[0] > 1.2 * r[1], "wheel slip inflates odometry: " + r[0] + " vs " + r[1]);
    }
}
