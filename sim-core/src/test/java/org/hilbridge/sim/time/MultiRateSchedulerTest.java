package org.hilbridge.sim.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiRateSchedulerTest {
    @Test
    void tasksFireAtTheirOwnRatesOnTheOneKilohertzClock() {
        SimClock clock = new SimClock(SimClock.DEFAULT_STEP_NANOS);
        MultiRateScheduler s = new MultiRateScheduler();
        List<Long> imu = new ArrayList<>();
        List<Long> lidar = new ArrayList<>();
        List<Long> camera = new ArrayList<>();
        s.register("imu", SimTime.periodOfHz(200), 0, imu::add);
        s.register("lidar", SimTime.periodOfHz(10), 0, lidar::add);
        // 30 Hz does not divide 1 kHz: its period is 33.333 ms, so firings land on the next whole step.
        s.register("camera", SimTime.periodOfHz(30), 5 * SimTime.NANOS_PER_MILLI, camera::add);
        s.tick(clock.nowNanos());
        while (clock.nowNanos() + clock.stepNanos() < 10 * SimTime.NANOS_PER_SECOND) { // ticks 0 .. 9.999 s
            s.tick(clock.advance());
        }
        assertEquals(2000, imu.size());
        assertEquals(100, lidar.size());
        assertEquals(300, camera.size(), "the 30 Hz task keeps its long-run rate without drift");
        assertEquals(5_000_000L, camera.get(0));
        assertEquals(39_000_000L, camera.get(1), "33.333 ms after 5 ms is due at 38.333 ms: the 39 ms tick");
        for (int i = 1; i < imu.size(); i++) {
            assertEquals(5_000_000L, imu.get(i) - imu.get(i - 1));
        }
    }

    @Test
    void aPauseDoesNotMakeATaskFireInABurst() {
        MultiRateScheduler s = new MultiRateScheduler();
        List<Long> fired = new ArrayList<>();
        s.register("gnss", SimTime.periodOfHz(10), 0, fired::add);
        s.tick(0);
        s.tick(SimTime.NANOS_PER_SECOND); // ten periods skipped
        s.tick(SimTime.NANOS_PER_SECOND + 1);
        assertEquals(List.of(0L, SimTime.NANOS_PER_SECOND), fired);
    }

    @Test
    void badRegistrationsNameTheTaskAndValue() {
        MultiRateScheduler s = new MultiRateScheduler();
        s.register("imu", 1, 0, t -> { });
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> s.register("imu", 1, 0, t -> { }));
        assertTrue(dup.getMessage().contains("'imu'"));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> s.register("cam", 0, 0, t -> { }));
        assertTrue(zero.getMessage().contains("'cam'") && zero.getMessage().contains("0 ns"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimTime.periodOfHz(0));
    }

    @Test
    void aZeroOrNegativeStepIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimClock(0));
        assertTrue(e.getMessage().contains("physics step 0 ns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SimClock(-1_000_000));
    }
}
