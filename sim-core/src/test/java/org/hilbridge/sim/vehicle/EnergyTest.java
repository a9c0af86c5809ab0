package org.hilbridge.sim.vehicle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A free coast (no throttle, no brake) on flat ground has only dissipative forces (tire slip, rolling
 * resistance, dampers, drag), so its mechanical energy must never rise (work-energy theorem). Checked at
 * every step, to within a billionth of the starting energy for rounding. The steering cases go from a
 * gentle arc to a slide that lifts the inside wheels; at larger angles this tall vehicle rolls over (see
 * {@link Vehicle#isOverturned()}), which the model does not follow.
 */
class EnergyTest {
    @ParameterizedTest(name = "steering {0} rad")
    @ValueSource(doubles = {0.0, 0.05, -0.1})
    void freeCoastNeverGainsEnergy(double steeringRad) {
        VehicleParams p = VehicleParams.offRoadUtility();
        Drive d = new Drive(p, Drive.flat("dry_asphalt"));
        d.vehicle.place(-900, 0, 0, 20);
        d.demand.set(0, 0, steeringRad);
        double start = d.vehicle.mechanicalEnergyJ();
        double previous = start;
        double worstRiseJ = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 20_000; k++) {
            d.steps(1);
            double e = d.vehicle.mechanicalEnergyJ();
            worstRiseJ = Math.max(worstRiseJ, e - previous);
            assertTrue(e <= previous + 1e-9 * start, "energy rose by " + (e - previous) + " J at step " + k);
            previous = e;
        }
        System.out.printf("coast steering %.2f: energy %.0f J -> %.0f J, largest one-step change %.3g J%n", steeringRad, start, previous, worstRiseJ);
        assertTrue(previous < start, "a coast loses energy");
        assertTrue(!d.vehicle.isOverturned(), "stays on its wheels");
    }
}
