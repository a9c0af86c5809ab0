package org.hilbridge.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.sensor.imu.ImuParams;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.imu.ImuSensor;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

class ImuSensorTest {
    private static final double RATE_HZ = 200;

    private static Vehicle parked() {
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), new World(ProceduralTerrain.plane(100, 10, MaterialCatalog.standard().get("dry_asphalt"))));
        ActuatorDemand hold = new ActuatorDemand().set(0, 0.5, 0);
        for (int k = 0; k < 3000; k++) {
            v.step(hold, 0.001);
        }
        return v;
    }

    @Test
    void aLevelImuAtRestReadsPlusGOnZ() {
        Vehicle v = parked();
        ImuSensor imu = new ImuSensor("imu", "imu_link", RATE_HZ, new SensorMount(0.5, 0.2, 0.3, 0, 0, 0), ImuParams.noiseless(),
                World.STANDARD_GRAVITY_MPS2, new SeededRandom(1));
        ImuSample s = imu.sample(v, 0);
        // REP-145: accelerometers report specific force, +g upward at rest.
        assertEquals(World.STANDARD_GRAVITY_MPS2, s.accelZMps2(), 1e-6);
        assertEquals(0, s.accelXMps2(), 1e-6);
        assertEquals(0, s.accelYMps2(), 1e-6);
        assertEquals(0, s.gyroZRadPerS(), 1e-9);
        // Mounted upside down (roll 180 deg) it reads -g on its own z.
        ImuSensor flipped = new ImuSensor("imu2", "imu_link", RATE_HZ, new SensorMount(0, 0, 0, Math.PI, 0, 0), ImuParams.noiseless(),
                World.STANDARD_GRAVITY_MPS2, new SeededRandom(1));
        assertEquals(-World.STANDARD_GRAVITY_MPS2, flipped.sample(v, 0).accelZMps2(), 1e-6);
    }

    @Test
    void noiseAndAllanDeviationAtOneSecondMatchTheConfiguredDensities() {
        Vehicle v = parked();
        ImuParams p = ImuParams.adis16448();
        ImuSensor imu = new ImuSensor("imu", "imu_link", RATE_HZ, SensorMount.atBaseLink(), p, World.STANDARD_GRAVITY_MPS2, new SeededRandom(42));
        int n = (int) (RATE_HZ * 3600); // one hour of stationary data
        double[] ax = new double[n];
        double[] gz = new double[n];
        for (int k = 0; k < n; k++) {
            ImuSample s = imu.sample(v, k * 5_000_000L);
            ax[k] = s.accelXMps2();
            gz[k] = s.gyroZRadPerS();
        }
        // Per-sample standard deviation of the white part: sigma_c * sqrt(rate) (Kalibr, "IMU Noise Model").
        assertEquals(p.accelNoiseDensityMps2PerRtHz() * Math.sqrt(RATE_HZ), std(differences(ax)) / Math.sqrt(2), 0.1 * p.accelNoiseDensityMps2PerRtHz() * Math.sqrt(RATE_HZ));
        // Allan variance of white noise N plus bias random walk K at tau: N^2 / tau + K^2 tau / 3 (IEEE Std 952-1997, Annex C).
        double tau = 1.0;
        double expectedAccel = Math.sqrt(sq(p.accelNoiseDensityMps2PerRtHz()) / tau + sq(p.accelRandomWalkMps3PerRtHz()) * tau / 3);
        double expectedGyro = Math.sqrt(sq(p.gyroNoiseDensityRadPerSPerRtHz()) / tau + sq(p.gyroRandomWalkRadPerS2PerRtHz()) * tau / 3);
        assertEquals(expectedAccel, allanDeviation(ax, (int) RATE_HZ), 0.1 * expectedAccel);
        assertEquals(expectedGyro, allanDeviation(gz, (int) RATE_HZ), 0.1 * expectedGyro);
    }

    /** Overlapping Allan deviation at cluster size m samples (IEEE Std 952-1997). */
    private static double allanDeviation(double[] y, int m) {
        double[] cumulative = new double[y.length + 1];
        for (int i = 0; i < y.length; i++) {
            cumulative[i + 1] = cumulative[i] + y[i];
        }
        double sum = 0;
        int count = 0;
        for (int k = 0; k + 2 * m <= y.length; k++) {
            double a = (cumulative[k + m] - cumulative[k]) / m;
            double b = (cumulative[k + 2 * m] - cumulative[k + m]) / m;
            sum += sq(b - a);
            count++;
        }
        return Math.sqrt(sum / (2 * count));
    }

    private static double[] differences(double[] y) {
        double[] d = new double[y.length - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = y[i + 1] - y[i];
        }
        return d;
    }

    private static double std(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double s = 0;
        for (double v : y) {
            s += sq(v - mean);
        }
        return Math.sqrt(s / y.length);
    }

    private static double sq(double x) {
        return x * x;
    }
}
