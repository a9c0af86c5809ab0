package org.hilbridge.sim.sensor.lidar;

import static org.hilbridge.sim.sensor.lidar.Fixtures.MS;
import static org.hilbridge.sim.sensor.lidar.Fixtures.plane;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LidarSensor#sampleUnsealed}: the same revolutions as {@link LidarSensor#sample}, bit for bit (the
 * reference is the sensor's own in-line sealing, fed the same seed and the same moving vehicle), whenever and
 * on whichever thread they are sealed; and the slicing thread allocates nothing once its buffers circulate.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnsealedRevolutionTest {
    private static final LidarParams NOISY_VLP16 = LidarParams.preset(LidarParams.VLP16);

    private static LidarSensor sensor(HeightField ground) {
        return new LidarSensor("lidar", "velodyne", new SensorMount(0.3, 0, 1.2, 0, 0, 0), NOISY_VLP16, new Scene(ground, List.of()), new SeededRandom(7));
    }

    private static Vehicle movingVehicle(HeightField ground) {
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), new World(ground));
        v.place(0, 0, 0.3, 4);
        return v;
    }

    @Test
    void sealedLateAndOutOfTurnTheRevolutionsEqualThoseSealedInLine() {
        HeightField ground = plane("grass");
        LidarSensor inLine = sensor(ground);
        LidarSensor deferred = sensor(ground);
        Vehicle a = movingVehicle(ground);
        Vehicle b = movingVehicle(ground);
        org.hilbridge.sim.vehicle.ActuatorDemand coast = new org.hilbridge.sim.vehicle.ActuatorDemand();
        List<PointCloudSample> expected = new ArrayList<>();
        List<UnsealedRevolution> held = new ArrayList<>();
        for (long t = 0; t <= 500 * MS; t += MS) {
            PointCloudSample s = inLine.sample(a, t);
            if (s != null) {
                expected.add(s);
            }
            UnsealedRevolution r = deferred.sampleUnsealed(b, t);
            if (r != null) {
                held.add(r); // kept unsealed: the sensor must fill fresh buffers meanwhile
            }
            a.step(coast, 1e-3);
            b.step(coast, 1e-3);
        }
        assertEquals(5, expected.size());
        assertEquals(5, held.size());
        for (int k = held.size() - 1; k >= 0; k--) { // sealed last first
            PointCloudSample want = expected.get(k);
            UnsealedRevolution r = held.get(k);
            assertEquals(want.sequence(), r.sequence());
            assertEquals(want.captureNanos(), r.captureNanos());
            assertEquals(want.x().length, r.pointCount());
            PointCloudSample got = r.seal();
            assertTrue(got.x().length > 1000, "the plane is seen: " + got.x().length + " points");
            assertArrayEquals(want.x(), got.x());
            assertArrayEquals(want.y(), got.y());
            assertArrayEquals(want.z(), got.z());
            assertArrayEquals(want.intensity(), got.intensity());
            assertArrayEquals(want.ring(), got.ring());
            assertArrayEquals(want.timeOffsetS(), got.timeOffsetS());
            assertArrayEquals(want.semanticClassId(), got.semanticClassId());
            assertEquals(want.frameId(), got.frameId());
        }
        IllegalStateException twice = assertThrows(IllegalStateException.class, held.get(0)::seal);
        assertTrue(twice.getMessage().contains("sealed already"), twice.getMessage());
    }

    /** A count, not a timing: ThreadMXBean's allocated bytes of the slicing thread over 20 revolutions after warm-up. */
    @Test
    void slicingWhileAnotherThreadSealsAllocatesNothingOnTheSlicingThread() throws Exception {
        HeightField ground = plane("grass");
        LidarSensor lidar = sensor(ground);
        Vehicle vehicle = movingVehicle(ground);
        // As PipelinedLidar does: this loop slices as fast as the CPU allows, so on a loaded machine the sealer can
        // still hold the previous set when the sensor needs the next one; without spares the sensor then makes a
        // set of its own at whatever revolution that first happens (seen after the warm-up under load 5).
        lidar.reserveSpareBuffers(2);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        ExecutorService sealer = Executors.newSingleThreadExecutor();
        try {
            long t = 0;
            long before = 0;
            Future<PointCloudSample> last = null;
            for (int revolution = 0; revolution < 40; ) {
                if (revolution == 20 && before == 0) {
                    before = threads.getCurrentThreadAllocatedBytes();
                }
                UnsealedRevolution r = lidar.sampleUnsealed(vehicle, t);
                t += MS;
                if (r != null) {
                    if (last != null) {
                        last.get(); // one in flight, as the runner's PipelinedLidar keeps it
                    }
                    last = sealer.submit(r::seal);
                    revolution++;
                }
            }
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            // Only the executor's task wrappers (this test's hand-off, ~100 B a revolution) may show; a revolution's
            // arrays are half a megabyte.
            assertTrue(bytes < 20 * 1000, "the slicing thread allocated " + bytes + " bytes over 20 revolutions");
        } finally {
            sealer.shutdownNow();
        }
    }

    /**
     * With two spare sets reserved, a sealer that is still busy with the previous revolution when the next one
     * finishes (PipelinedLidar's worst case: it waits for that one before handing the next over) never makes the
     * sensor allocate a set (~0.7 MB); without them it allocates two.
     */
    @Test
    void reservedSparesCoverASealerStillBusyWithThePreviousRevolution() {
        HeightField ground = plane("grass");
        LidarSensor lidar = sensor(ground);
        Vehicle vehicle = movingVehicle(ground);
        lidar.reserveSpareBuffers(2);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        java.util.ArrayDeque<UnsealedRevolution> behind = new java.util.ArrayDeque<>();
        long before = threads.getCurrentThreadAllocatedBytes();
        int revolutions = 0;
        long sealedBytes = 0;
        for (long t = 0; revolutions < 8; t += MS) {
            UnsealedRevolution r = lidar.sampleUnsealed(vehicle, t);
            if (r != null) {
                revolutions++;
                behind.addLast(r);
                if (behind.size() > 1) {
                    UnsealedRevolution oldest = behind.pollFirst();
                    // What sealing makes here: the seven exact-size arrays (23 B a point, 16 B array headers) and the sample.
                    sealedBytes += oldest.pointCount() * 23L + 7 * 16 + 7 * 8 + 128;
                    oldest.seal(); // sealed only once the next one has finished: two out, the sensor fills the third set
                }
            }
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        // A buffer set is 16 x 1800 x 23 B = 662 kB; the slack covers the queue's nodes and the interpreter.
        assertTrue(bytes < sealedBytes + 100_000, "the sensor allocated a buffer set of its own: " + bytes + " bytes on this thread, of which "
                + "the seven seals made about " + sealedBytes);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> lidar.reserveSpareBuffers(-1));
        assertTrue(bad.getMessage().contains("spareSets = -1"), bad.getMessage());
    }
}
