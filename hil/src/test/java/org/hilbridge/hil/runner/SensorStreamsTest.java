package org.hilbridge.hil.runner;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.junit.jupiter.api.Test;

/** The off-road scenario's sensor set through the runner: every stream at its rate, the GNSS outage fault seen on the wire. */
class SensorStreamsTest {
    @Test
    void everyStreamArrivesAtItsRateAndAGnssOutageShowsAsNoFix() throws Exception {
        Scenario s = new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/offroad_course.yaml"),
                List.of("duration_s=10", "faults(0).kind=gnss_outage", "faults(0).at_s=4", "faults(0).duration_s=2"));
        Runner r = new Runner(s, TestScenarios.config("fast"), new PrintStream(OutputStream.nullOutputStream()));
        r.attachSynchronous(TestScenarios.follower(s, 4));
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        AtomicLong noFix = new AtomicLong();
        AtomicLong lidarPoints = new AtomicLong();
        r.attach(TestScenarios.sink("counter", sample -> {
            counts.computeIfAbsent(sample.streamId(), k -> new AtomicLong()).incrementAndGet();
            if (sample instanceof PointCloudSample p) {
                lidarPoints.addAndGet(p.pointCount());
            }
            if (sample instanceof GnssSample g && g.status() == GnssSample.STATUS_NO_FIX) {
                noFix.incrementAndGet();
                assertTrue(g.captureNanos() >= 4_000_000_000L && g.captureNanos() < 6_000_000_000L, "no fix only inside the window");
            }
        }), 10_000);
        RunSummary sum = r.run();
        // A LiDAR revolution is published when it completes: 99 full ones end within 10 s at 10 Hz.
        assertEquals(Map.of("ground_truth", 500L, "imu", 2000L, "gnss", 100L, "wheel_odom", 500L, "lidar", 99L),
                Map.of("ground_truth", counts.get("ground_truth").get(), "imu", counts.get("imu").get(), "gnss", counts.get("gnss").get(),
                        "wheel_odom", counts.get("wheel_odom").get(), "lidar", counts.get("lidar").get()));
        assertTrue(lidarPoints.get() > 99 * 5000, "VLP-16 sweeps over rolling ground return thousands of points each: " + lidarPoints.get());
        assertEquals(20, noFix.get(), "10 Hz for 2 s");
        assertEquals(0L, sum.sinkDrops().get("counter"));
    }
}
