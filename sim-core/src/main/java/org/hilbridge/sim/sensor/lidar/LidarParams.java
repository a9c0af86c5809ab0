package org.hilbridge.sim.sensor.lidar;

import java.util.List;
import java.util.Locale;

/**
 * What a rotating LiDAR is: its lasers (elevation, ring number, firing delay within a column), how fast it
 * spins and how many columns it fires per revolution, and what it can measure (range limits, range noise,
 * the weakest return it detects, the most oblique incidence it still returns from). Immutable; start from
 * a {@link #preset(String) preset} and adjust with the {@code with...} methods, which check their input
 * against what the real sensor allows and name the scenario key in their errors.
 *
 * <h2>Presets</h2>
 *
 * <p><b>{@code vlp16}</b>: Velodyne VLP-16 (Puck). Sources: VLP-16 datasheet (63-9229) and the VLP-16 User
 * Manual (63-9243): 16 lasers, elevations -15 deg to +15 deg in 2 deg steps; laser ids in firing order 0..15
 * have elevations -15, +1, -13, +3, -11, +5, -9, +7, -7, +9, -5, +11, -3, +13, -1, +15 deg (manual, "Laser ID
 * and vertical angle" table); one laser fires every 2.304 us, a 16-laser firing sequence every 55.296 us
 * (manual, "Firing timing"). Spin 300-1200 RPM in 60 RPM steps (5 to 20 Hz in 1 Hz steps), 600 RPM (10 Hz)
 * by default; azimuth resolution 0.1-0.4 deg, i.e. 0.02 deg per Hz of spin (0.2 deg at 10 Hz). Range up to
 * 100 m, range accuracy +-3 cm typical (taken as one standard deviation). The ring of a point is the laser's
 * rank by elevation, 0 = -15 deg (as the ROS velodyne_pointcloud driver numbers its {@code ring} field).
 * Minimum range 0.4 m: the default {@code min_range} of velodyne_pointcloud's VLP16_points.launch (the
 * datasheet gives none).
 *
 * <p><b>{@code os1_64}</b>: Ouster OS1-64 with uniform beam spacing. Source: Ouster OS1 datasheet, hardware
 * revision 6 ("Rev 06": 64 channels over a 45 deg vertical field of view, +22.5 to -22.5 deg, uniform
 * spacing; 512, 1024 or 2048 columns at 10 or 20 Hz with 2048 only at 10 Hz, the firmware's lidar modes;
 * range 120 m for an 80 % Lambertian target). The range repeatability of +-3 cm (1 sigma at SNR 100) and the
 * 0.8 m minimum range are those of the Gen 1 OS1 datasheet (0.8-120 m at 80 %, 0.8-40 m at 10 %
 * reflectivity). All channels of a column fire together (Ouster's measurement block carries one timestamp
 * per column); the beams' small azimuth stagger is not modelled (the cloud is the "destaggered" one). The
 * ring of a point is its channel, 0 = the top beam (+22.5 deg), as Ouster's beam_altitude_angles and the
 * ouster_ros {@code ring} field count.
 *
 * <h2>Derived rules</h2>
 *
 * <p>Columns per revolution: VLP-16 {@code round(360 / (0.02 deg * rateHz))} (1800 at 10 Hz, 3600 at 5 Hz,
 * 900 at 20 Hz), so each revolution holds a whole number of columns (the real sensor's 55.296 us firing
 * cycle gives 1808.4 at 10 Hz and drifts in phase from one revolution to the next); OS1 the configured
 * horizontal resolution.
 *
 * <p>Detection: a return is detected when its strength rho cos(theta) / R^2 (the LiDAR equation for an
 * extended Lambertian target filling the beam: reflectivity rho, incidence theta, range R; e.g. Kashani et
 * al., "A Review of LIDAR Radiometric Processing", Sensors 15(11), 2015, eq. 1-3) is at least that of the
 * datasheet's reference target: {@code detectionReflectivity} at normal incidence at {@code detectionRangeM}
 * (80 % at 120 m for the OS1; the VLP-16 datasheet names no reflectivity for its 100 m, so the same 80 %
 * convention is assumed). Check: the OS1 rule puts a 10 % target's limit at 42 m; the Gen 1 datasheet says
 * 40 m.
 */
