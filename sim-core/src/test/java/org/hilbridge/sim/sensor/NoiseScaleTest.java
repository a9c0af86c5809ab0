package org.hilbridge.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.sensor.gnss.GnssParams;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.sensor.imu.ImuParams;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.imu.ImuSensor;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

/**
 * The sensor_noise hook ({@link NoiseScalable}): a factor k multiplies each noise term (Gaussian noise
 * k sigma N(0, 1) is N(0, (k sigma)^2)), draws the same random numbers whatever k, and a factor of 1 leaves
 * the samples bit-identical to a sensor never scaled.
 */
class NoiseScaleTest {
    private static final double LAT = 48.137;
    private static final double LON = 11.575;

    private static Vehicle parked() {
        return new Vehicle(VehicleParams.offRoadUtility(), new World(ProceduralTerrain.plane(100, 10, MaterialCatalog.standard().get("grass"))));
    }

    @Test
    void gnssNoiseScalesByTheFactorWithTheSameDrawsAndReturnsToTheSameNumbers() {
        Vehicle v = parked();
        GnssParams p = new GnssParams(LAT, LON, 0, 2.0, 4.0);
        GnssSensor clean = new GnssSensor("gnss", "gnss_link", 10, SensorMount.atBaseLink(), p, new SeededRandom(3));
        GnssSensor scaled = new GnssSensor("gnss", "gnss_link", 10, SensorMount.atBaseLink(), p, new SeededRandom(3));
        GnssSensor truth = new GnssSensor("gnss", "gnss_link", 10, SensorMount.atBaseLink(), p, new SeededRandom(3));
        truth.setNoiseScale(0);
        for (int i = 0; i < 50; i++) {
            boolean inFault = i >= 10 && i < 30;
            scaled.setNoiseScale(inFault ? 5 : 1);
            GnssSample c = clean.sample(v, i * 100_000_000L);
            GnssSample s = scaled.sample(v, i * 100_000_000L);
            GnssSample t = truth.sample(v, i * 100_000_000L);
            if (inFault) {
                // Latitude and altitude offsets from the truth are 5 times the clean ones, to the linearity of the
                // geodetic conversion over tens of metres (relative 1e-4; the tangent plane curves by millimetres).
                double dLat = c.latitudeDeg() - t.latitudeDeg();
                assertEquals(5 * dLat, s.latitudeDeg() - t.latitudeDeg(), 1e-4 * Math.abs(5 * dLat), "#" + i);
                assertEquals(5 * (c.altitudeM() - t.altitudeM()), s.altitudeM() - t.altitudeM(), 1e-3, "#" + i);
                assertEquals(c.positionCovarianceM2()[0], s.positionCovarianceM2()[0], "the reported covariance stays as configured");
            } else {
                // Factor 1 is the clean sensor to the bit, before the fault and after it (the draws stayed in step).
                assertEquals(c.latitudeDeg(), s.latitudeDeg(), 0, "#" + i);
                assertEquals(c.longitudeDeg(), s.longitudeDeg(), 0, "#" + i);
                assertEquals(c.altitudeM(), s.altitudeM(), 0, "#" + i);
            }
        }
    }

    @Test
    void imuWhiteNoiseScalesByTheFactor() {
        Vehicle v = parked();
        ImuParams p = ImuParams.adis16448();
        ImuSensor clean = new ImuSensor("imu", "imu_link", 100, SensorMount.atBaseLink(), p, 9.81, new SeededRandom(5));
        ImuSensor scaled = new ImuSensor("imu", "imu_link", 100, SensorMount.atBaseLink(), p, 9.81, new SeededRandom(5));
        ImuSensor truth = new ImuSensor("imu", "imu_link", 100, SensorMount.atBaseLink(), p, 9.81, new SeededRandom(5));
        scaled.setNoiseScale(4);
        truth.setNoiseScale(0);
        for (int i = 0; i < 20; i++) {
            ImuSample c = clean.sample(v, i * 10_000_000L);
            ImuSample s = scaled.sample(v, i * 10_000_000L);
            ImuSample t = truth.sample(v, i * 10_000_000L);
            // Same draws: the deviation from the noiseless reading (white noise plus the bias walk, both scaled) is 4x.
            assertEquals(4 * (c.accelYMps2() - t.accelYMps2()), s.accelYMps2() - t.accelYMps2(), 1e-12, "#" + i);
            assertEquals(4 * (c.gyroZRadPerS() - t.gyroZRadPerS()), s.gyroZRadPerS() - t.gyroZRadPerS(), 1e-12, "#" + i);
            assertEquals(c.accelVarianceMps2Sq(), s.accelVarianceMps2Sq(), "the reported variance stays as configured");
        }
        assertThrows(IllegalArgumentException.class, () -> scaled.setNoiseScale(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scaled.setNoiseScale(Double.NaN));
        assertTrue(e.getMessage().contains("imu: noise scale NaN is not allowed: it must be a finite number >= 0"), e.getMessage());
    }
}
