package org.hilbridge.sim.sensor;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.sensor.gnss.GnssParams;
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

/**
 * What taking a reading of each buffered sensor of the default set, and a physics step, allocate on this thread
 * (ThreadMXBean's allocated-bytes count, not a timing): windows of 10,000 after a warm-up, until one window allocates
 * nothing (at most {@value #WINDOWS}). A call that allocated would cost at least 16 bytes, 160 kB a window, so no
 * window would come out at 0; what one window may still see once is the JIT's own work on this thread (HotSpot
 * resolves a class's constants on the thread that first asks C2 to compile it: 104 bytes once, seen on the CI machine).
 *
 * <p>A main class, so a test can run it under every installed JDK ({@code java -cp ... ReadingAllocation} prints one
 * line per stream, "gnss 0" where its last window allocated nothing, else the windows' bytes): what escape analysis
 * removes differs between JDKs (JDK 21+'s StrictMath.sin allocated 32 bytes a call where JDK 17's allocates nothing;
 * see StrictTrig), and CI's own JDK would not show it.
 */
public final class ReadingAllocation {
    static final long MS = 1_000_000;
    static final SensorMount MOUNT = new SensorMount(0.2, 0.1, 0.3, 0.05, -0.02, 0.1);
    private static final int WINDOWS = 5;
    private static final int WINDOW_CALLS = 10_000;
    private static final int WARM_UP_CALLS = 20_000;

    private ReadingAllocation() {
    }

    public static void main(String[] args) {
        for (Supplier<BufferedSensor> twin : twins()) {
            BufferedSensor s = twin.get();
            System.out.println(s.streamId() + " " + verdict(readingWindows(s)));
        }
        System.out.println("physics_step " + verdict(stepWindows()));
    }

    private static String verdict(long[] windows) {
        return windows[windows.length - 1] == 0 ? "0" : Arrays.toString(windows);
    }

    static Vehicle movingVehicle() {
        World world = new World(ProceduralTerrain.plane(600, 20, MaterialCatalog.standard().get("dry_asphalt")));
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), world);
        v.place(0, 0, 0.2, 3);
        return v;
    }

    /** The buffered sensors of the default set, each as a factory, so a test can make twins (same seed). */
    static List<Supplier<BufferedSensor>> twins() {
        return List.of(() -> new GroundTruthSensor("ground_truth", "base_link", 1000, MOUNT),
                () -> new ImuSensor("imu", "imu_link", 1000, MOUNT, ImuParams.adis16448(), 9.81, new SeededRandom(11)),
                () -> new GnssSensor("gnss", "gnss_link", 1000, MOUNT, GnssParams.standalone(48.1, 11.5, 520), new SeededRandom(12)),
                () -> new WheelOdometrySensor("wheel_odom", "odom", "base_link", 1000));
    }

    /** Bytes allocated by each measured window of readings of {@code s}, the last one 0 where they allocate nothing. */
    static long[] readingWindows(BufferedSensor s) {
        Vehicle v = movingVehicle();
        double[] reading = new double[s.readingLength()];
        long[] k = {0};
        return windows(() -> {
            s.read(v, k[0] * MS, reading);
            k[0]++;
        });
    }

    /** Bytes allocated by each measured window of 1 ms physics steps, driving a circle (it stays on the plane). */
    static long[] stepWindows() {
        Vehicle v = movingVehicle();
        ActuatorDemand demand = new ActuatorDemand().set(0.4, 0, 0.15);
        return windows(() -> v.step(demand, 1e-3));
    }

    private static long[] windows(Runnable call) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int k = 0; k < WARM_UP_CALLS; k++) {
            call.run();
        }
        long[] windows = new long[WINDOWS];
        int window = 0;
        do {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < WINDOW_CALLS; k++) {
                call.run();
            }
            windows[window] = threads.getCurrentThreadAllocatedBytes() - before;
        } while (windows[window++] != 0 && window < WINDOWS);
        return Arrays.copyOf(windows, window);
    }
}