public final class LidarParams {
    public static final String VLP16 = "vlp16";
    public static final String OS1_64 = "os1_64";
    private static final List<String> PRESETS = List.of(VLP16, OS1_64);

    /** VLP-16 User Manual: one laser fires every 2.304 us within a firing sequence. */
    static final double VLP16_FIRING_INTERVAL_S = 2.304e-6;
    /** VLP-16 datasheet: azimuth resolution 0.1-0.4 deg over 5-20 Hz, i.e. 0.02 deg per Hz. */
    static final double VLP16_AZIMUTH_DEG_PER_HZ = 0.02;
    /** Returns beyond this incidence angle are dropped (see {@link #maxIncidenceDeg()}). */
    public static final double DEFAULT_MAX_INCIDENCE_DEG = 86;

    private final String preset;
    private final double[] elevationDeg;
    private final int[] ring;
    private final double[] firingDelayS;
    private final double rateHz;
    private final int columns;
    private final double minRangeM;
    private final double maxRangeM;
    private final double rangeNoiseStdDevM;
    private final double detectionReflectivity;
    private final double detectionRangeM;
    private final double maxIncidenceDeg;

    private LidarParams(String preset, double[] elevationDeg, int[] ring, double[] firingDelayS, double rateHz, int columns,
                        double minRangeM, double maxRangeM, double rangeNoiseStdDevM, double detectionReflectivity,
                        double detectionRangeM, double maxIncidenceDeg) {
        this.preset = preset;
        this.elevationDeg = elevationDeg;
        this.ring = ring;
        this.firingDelayS = firingDelayS;
        this.rateHz = rateHz;
        this.columns = columns;
        this.minRangeM = minRangeM;
        this.maxRangeM = maxRangeM;
        this.rangeNoiseStdDevM = rangeNoiseStdDevM;
        this.detectionReflectivity = detectionReflectivity;
        this.detectionRangeM = detectionRangeM;
        this.maxIncidenceDeg = maxIncidenceDeg;
    }

    /** The names {@link #preset(String)} accepts. */
    public static List<String> presetNames() {
        return PRESETS;
    }

    /** A sensor's datasheet defaults by name ({@code lidar.preset}): {@code vlp16} or {@code os1_64}. */
    public static LidarParams preset(String name) {
        if (VLP16.equals(name)) {
            return vlp16();
        }
        if (OS1_64.equals(name)) {
            return os1x64();
        }
        throw new IllegalArgumentException("lidar.preset = '" + name + "' is not allowed: allowed are " + String.join(", ", PRESETS));
    }

    private static LidarParams vlp16() {
        double[] elevation = new double[16];
        int[] ring = new int[16];
        double[] delay = new double[16];
        for (int id = 0; id < 16; id++) {
            // Even ids fire downward from -15 deg, odd ids upward from +1 deg (manual's table).
            elevation[id] = id % 2 == 0 ? -15 + id : id;
            ring[id] = (int) ((elevation[id] + 15) / 2);
            delay[id] = id * VLP16_FIRING_INTERVAL_S;
        }
        return new LidarParams(VLP16, elevation, ring, delay, 10, vlp16Columns(10), 0.4, 100, 0.03, 0.8, 100, DEFAULT_MAX_INCIDENCE_DEG);
    }

    private static LidarParams os1x64() {
        double[] elevation = new double[64];
        int[] ring = new int[64];
        for (int ch = 0; ch < 64; ch++) {
            elevation[ch] = 22.5 - ch * 45.0 / 63;
            ring[ch] = ch;
        }
        return new LidarParams(OS1_64, elevation, ring, new double[64], 10, 1024, 0.8, 120, 0.03, 0.8, 120, DEFAULT_MAX_INCIDENCE_DEG);
    }

