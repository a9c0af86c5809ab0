package org.hilbridge.sim.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hilbridge.sim.terrain.DeformableSoil;
import org.hilbridge.sim.vehicle.tire.SoftSoilTire;
import org.hilbridge.sim.vehicle.tire.TireForces;
import org.hilbridge.sim.vehicle.tire.TireParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Terramechanics against Wong, "Theory of Ground Vehicles", 4th ed. (2008): Bekker's static sinkage of a
 * rigid wheel and its compaction resistance (§2.4.1), and Janosi-Hanamoto thrust over the contact (§2.5).
 * References are written out here from the soil and tire parameters, not read back from the model.
 */
class SoftSoilTest {
    private static final double G = World.STANDARD_GRAVITY_MPS2;

    /** Bekker: z0 = (3 W / ((3 - n) (kc / b + kphi) b sqrt(D)))^(2 / (2n + 1)). */
    private static double bekkerSinkageM(DeformableSoil s, TireParams t, double loadN) {
        double n = s.sinkageExponent();
        double k = s.kcNPerMPowNPlus1() / t.widthM() + s.kphiNPerMPowNPlus2();
        return Math.pow(3 * loadN / ((3 - n) * k * t.widthM() * Math.sqrt(2 * t.radiusM())), 2 / (2 * n + 1));
    }

