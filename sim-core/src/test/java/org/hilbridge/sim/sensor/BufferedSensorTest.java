package org.hilbridge.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hilbridge.sim.OtherJvms;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BufferedSensor}: a reading taken now and sealed later (after more readings, last first, as a sealer
 * thread that fell behind would) is the sample {@link Sensor#sample} gives at that instant, bit for bit, for
 * every buffered sensor of the default set; the reference is a twin sensor (same seed, same vehicle) sampled in
 * line. A noise fault and a GNSS outage switch on half-way, so the state they read is covered too. And taking
 * a reading allocates nothing (ThreadMXBean's allocated-bytes count, not a timing).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BufferedSensorTest {
    private static final long MS = 1_000_000;
    private static final int STEPS = 400;

    /** Switches the faults the sensors read on (as the runner's fault schedule does, between readings). */
    private static void faultsOn(Sensor s) {
        if (s instanceof NoiseScalable n) {
            n.setNoiseScale(3);
        }
        if (s instanceof GnssSensor g) {
            g.setOutage(true);
        }
    }

    @Test
    void readingsSealedLateAndLastFirstEqualTheSamplesTakenInLine() {
        for (Supplier<BufferedSensor> twin : ReadingAllocation.twins()) {
            BufferedSensor inLine = twin.get();
            BufferedSensor deferred = twin.get();
            Vehicle v = ReadingAllocation.movingVehicle();
            ActuatorDemand demand = new ActuatorDemand().set(0.4, 0, 0.15);
            List<SensorSample> expected = new ArrayList<>();
            List<double[]> readings = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            for (int k = 0; k < STEPS; k++) {
                if (k == STEPS / 2) {
                    faultsOn(inLine);
                    faultsOn(deferred);
                }
                long t = k * MS;
                expected.add(inLine.sample(v, t));
                double[] reading = new double[deferred.readingLength()];
                sequences.add(deferred.read(v, t, reading));
                readings.add(reading);
                v.step(demand, 1e-3);
            }
            for (int k = STEPS - 1; k >= 0; k--) {
                SensorSample want = expected.get(k);
                SensorSample got = deferred.seal(sequences.get(k), k * MS, readings.get(k));
                assertEquals(k, got.sequence(), deferred.streamId() + ": sequence");
                assertSameSample(want, got);
            }
            if (deferred instanceof GnssSensor) {
                assertEquals(GnssSample.STATUS_NO_FIX, ((GnssSample) expected.get(STEPS - 1)).status(), "the outage is read");
            }
        }
    }

    /** Records compare their double components bit for bit (Double.compare); GNSS's covariance array by content. */
    private static void assertSameSample(SensorSample want, SensorSample got) {
        if (want instanceof GnssSample w && got instanceof GnssSample g) {
            assertEquals(w.status(), g.status());
            assertEquals(Double.doubleToRawLongBits(w.latitudeDeg()), Double.doubleToRawLongBits(g.latitudeDeg()), "latitude");
            assertEquals(Double.doubleToRawLongBits(w.longitudeDeg()), Double.doubleToRawLongBits(g.longitudeDeg()), "longitude");
            assertEquals(Double.doubleToRawLongBits(w.altitudeM()), Double.doubleToRawLongBits(g.altitudeM()), "altitude");
            assertArrayEquals(w.positionCovarianceM2(), g.positionCovarianceM2());
            assertEquals(w.covarianceType(), g.covarianceType());
            assertEquals(w.sequence(), g.sequence());
            assertEquals(w.captureNanos(), g.captureNanos());
            return;
        }
        assertEquals(want, got);
    }

    /** No reading allocates, in this JVM (see {@link ReadingAllocation} for how that is measured). */
    @Test
    void takingAReadingAllocatesNothing() {
        for (Supplier<BufferedSensor> twin : ReadingAllocation.twins()) {
            BufferedSensor s = twin.get();
            long[] windows = ReadingAllocation.readingWindows(s);
            assertEquals(0, windows[windows.length - 1], s.streamId() + ": bytes allocated by each window of 10000 readings: "
                    + Arrays.toString(windows));
        }
    }

    /**
     * Nor under any other JDK installed, and neither does a physics step: what escape analysis removes differs between
     * JDKs (before StrictTrig, Temurin 25 allocated 384 bytes a GNSS reading, 96 a wheel-odometry reading and 1168 a
     * physics step in StrictMath.sin, cos and tan, JDK 17 nothing), and the README promises any JDK 17+. A second JDK of
     * another major version is required (see OtherJvms).
     */
    @Test
    void takingAReadingOrAPhysicsStepAllocatesNothingUnderEveryJdk() throws Exception {
        OtherJvms.assertSameOutputEverywhere(String.join("\n", "ground_truth 0", "imu 0", "gnss 0", "wheel_odom 0", "physics_step 0"),
                OtherJvms.classpathOf(ReadingAllocation.class, Vehicle.class), ReadingAllocation.class);
    }
}
