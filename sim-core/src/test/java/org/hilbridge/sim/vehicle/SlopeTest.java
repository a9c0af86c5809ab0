package org.hilbridge.sim.vehicle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.terrain.RigidSurface;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A braked vehicle on an incline holds while the slope's tangent is below the friction coefficient and
 * slides above it (Coulomb friction: tan(theta) <= mu; e.g. Wong, "Theory of Ground Vehicles", §3.1 on the
 * limits of traction). mu is the surface's Magic Formula peak, D / Fz.
 */
class SlopeTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"snow", "gravel", "wet_asphalt"})
    void brakedVehicleHoldsBelowTheFrictionAngleAndSlidesAbove(String material) {
        double mu = ((RigidSurface) Drive.MATERIALS.get(material).surface()).peakMu();
        double frictionAngle = Math.atan(mu);
        double held = movementM(material, 0.8 * frictionAngle);
        double slid = movementM(material, 1.2 * frictionAngle);
        System.out.printf("%s (friction angle %.1f deg): at 0.8x moved %.4f m, at 1.2x moved %.2f m%n",
                material, Math.toDegrees(frictionAngle), held, slid);
        assertTrue(held < 0.005, "holds below the friction angle, moved " + held + " m");
        assertTrue(slid > 1.0, "slides above the friction angle, moved " + slid + " m");
    }

    /** Distance moved between 1 s and 6 s after being parked, brakes full on, facing uphill. */
    private static double movementM(String material, double slopeRad) {
        Drive d = new Drive(VehicleParams.offRoadUtility(), ProceduralTerrain.slope(slopeRad, 400, 20, Drive.MATERIALS.get(material)));
        d.vehicle.place(0, 0, 0, 0);
        d.demand.set(0, 1, 0);
        d.seconds(1);
        double x = d.vehicle.xM();
        double y = d.vehicle.yM();
        double z = d.vehicle.zM();
        d.seconds(5);
        return Math.sqrt(Math.pow(d.vehicle.xM() - x, 2) + Math.pow(d.vehicle.yM() - y, 2) + Math.pow(d.vehicle.zM() - z, 2));
    }
}