    /** Compaction resistance Rc = b (kc / b + kphi) z0^(n+1) / (n + 1). */
    private static double compactionResistanceN(DeformableSoil s, TireParams t, double loadN) {
        double n = s.sinkageExponent();
        double k = s.kcNPerMPowNPlus1() / t.widthM() + s.kphiNPerMPowNPlus2();
        return t.widthM() * k * Math.pow(bekkerSinkageM(s, t, loadN), n + 1) / (n + 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dry_sand", "clay"})
    void staticSinkageOfEachLoadedWheelMatchesBekker(String material) {
        VehicleParams p = VehicleParams.offRoadUtility();
        DeformableSoil soil = (DeformableSoil) Drive.MATERIALS.get(material).surface();
        Drive d = new Drive(p, Drive.flat(material));
        d.seconds(4);
        ChassisParams c = p.chassis();
        double frontLoad = c.massKg() * G * c.cgToRearAxleM() / c.wheelbaseM() / 2;
        double rearLoad = c.massKg() * G * c.cgToFrontAxleM() / c.wheelbaseM() / 2;
        for (int i = 0; i < 4; i++) {
            double load = d.vehicle.wheel(i).isFront() ? frontLoad : rearLoad;
            double expected = bekkerSinkageM(soil, p.tire(), load);
            double sinkage = d.vehicle.wheel(i).sinkageM();
            System.out.printf("%s wheel %d: sinkage %.5f m, Bekker %.5f m%n", material, i, sinkage, expected);
            assertEquals(expected, sinkage, 0.02 * expected, "wheel " + i);
        }
        assertEquals(0, d.vehicle.forwardSpeedMps(), 1e-3, "a vehicle at rest on level soil stays at rest");
    }

    @Test
    void rollingResistanceOnSandExceedsGravelAndGrowsWithLoad() {
        VehicleParams light = VehicleParams.offRoadUtility().withAero(AeroParams.none());
        VehicleParams heavy = light.withChassis(scaledMass(light.chassis(), 1.5));
        double sandLight = coastDownResistanceN(light, "dry_sand");
        double sandHeavy = coastDownResistanceN(heavy, "dry_sand");
        double gravelLight = coastDownResistanceN(light, "gravel");
        double expectedSand = 0;
        ChassisParams c = light.chassis();
        DeformableSoil sand = (DeformableSoil) Drive.MATERIALS.get("dry_sand").surface();
        for (double share : new double[] {c.cgToRearAxleM(), c.cgToFrontAxleM()}) {
            expectedSand += 2 * compactionResistanceN(sand, light.tire(), c.massKg() * G * share / c.wheelbaseM() / 2);
        }
        System.out.printf("resistance: sand %.0f N (Bekker %.0f N), sand x1.5 load %.0f N, gravel %.0f N%n",
                sandLight, expectedSand, sandHeavy, gravelLight);
        assertTrue(sandLight > 3 * gravelLight, "sand resists far more than gravel");
        assertTrue(sandHeavy > 1.3 * sandLight, "resistance grows with load");
        assertEquals(expectedSand, sandLight, 0.05 * expectedSand);
    }

    /** Resistance from a coast-down at low speed: F = (m + 4 I / R^2) a, the wheels' spin inertia included. */
    private static double coastDownResistanceN(VehicleParams p, String material) {
        Drive d = new Drive(p, Drive.flat(material));
        d.vehicle.place(-900, 0, 0, 4.0);
        d.seconds(1.0);
        double v0 = d.vehicle.forwardSpeedMps();
        d.seconds(0.5);
        double decel = (v0 - d.vehicle.forwardSpeedMps()) / 0.5;
        double r = p.tire().radiusM();
        return (p.chassis().massKg() + 4 * p.tire().wheelInertiaKgM2() / (r * r)) * decel;
    }

    private static ChassisParams scaledMass(ChassisParams c, double f) {
        return new ChassisParams(c.massKg() * f, c.rollInertiaKgM2() * f, c.pitchInertiaKgM2() * f, c.yawInertiaKgM2() * f,
                c.wheelbaseM(), c.cgToFrontAxleM(), c.trackWidthM(), c.cgHeightM(), c.bodyLengthM(), c.bodyWidthM(), c.bodyHeightM());
    }

    @Test
    void tractionOnMudSaturatesWithSlipAsJanosiHanamotoPredicts() {
        TireParams t = VehicleParams.offRoadUtility().tire();
        DeformableSoil mud = (DeformableSoil) Drive.MATERIALS.get("mud").surface();
        SoftSoilTire tire = new SoftSoilTire(t);
        TireForces out = new TireForces();
        double load = 3700;
        double z0 = bekkerSinkageM(mud, t, load);
        double contactLength = Math.sqrt(2 * t.radiusM() * z0);
        double maxThrust = t.widthM() * contactLength * mud.cohesionPa() + load * Math.tan(mud.frictionAngleRad());
        double previous = 0;
        for (double slip : new double[] {0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.95}) {
            // Wong's traction slip i = 1 - v / (omega R) is kappa / (1 + kappa) with kappa = omega R / v - 1.
            double kappa = slip / (1 - slip);
            tire.forces(mud, load, kappa, 0, out);
            double q = slip * contactLength / mud.shearModulusM();
            double expected = maxThrust * (1 - (1 - Math.exp(-q)) / q);
            System.out.printf("mud slip %.2f: thrust %.1f N, Janosi-Hanamoto %.1f N (max %.1f N)%n", slip, out.longitudinalN, expected, maxThrust);
            assertEquals(expected, out.longitudinalN, 1e-6 * maxThrust);
            assertTrue(out.longitudinalN > previous, "thrust grows with slip");
            previous = out.longitudinalN;
        }
        assertTrue(previous > 0.8 * maxThrust && previous < maxThrust, "thrust approaches (c A + W tan phi) from below");
        assertEquals(bekkerSinkageM(mud, t, load), out.sinkageM, 1e-9 * z0);
    }

    @Test
    void aVehicleOnMudPullsNoMoreThanTheSoilCanShear() {
        VehicleParams p = VehicleParams.offRoadUtility().withAero(AeroParams.none());
        DeformableSoil mud = (DeformableSoil) Drive.MATERIALS.get("mud").surface();
        Drive d = new Drive(p, Drive.flat("mud"));
        d.demand.set(1, 0, 0);
        d.seconds(0.3);
        ChassisParams c = p.chassis();
        double shearLimit = 0;
        double resistance = 0;
        for (double share : new double[] {c.cgToRearAxleM(), c.cgToFrontAxleM()}) {
            double load = c.massKg() * G * share / c.wheelbaseM() / 2;
            double z0 = bekkerSinkageM(mud, p.tire(), load);
            double contactLength = Math.sqrt(2 * p.tire().radiusM() * z0);
            shearLimit += 2 * (p.tire().widthM() * contactLength * mud.cohesionPa() + load * Math.tan(mud.frictionAngleRad()));
            resistance += 2 * compactionResistanceN(mud, p.tire(), load);
        }
        double v0 = d.vehicle.forwardSpeedMps();
        d.seconds(0.5);
        double accel = (d.vehicle.forwardSpeedMps() - v0) / 0.5;
        double netPull = c.massKg() * accel;
        System.out.printf("mud full throttle: net pull %.0f N, shear limit - compaction %.0f N, wheel slip %.2f%n",
                netPull, shearLimit - resistance, d.vehicle.wheel(0).slipRatio());
        assertTrue(netPull < shearLimit - resistance, "drawbar pull cannot exceed soil thrust minus compaction resistance");
        assertTrue(netPull > 0.5 * (shearLimit - resistance), "with the wheels spinning, thrust approaches the soil's limit");
    }
}