    private static int vlp16Columns(double rateHz) {
        return (int) Math.round(360 / (VLP16_AZIMUTH_DEG_PER_HZ * rateHz));
    }

    /**
     * The spin rate ({@code lidar.rate_hz}). VLP-16: 5 to 20 Hz in 1 Hz steps (300-1200 RPM in 60 RPM steps),
     * the azimuth step follows (0.02 deg per Hz). OS1: 10 or 20 Hz, and 20 Hz not with 2048 columns.
     */
    public LidarParams withRateHz(double newRateHz) {
        if (!(newRateHz > 0) || !Double.isFinite(newRateHz)) {
            throw new IllegalArgumentException("lidar.rate_hz = " + newRateHz + " is not allowed: it must be a finite number > 0 ("
                    + allowedRates() + ")");
        }
        if (preset.equals(VLP16)) {
            if (newRateHz < 5 || newRateHz > 20 || newRateHz != Math.rint(newRateHz)) {
                throw new IllegalArgumentException("lidar.rate_hz = " + newRateHz + " is not allowed for " + preset + ": " + allowedRates());
            }
            return copy(newRateHz, vlp16Columns(newRateHz), minRangeM, maxRangeM, rangeNoiseStdDevM, maxIncidenceDeg);
        }
        if (newRateHz != 10 && newRateHz != 20) {
            throw new IllegalArgumentException("lidar.rate_hz = " + newRateHz + " is not allowed for " + preset + ": " + allowedRates());
        }
        requireOusterMode(newRateHz, columns);
        return copy(newRateHz, columns, minRangeM, maxRangeM, rangeNoiseStdDevM, maxIncidenceDeg);
    }

    private String allowedRates() {
        return preset.equals(VLP16) ? "allowed are 5 to 20 Hz in 1 Hz steps (300-1200 RPM in 60 RPM steps)" : "allowed are 10 and 20 Hz";
    }

    /** Columns per revolution ({@code lidar.columns}): OS1 512, 1024 or 2048; the VLP-16's follow its rate. */
    public LidarParams withColumns(int newColumns) {
        if (preset.equals(VLP16)) {
            throw new IllegalArgumentException("lidar.columns = " + newColumns + " is not allowed for " + preset
                    + ": its columns per revolution follow lidar.rate_hz (0.02 deg azimuth step per Hz)");
        }
        if (newColumns != 512 && newColumns != 1024 && newColumns != 2048) {
            throw new IllegalArgumentException("lidar.columns = " + newColumns + " is not allowed for " + preset + ": allowed are 512, 1024, 2048");
        }
        requireOusterMode(rateHz, newColumns);
        return copy(rateHz, newColumns, minRangeM, maxRangeM, rangeNoiseStdDevM, maxIncidenceDeg);
    }

    private void requireOusterMode(double hz, int cols) {
        if (cols == 2048 && hz == 20) {
            throw new IllegalArgumentException("lidar.columns = 2048 with lidar.rate_hz = 20 is not allowed for " + preset
                    + ": the OS1's modes are 512x10, 512x20, 1024x10, 1024x20, 2048x10");
        }
    }

    /** Farthest range reported ({@code lidar.max_range_m}); returns beyond it are dropped. Detection sensitivity does not change. */
    public LidarParams withMaxRangeM(double m) {
        if (!(m > minRangeM) || !Double.isFinite(m)) {
            throw new IllegalArgumentException("lidar.max_range_m = " + m + " is not allowed: it must be a finite number > lidar.min_range_m (" + minRangeM + ")");
        }
        return copy(rateHz, columns, minRangeM, m, rangeNoiseStdDevM, maxIncidenceDeg);
    }

