package org.hilbridge.sim.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hilbridge.sim.terrain.RigidSurface;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Straight-line braking from 100 km/h against the particle stopping distance d = v^2 / (2 mu g)
 * (Gillespie, "Fundamentals of Vehicle Dynamics", 1992, eq. 3-4 with constant deceleration mu g; Wong,
 * "Theory of Ground Vehicles", 4th ed., §3.5). mu comes from the surface's Magic Formula coefficients: the
 * sliding value F(kappa = -1) / Fz with the wheels locked, the peak D / Fz under ABS. Drag is switched off
 * so the reference's only force is tire friction.
 */
class BrakingTest {
    private static final double SPEED_MPS = 100 / 3.6;

    @ParameterizedTest(name = "locked wheels on {0}")
    @ValueSource(strings = {"dry_asphalt", "wet_asphalt", "snow"})
    void lockedWheelsStopAtTheSlidingFrictionDistance(String material) {
        RigidSurface s = (RigidSurface) Drive.MATERIALS.get(material).surface();
        // Magic Formula at slip ratio 1 (Pacejka 2012, eq. 4.49), per newton of load.
        double b = s.bX();
        double muSliding = s.peakMu() * Math.sin(s.cX() * Math.atan(b - s.eX() * (b - Math.atan(b))));
        double distance = stoppingDistanceM(material, false);
        double expected = SPEED_MPS * SPEED_MPS / (2 * muSliding * World.STANDARD_GRAVITY_MPS2);
        System.out.printf("locked %s: %.2f m, closed form %.2f m (mu %.4f)%n", material, distance, expected, muSliding);
        assertEquals(expected, distance, 0.03 * expected);
    }

    @ParameterizedTest(name = "ABS on {0}")
    @ValueSource(strings = {"dry_asphalt", "wet_asphalt", "snow"})
    void absStopsAtThePeakFrictionDistance(String material) {
        RigidSurface s = (RigidSurface) Drive.MATERIALS.get(material).surface();
        double muPeak = s.peakMu(); // the Magic Formula's D: its maximum for C > 1
        double distance = stoppingDistanceM(material, true);
        double expected = SPEED_MPS * SPEED_MPS / (2 * muPeak * World.STANDARD_GRAVITY_MPS2);
        System.out.printf("ABS %s: %.2f m, closed form %.2f m (mu %.4f)%n", material, distance, expected, muPeak);
        assertEquals(expected, distance, 0.03 * expected);
    }

    private static double stoppingDistanceM(String material, boolean abs) {
        VehicleParams p = VehicleParams.offRoadUtility().withAero(AeroParams.none());
        p = p.withDrivetrain(p.drivetrain().withAbs(abs));
        Drive d = new Drive(p, Drive.flat(material));
        d.vehicle.place(-900, 0, 0, SPEED_MPS);
        d.demand.set(0, 1, 0);
        boolean stopped = d.until(v -> v.forwardSpeedMps() < 0.01, 60);
        if (!stopped) {
            throw new AssertionError("vehicle did not stop within 60 s on " + material);
        }
        return d.horizontalDistanceFrom(-900, 0);
    }
}
