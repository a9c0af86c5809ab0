package org.hilbridge.sim.sensor.lidar;

import static org.hilbridge.sim.ErrorMessages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hilbridge.sim.sensor.SensorMount;
import org.junit.jupiter.api.Test;

/** The presets against their datasheets (cited in {@link LidarParams}), and bad input. */
class LidarParamsTest {
    @Test
    void vlp16LasersFireInTheManualsOrderWithRingsByElevation() {
        LidarParams p = LidarParams.preset("vlp16");
        double[] elevation = new double[16];
        int[] ring = new int[16];
        for (int id = 0; id < 16; id++) {
            elevation[id] = p.elevationDeg(id);
            ring[id] = p.ring(id);
            // VLP-16 User Manual: one laser every 2.304 us within a firing sequence.
            assertEquals(id * 2.304e-6, p.firingDelayS(id), 1e-15);
        }
        // VLP-16 User Manual, laser ID and vertical angle table.
        assertArrayEquals(new double[] {-15, 1, -13, 3, -11, 5, -9, 7, -7, 9, -5, 11, -3, 13, -1, 15}, elevation);
        // velodyne_pointcloud's ring: rank by elevation, 0 = -15 deg.
        assertArrayEquals(new int[] {0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15}, ring);
        assertEquals(16, p.channels());
        assertEquals(100, p.maxRangeM());
        assertEquals(0.03, p.rangeNoiseStdDevM());
    }

    @Test
    void vlp16AzimuthStepFollowsItsSpinRate() {
        // Datasheet: 0.1 deg at 5 Hz, 0.2 deg at 10 Hz (default), 0.4 deg at 20 Hz.
        LidarParams p = LidarParams.preset("vlp16");
        assertEquals(10, p.rateHz());
        assertEquals(1800, p.columnsPerRevolution());
        assertEquals(0.2, p.azimuthStepDeg(), 1e-12);
        assertEquals(3600, p.withRateHz(5).columnsPerRevolution());
        assertEquals(0.1, p.withRateHz(5).azimuthStepDeg(), 1e-12);
        assertEquals(900, p.withRateHz(20).columnsPerRevolution());
        assertEquals(100_000_000L, p.periodNanos());
        assertEquals(50_000_000L, p.withRateHz(20).periodNanos());
    }

    @Test
    void os1x64HasUniformBeamsOver45DegreesTopFirst() {
        // Ouster OS1 datasheet, Rev 06: 64 channels, +22.5 to -22.5 deg, uniform; 1024 x 10 Hz; 120 m.
        LidarParams p = LidarParams.preset("os1_64");
        assertEquals(64, p.channels());
        assertEquals(22.5, p.elevationDeg(0), 1e-12);
        assertEquals(-22.5, p.elevationDeg(63), 1e-12);
        for (int ch = 1; ch < 64; ch++) {
            assertEquals(45.0 / 63, p.elevationDeg(ch - 1) - p.elevationDeg(ch), 1e-12);
            assertEquals(ch, p.ring(ch));
            assertEquals(0, p.firingDelayS(ch));
        }
        assertEquals(1024, p.columnsPerRevolution());
        assertEquals(10, p.rateHz());
        assertEquals(120, p.maxRangeM());
        assertEquals(2048, p.withColumns(2048).columnsPerRevolution());
        assertEquals(512, p.withColumns(512).withRateHz(20).columnsPerRevolution());
    }

    @Test
    void detectionRuleMatchesTheOs1DatasheetFor10PercentTargets() {
        // 80 % at 120 m detectable means a 10 % target is detectable to 120 sqrt(0.1 / 0.8) = 42 m; the Gen 1
        // OS1 datasheet gives 40 m for 10 %.
        LidarParams p = LidarParams.preset("os1_64");
        double limit = p.detectionRangeM() * Math.sqrt(0.1 / p.detectionReflectivity());
        assertEquals(42.4, limit, 0.1);
    }

    @Test
    void presetNamesAreListed() {
        assertEquals(List.of("vlp16", "os1_64"), LidarParams.presetNames());
    }

    @Test
    void badInputNamesTheKeyTheValueAndWhatIsAllowed() {
        LidarParams vlp = LidarParams.preset("vlp16");
        LidarParams os1 = LidarParams.preset("os1_64");
        assertMessage(() -> LidarParams.preset("hdl64"), "lidar.preset = 'hdl64' is not allowed: allowed are vlp16, os1_64");
        assertMessage(() -> LidarParams.preset(null), "lidar.preset = 'null' is not allowed: allowed are vlp16, os1_64");
        assertMessage(() -> vlp.withRateHz(0), "lidar.rate_hz = 0.0 is not allowed: it must be a finite number > 0");
        assertMessage(() -> vlp.withRateHz(-10), "lidar.rate_hz = -10.0 is not allowed: it must be a finite number > 0");
        assertMessage(() -> vlp.withRateHz(Double.NaN), "lidar.rate_hz = NaN is not allowed");
        assertMessage(() -> vlp.withRateHz(7.5), "lidar.rate_hz = 7.5 is not allowed for vlp16: allowed are 5 to 20 Hz in 1 Hz steps");
        assertMessage(() -> vlp.withRateHz(25), "lidar.rate_hz = 25.0 is not allowed for vlp16");
        assertMessage(() -> os1.withRateHz(15), "lidar.rate_hz = 15.0 is not allowed for os1_64: allowed are 10 and 20 Hz");
        assertMessage(() -> os1.withColumns(4096), "lidar.columns = 4096 is not allowed for os1_64: allowed are 512, 1024, 2048");
        assertMessage(() -> os1.withColumns(2048).withRateHz(20), "lidar.columns = 2048 with lidar.rate_hz = 20 is not allowed");
        assertMessage(() -> vlp.withColumns(1024), "lidar.columns = 1024 is not allowed for vlp16: its columns per revolution follow lidar.rate_hz");
        assertMessage(() -> vlp.withMaxRangeM(0.2), "lidar.max_range_m = 0.2 is not allowed: it must be a finite number > lidar.min_range_m (0.4)");
        assertMessage(() -> vlp.withMinRangeM(-1), "lidar.min_range_m = -1.0 is not allowed: it must be in [0, lidar.max_range_m (100.0))");
        assertMessage(() -> vlp.withRangeNoiseStdDevM(-0.01), "lidar.range_noise_m = -0.01 is not allowed: it must be a finite number >= 0");
        assertMessage(() -> vlp.withMaxIncidenceDeg(95), "lidar.max_incidence_deg = 95.0 is not allowed: it must be in (0, 90]");
        // The mount rejects NaN itself, naming the key.
        assertMessage(() -> new SensorMount(0, 0, Double.NaN, 0, 0, 0), "mount.z_m = NaN is not allowed: it must be a finite number");
        assertMessage(() -> new SensorMount(0, 0, 1.9, 0, Double.NaN, 0), "mount.pitch_rad = NaN");
    }
}
