package org.hilbridge.hil.scenario;

import static org.hilbridge.hil.config.ValueRule.anyNumber;
import static org.hilbridge.hil.config.ValueRule.bool;
import static org.hilbridge.hil.config.ValueRule.closed;
import static org.hilbridge.hil.config.ValueRule.integer;
import static org.hilbridge.hil.config.ValueRule.name;
import static org.hilbridge.hil.config.ValueRule.nonNegative;
import static org.hilbridge.hil.config.ValueRule.number;
import static org.hilbridge.hil.config.ValueRule.oneOf;
import static org.hilbridge.hil.config.ValueRule.positive;
import static org.hilbridge.hil.config.ValueRule.text;

import java.util.List;
import org.hilbridge.hil.config.KeySchema;
import org.hilbridge.hil.config.ValueRule;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.MaterialCatalog;

/**
 * The scenario file's keys and the rule of each (launch/scenarios/README.md documents them). Rules here are
 * per key; rules that relate keys (a slope needs slope_deg, a goal criterion needs a goal, positions on the
 * terrain) are checked where the scenario is assembled.
 */
final class ScenarioKeys {
    private ScenarioKeys() {
    }

    static final List<String> TERRAIN_TYPES = List.of("plane", "slope", "rolling", "file");
    static final List<String> VEHICLE_MODELS = List.of("off_road_utility", "small_car");
    static final List<String> OBSTACLE_TYPES = List.of("box", "cylinder");
    static final List<String> CONDITIONS = List.of("clear", "rain", "snow", "fog", "night");
    static final List<String> SURFACES = List.of("auto", "dry", "wet", "snow");

    /** Rigid-surface overrides of a custom material: Magic Formula shape and rolling resistance (see RigidSurface). */
    static final List<String> RIGID_KEYS = List.of("peak_mu", "b_x", "c_x", "e_x", "c_y", "e_y", "rolling_resistance_coeff");
    /** Soil overrides, in Wong's table units (Theory of Ground Vehicles, Table 2.3), as MaterialCatalog takes them. */
    static final List<String> SOIL_KEYS = List.of("sinkage_exponent", "kc_kn_per_m_pow_n_plus_1", "kphi_kn_per_m_pow_n_plus_2",
            "cohesion_kpa", "friction_angle_deg", "shear_modulus_m");

    /** Each sensor type's own keys (beside name, type, rate_hz, frame_id, mount), with their rules. */
    static final java.util.Map<String, java.util.Map<String, ValueRule>> SENSOR_OPTIONS = java.util.Map.of(
            "ground_truth", java.util.Map.of(),
            "imu", java.util.Map.of(
                    "accel_noise_density_mps2_rthz", nonNegative(),
                    "accel_random_walk_mps3_rthz", nonNegative(),
                    "gyro_noise_density_radps_rthz", nonNegative(),
                    "gyro_random_walk_radps2_rthz", nonNegative()),
            "gnss", java.util.Map.of(
                    "origin_lat_deg", closed(-90, 90),
                    "origin_lon_deg", closed(-180, 180),
                    "origin_alt_m", closed(-10_000, 10_000),
                    "horizontal_noise_m", nonNegative(),
                    "vertical_noise_m", nonNegative()),
            "wheel_odometry", java.util.Map.of(
                    "child_frame_id", name()),
            "camera", java.util.Map.ofEntries(
                    java.util.Map.entry("width_px", integer(1, 16_384)),
                    java.util.Map.entry("height_px", integer(1, 16_384)),
                    java.util.Map.entry("horizontal_fov_deg", anyNumber()),
                    java.util.Map.entry("fx_px", anyNumber()),
                    java.util.Map.entry("fy_px", anyNumber()),
                    java.util.Map.entry("cx_px", anyNumber()),
                    java.util.Map.entry("cy_px", anyNumber()),
                    java.util.Map.entry("k1", anyNumber()),
                    java.util.Map.entry("k2", anyNumber()),
                    java.util.Map.entry("p1", anyNumber()),
                    java.util.Map.entry("p2", anyNumber()),
                    java.util.Map.entry("k3", anyNumber()),
                    java.util.Map.entry("near_m", positive()),
                    java.util.Map.entry("far_m", positive()),
                    java.util.Map.entry("sun_azimuth_deg", anyNumber()),
                    java.util.Map.entry("sun_elevation_deg", closed(-90, 90)),
                    // Terrain level of detail (CameraRenderer, TerrainLod): px of projected error, 0 = full detail.
                    java.util.Map.entry("lod_tolerance_px", nonNegative())),
            "lidar", java.util.Map.of(
                    "preset", oneOf(org.hilbridge.sim.sensor.lidar.LidarParams.presetNames()),
                    "columns", integer(1, 100_000),
                    "max_range_m", positive(),
                    "min_range_m", nonNegative(),
                    "range_noise_std_m", nonNegative(),
                    "max_incidence_deg", number(0, false, 90, true)));

    /** Every sensor option key, of any type, sorted. */
    static final java.util.SortedSet<String> SENSOR_OPTION_KEYS = sensorOptionKeys();

    private static java.util.SortedSet<String> sensorOptionKeys() {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        SENSOR_OPTIONS.values().forEach(m -> keys.addAll(m.keySet()));
        return java.util.Collections.unmodifiableSortedSet(keys);
    }

