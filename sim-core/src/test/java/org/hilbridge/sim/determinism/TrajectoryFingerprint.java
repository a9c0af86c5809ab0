package org.hilbridge.sim.determinism;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.vehicle.Wheel;
import org.hilbridge.sim.world.World;

/**
 * Runs a seeded drive over a seeded off-road course and hashes the full state after every step (raw bits
 * of every double), so two runs agree only if they are bit-identical. A main class, so tests can run it in
 * other JVM processes and other JDKs: {@code java -cp ... TrajectoryFingerprint SEED} prints the hash.
 */
public final class TrajectoryFingerprint {
    static final int STEPS = 8_000;

    private TrajectoryFingerprint() {
    }

    public static void main(String[] args) {
        System.out.println(Long.toHexString(of(Long.parseLong(args[0]))));
    }

    static long of(long seed) {
        RandomStreams streams = new RandomStreams(seed);
        HeightField course = ProceduralTerrain.rollingCourse(streams.stream("terrain"), 300, 1.0, MaterialCatalog.standard());
        SeededRandom driver = streams.stream("driver");
        Vehicle vehicle = new Vehicle(VehicleParams.offRoadUtility(), new World(course));
        vehicle.place(-100, 0, 0, 5);
        ActuatorDemand demand = new ActuatorDemand();
        long hash = 0xCBF29CE484222325L;
        for (int k = 0; k < STEPS; k++) {
            if (k % 500 == 0) {
                demand.set(driver.nextDouble(0, 0.6), driver.nextDouble() < 0.2 ? 0.3 : 0, driver.nextGaussian() * 0.2);
            }
            vehicle.step(demand, 0.001);
            hash = mix(hash, vehicle.xM(), vehicle.yM(), vehicle.zM());
            Rotation q = vehicle.orientation();
            hash = mix(hash, q.qw(), q.qx(), q.qy());
            hash = mix(hash, q.qz(), vehicle.steeringAngleRad(), 0);
            Vec3 v = vehicle.velocityWorldMps();
            hash = mix(hash, v.x, v.y, v.z);
            Vec3 w = vehicle.angularVelocityBodyRadPerS();
            hash = mix(hash, w.x, w.y, w.z);
            for (int i = 0; i < 4; i++) {
                Wheel wheel = vehicle.wheel(i);
                hash = mix(hash, wheel.spinRadPerS(), wheel.normalForceN(), wheel.sinkageM());
                hash = mix(hash, wheel.longitudinalForceN(), wheel.lateralForceN(), wheel.slipAngleRad());
            }
        }
        return hash;
    }

    private static long mix(long hash, double a, double b, double c) {
        hash = fnv(hash, Double.doubleToRawLongBits(a));
        hash = fnv(hash, Double.doubleToRawLongBits(b));
        return fnv(hash, Double.doubleToRawLongBits(c));
    }

    private static long fnv(long hash, long bits) {
        for (int i = 0; i < 8; i++) {
            hash ^= (bits >>> (8 * i)) & 0xFF;
            hash *= 0x100000001B3L;
        }
        return hash;
    }
}