    /** Nearest range reported ({@code lidar.min_range_m}); nearer returns are dropped. */
    public LidarParams withMinRangeM(double m) {
        if (!(m >= 0 && m < maxRangeM)) {
            throw new IllegalArgumentException("lidar.min_range_m = " + m + " is not allowed: it must be in [0, lidar.max_range_m (" + maxRangeM + "))");
        }
        return copy(rateHz, columns, m, maxRangeM, rangeNoiseStdDevM, maxIncidenceDeg);
    }

    /** Standard deviation of the Gaussian range noise ({@code lidar.range_noise_m}); 0 turns noise off. */
    public LidarParams withRangeNoiseStdDevM(double m) {
        if (!(m >= 0) || !Double.isFinite(m)) {
            throw new IllegalArgumentException("lidar.range_noise_m = " + m + " is not allowed: it must be a finite number >= 0");
        }
        return copy(rateHz, columns, minRangeM, maxRangeM, m, maxIncidenceDeg);
    }

    /** Most oblique incidence still returned ({@code lidar.max_incidence_deg}), degrees from the surface normal. */
    public LidarParams withMaxIncidenceDeg(double deg) {
        if (!(deg > 0 && deg <= 90)) {
            throw new IllegalArgumentException("lidar.max_incidence_deg = " + deg + " is not allowed: it must be in (0, 90]");
        }
        return copy(rateHz, columns, minRangeM, maxRangeM, rangeNoiseStdDevM, deg);
    }

    private LidarParams copy(double hz, int cols, double minR, double maxR, double noise, double incidence) {
        return new LidarParams(preset, elevationDeg, ring, firingDelayS, hz, cols, minR, maxR, noise, detectionReflectivity, detectionRangeM, incidence);
    }

    public String preset() {
        return preset;
    }

    /** Number of lasers (channels, rings). */
    public int channels() {
        return elevationDeg.length;
    }

    /** Elevation of laser {@code laser} (in firing order), degrees above the sensor's xy plane. */
    public double elevationDeg(int laser) {
        return elevationDeg[laser];
    }

    /** Ring number of laser {@code laser} (in firing order): the {@code ring} its points carry. */
    public int ring(int laser) {
        return ring[laser];
    }

    /** When laser {@code laser} fires after its column's start, seconds. */
    public double firingDelayS(int laser) {
        return firingDelayS[laser];
    }

    /** Spin rate, revolutions per second. */
    public double rateHz() {
        return rateHz;
    }

    /** Revolution period, nanoseconds (rounded to the nanosecond). */
    public long periodNanos() {
        return Math.round(1e9 / rateHz);
    }

    public int columnsPerRevolution() {
        return columns;
    }

    public double azimuthStepDeg() {
        return 360.0 / columns;
    }

    public double minRangeM() {
        return minRangeM;
    }

    public double maxRangeM() {
        return maxRangeM;
    }

    public double rangeNoiseStdDevM() {
        return rangeNoiseStdDevM;
    }

    /** Reflectivity of the datasheet's reference target, detected at normal incidence up to {@link #detectionRangeM()}. */
    public double detectionReflectivity() {
        return detectionReflectivity;
    }

    public double detectionRangeM() {
        return detectionRangeM;
    }

    /**
     * Returns from surfaces hit more obliquely than this (angle between the beam and the surface normal) are
     * dropped: at grazing incidence the footprint smears the pulse along the range axis and real sensors
     * return nothing or garbage. 86 deg by default, not 85: 85 deg is exactly the incidence of the VLP-16's
     * -5 deg ring on level ground, where rounding alone would decide.
     */
    public double maxIncidenceDeg() {
        return maxIncidenceDeg;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LidarParams[%s, %d channels, %.0f Hz, %d columns (%.3f deg), range %.1f-%.0f m, noise %.3f m]",
                preset, channels(), rateHz, columns, azimuthStepDeg(), minRangeM, maxRangeM, rangeNoiseStdDevM);
    }
}