    /** The rule of a sensor option key (a key shared by several types has one rule). */
    static ValueRule sensorOptionRule(String key) {
        for (java.util.Map<String, ValueRule> m : SENSOR_OPTIONS.values()) {
            if (m.containsKey(key)) {
                return m.get(key);
            }
        }
        throw new IllegalArgumentException("no sensor option " + key);
    }

    /** An angle in degrees, one turn either way. */
    private static ValueRule angleDeg() {
        return closed(-360, 360);
    }

    /** A size of an obstacle, m. */
    private static ValueRule sizeM() {
        return number(0, false, 1000, true);
    }

    static final KeySchema SCHEMA = build();

    private static KeySchema build() {
        KeySchema.Builder b = KeySchema.builder()
                .leaf("name", text())
                .leaf("seed", integer(Long.MIN_VALUE, Long.MAX_VALUE))
                .leaf("duration_s", number(0, false, 86_400, true))
                .leaf("terrain.type", oneOf(TERRAIN_TYPES))
                .leaf("terrain.size_m", number(0, false, 100_000, true))
                .leaf("terrain.cell_size_m", number(0, false, 1000, true))
                .leaf("terrain.material", name())
                .leaf("terrain.slope_deg", number(-60, false, 60, false))
                .leaf("terrain.file", text())
                .leaf("terrain.base_height_m", anyNumber())
                .leaf("terrain.height_range_m", positive())
                .leaf("terrain.seed", integer(Long.MIN_VALUE, Long.MAX_VALUE))
                .leaf("materials.*.like", oneOf(MaterialCatalog.standard().all().stream().map(Material::name).toList()))
                // Ranges as RigidSurface and DeformableSoil check them.
                .leaf("materials.*.peak_mu", closed(0.01, 3))
                .leaf("materials.*.b_x", positive())
                .leaf("materials.*.c_x", closed(1.0001, 2.5))
                .leaf("materials.*.e_x", closed(-10, 1))
                .leaf("materials.*.c_y", closed(1.0001, 2.5))
                .leaf("materials.*.e_y", closed(-10, 1))
                .leaf("materials.*.rolling_resistance_coeff", closed(0, 1))
                .leaf("materials.*.sinkage_exponent", closed(0.01, 2.5))
                .leaf("materials.*.kc_kn_per_m_pow_n_plus_1", nonNegative())
                .leaf("materials.*.kphi_kn_per_m_pow_n_plus_2", nonNegative())
                .leaf("materials.*.cohesion_kpa", nonNegative())
                .leaf("materials.*.friction_angle_deg", closed(0, 60))
                .leaf("materials.*.shear_modulus_m", positive())
                .leaf("weather.condition", oneOf(CONDITIONS))
                .leaf("weather.intensity", closed(0, 1))
                .leaf("weather.surface", oneOf(SURFACES))
                .leaf("vehicle.model", oneOf(VEHICLE_MODELS))
                .leaf("vehicle.abs", bool())
                .leaf("vehicle.initial.x_m", anyNumber())
                .leaf("vehicle.initial.y_m", anyNumber())
                .leaf("vehicle.initial.yaw_deg", angleDeg())
                .leaf("vehicle.initial.speed_mps", closed(-50, 50))
                .leaf("sensors[].name", name())
                .leaf("sensors[].type", oneOf(Scenario.SensorSpec.TYPES))
                // The physics steps at 1 kHz (DESIGN.md), so no sensor can sample faster.
                .leaf("sensors[].rate_hz", number(0, false, 1000, true))
                .leaf("sensors[].frame_id", name())
                .leaf("sensors[].mount.x_m", closed(-50, 50))
                .leaf("sensors[].mount.y_m", closed(-50, 50))
                .leaf("sensors[].mount.z_m", closed(-50, 50))
                .leaf("sensors[].mount.roll_deg", angleDeg())
                .leaf("sensors[].mount.pitch_deg", angleDeg())
                .leaf("sensors[].mount.yaw_deg", angleDeg())

                .leaf("obstacles[].type", oneOf(OBSTACLE_TYPES))
                .leaf("obstacles[].name", name())
                .leaf("obstacles[].x_m", anyNumber())
                .leaf("obstacles[].y_m", anyNumber())
                .leaf("obstacles[].yaw_deg", angleDeg())
                .leaf("obstacles[].length_m", sizeM())
                .leaf("obstacles[].width_m", sizeM())
                .leaf("obstacles[].height_m", sizeM())
                .leaf("obstacles[].radius_m", sizeM())
                .leaf("route[].x_m", anyNumber())
                .leaf("route[].y_m", anyNumber())
                .leaf("goal.x_m", anyNumber())
                .leaf("goal.y_m", anyNumber())
                .leaf("goal.radius_m", sizeM())
                .leaf("faults[].kind", oneOf(Scenario.FaultSpec.KINDS))
                .leaf("faults[].at_s", nonNegative())
                .leaf("faults[].duration_s", nonNegative())
                .leaf("faults[].target", name())
                .leaf("faults[].magnitude", anyNumber())
                .leaf("faults[].jitter_s", nonNegative())
                .leaf("criteria.goal_reached", bool())
                .leaf("criteria.max_time_to_goal_s", positive())
                .leaf("criteria.no_collision", bool())
                .leaf("criteria.watchdog_stop_expected", bool());
        for (String key : SENSOR_OPTION_KEYS) {
            b.leaf("sensors[]." + key, sensorOptionRule(key));
        }
        AugmentSection.declare(b);
        return b.build();
    }
}
