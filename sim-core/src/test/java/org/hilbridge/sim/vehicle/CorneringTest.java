package org.hilbridge.sim.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.command.CommandConverter;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.terrain.RigidSurface;
import org.hilbridge.sim.vehicle.tire.TireParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cornering against the bicycle model. At low speed the path of the rear axle's midpoint has the kinematic
 * radius R = L / tan(delta) (Ackermann geometry; Gillespie, "Fundamentals of Vehicle Dynamics", 1992,
 * eq. 6-1; Rajamani, "Vehicle Dynamics and Control", 2nd ed., §2.2). At speed, in the small-slip regime,
 * the linear bicycle model gives the steady yaw rate r = v delta / (L + K v^2) with the understeer gradient
 * K = (m / L) (b / C_f - a / C_r) (Gillespie eq. 6-15 in SI units; Rajamani §3.2), where each axle's
 * cornering stiffness is twice the tire's at its static load.
 */
class CorneringTest {
    /**
     * Dry asphalt without rolling resistance: with drag off too, holding speed needs no tractive force, so
     * the axle loads stay static, as the bicycle model assumes (a tractive force would shift load rearward
     * by F h / L and change both axles' cornering stiffness).
     */
    private static final Material FRICTIONLESS_ROLLING_ASPHALT = new Material("test_asphalt",
            new RigidSurface(1.0, 10, 1.9, 0.97, 1.3, -0.5, 0.0));

    @ParameterizedTest(name = "delta = {0} rad")
    @ValueSource(doubles = {0.15, 0.3, 0.5})
    void lowSpeedTurnRadiusIsKinematic(double steeringRad) {
        VehicleParams p = VehicleParams.offRoadUtility();
        Drive d = new Drive(p, Drive.flat("dry_asphalt"));
        CommandConverter converter = new CommandConverter(p);
        AckermannCommand command = new AckermannCommand(1.0, steeringRad);
        double sumSpeed = 0;
        double sumYawRate = 0;
        for (int k = 0; k < 40_000; k++) {
            converter.convert(command, d.vehicle.forwardSpeedMps(), Drive.DT_S, d.demand);
            d.steps(1);
            if (k >= 20_000) {
                sumSpeed += rearAxleSpeedMps(d.vehicle);
                sumYawRate += d.vehicle.yawRateRadPerS();
            }
        }
        double radius = sumSpeed / sumYawRate;
        double expected = p.chassis().wheelbaseM() / Math.tan(d.vehicle.steeringAngleRad());
        System.out.printf("kinematic delta %.3f: R %.4f m, L/tan(delta) %.4f m%n", steeringRad, radius, expected);
        assertEquals(steeringRad, d.vehicle.steeringAngleRad(), 1e-12);
        assertEquals(expected, radius, 0.01 * expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"off_road_utility", "small_car"})
    void steadyCorneringAt20MpsMatchesTheLinearBicycle(String vehicleName) {
        VehicleParams p = (vehicleName.equals("small_car") ? VehicleParams.smallCar() : VehicleParams.offRoadUtility()).withAero(AeroParams.none());
        ChassisParams c = p.chassis();
        TireParams tire = p.tire();
        double g = World.STANDARD_GRAVITY_MPS2;
        double a = c.cgToFrontAxleM();
        double b = c.wheelbaseM() - a;
        double l = c.wheelbaseM();
        double frontTireLoadN = c.massKg() * g * b / l / 2;
        double rearTireLoadN = c.massKg() * g * a / l / 2;
        // Cornering stiffness per axle from the tire's parameters (Pacejka 2012, eq. 4.E25).
        double cf = 2 * tire.pKy1() * tire.nominalLoadN() * Math.sin(2 * Math.atan(frontTireLoadN / (tire.pKy2() * tire.nominalLoadN())));
        double cr = 2 * tire.pKy1() * tire.nominalLoadN() * Math.sin(2 * Math.atan(rearTireLoadN / (tire.pKy2() * tire.nominalLoadN())));
        double understeerGradient = c.massKg() / l * (b / cf - a / cr);

        double v = 20;
        for (double lateralAccel : new double[] {1.0, 2.0}) {
            double delta = (l / (v * v) + understeerGradient) * lateralAccel;
            Drive d = new Drive(p, ProceduralTerrain.plane(2000, 50, FRICTIONLESS_ROLLING_ASPHALT));
            d.vehicle.place(-900, 0, 0, v);
            CommandConverter converter = new CommandConverter(p);
            AckermannCommand command = new AckermannCommand(v, delta);
            double sumR = 0;
            double sumV = 0;
            int n = 0;
            for (int k = 0; k < 12_000; k++) {
                converter.convert(command, d.vehicle.forwardSpeedMps(), Drive.DT_S, d.demand);
                d.steps(1);
                if (k >= 10_000) {
                    sumR += d.vehicle.yawRateRadPerS();
                    sumV += d.vehicle.forwardSpeedMps();
                    n++;
                }
            }
            double r = sumR / n;
            double speed = sumV / n;
            double expectedR = speed * delta / (l + understeerGradient * speed * speed);
            double measuredK = (delta - l * r / speed) / (speed * r);
            System.out.printf("%s ay %.1f: r %.5f, bicycle %.5f (%.2f%%); K %.4e, bicycle %.4e (%.1f%%)%n", vehicleName, lateralAccel,
                    r, expectedR, 100 * (r / expectedR - 1), measuredK, understeerGradient, 100 * (measuredK / understeerGradient - 1));
            assertEquals(expectedR, r, 0.03 * expectedR);
            assertEquals(understeerGradient, measuredK, 0.03 * Math.abs(understeerGradient));
        }
    }

    private static double rearAxleSpeedMps(Vehicle v) {
        double b = v.params().chassis().cgToRearAxleM();
        Vec3 vel = v.velocityWorldMps();
        double yaw = v.yawRad();
        double r = v.yawRateRadPerS();
        // v_point = v_cg + r x (-b * heading), horizontal part
        double vx = vel.x + r * b * Math.sin(yaw);
        double vy = vel.y - r * b * Math.cos(yaw);
        return Math.hypot(vx, vy);
    }
}
