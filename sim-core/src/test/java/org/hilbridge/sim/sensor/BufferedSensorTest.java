package org.hilbridge.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.sensor.gnss.GnssParams;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.sensor.imu.ImuParams;
import org.hilbridge.sim.sensor.imu.ImuSensor;
import org.hilbridge.sim.sensor.odometry.WheelOdometrySensor;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
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

    private static Vehicle movingVehicle() {
        World world = new World(ProceduralTerrain.plane(600, 20, MaterialCatalog.standard().get("dry_asphalt")));
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), world);
        v.place(0, 0, 0.2, 3);
        return v;
    }

    private static final SensorMount MOUNT = new SensorMount(0.2, 0.1, 0.3, 0.05, -0.02, 0.1);

    private static List<Supplier<BufferedSensor>> twins() {
        return List.of(() -> new GroundTruthSensor("ground_truth", "base_link", 1000, MOUNT),
                () -> new ImuSensor("imu", "imu_link", 1000, MOUNT, ImuParams.adis16448(), 9.81, new SeededRandom(11)),
                () -> new GnssSensor("gnss", "gnss_link", 1000, MOUNT, GnssParams.standalone(48.1, 11.5, 520), new SeededRandom(12)),
                () -> new WheelOdometrySensor("wheel_odom", "odom", "base_link", 1000));
    }

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
        for (Supplier<BufferedSensor> twin : twins()) {
            BufferedSensor inLine = twin.get();
            BufferedSensor deferred = twin.get();
            Vehicle v = movingVehicle();
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

    /**
     * No reading allocates: windows of 10,000 readings after a warm-up, until one window allocates nothing (at most
     * {@value #ALLOCATION_WINDOWS}). A reading that allocated would cost at least 16 bytes each, 160 kB every window, so
     * no window would come out at 0; what one window may still see once is the JIT's own work on this thread (HotSpot
     * resolves a class's constants on the thread that first asks C2 to compile it: 104 bytes once, seen on the CI machine).
     */
    @Test
    void takingAReadingAllocatesNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Supplier<BufferedSensor> twin : twins()) {
            BufferedSensor s = twin.get();
            Vehicle v = movingVehicle();
            double[] reading = new double[s.readingLength()];
            int k = 0;
            for (; k < 20_000; k++) { // warm-up: class loading and compilation
                s.read(v, k * MS, reading);
            }
            long[] windows = new long[ALLOCATION_WINDOWS];
            int window = 0;
            do {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int end = k + 10_000; k < end; k++) {
                    s.read(v, k * MS, reading);
                }
                windows[window] = threads.getCurrentThreadAllocatedBytes() - before;
            } while (windows[window++] != 0 && window < ALLOCATION_WINDOWS);
            assertEquals(0, windows[window - 1], s.streamId() + ": bytes allocated by each window of 10000 readings: "
                    + java.util.Arrays.toString(java.util.Arrays.copyOf(windows, window)));
        }
    }

    private static final int ALLOCATION_WINDOWS = 5;
}
