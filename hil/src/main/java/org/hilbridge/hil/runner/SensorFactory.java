package org.hilbridge.hil.runner;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioScene;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.sensor.GroundTruthSensor;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.gnss.GnssParams;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.sensor.imu.ImuParams;
import org.hilbridge.sim.sensor.imu.ImuSensor;
import org.hilbridge.sim.sensor.lidar.LidarParams;
import org.hilbridge.sim.sensor.lidar.LidarSensor;
import org.hilbridge.sim.sensor.lidar.SceneRayCaster;
import org.hilbridge.sim.sensor.odometry.WheelOdometrySensor;

/**
 * Builds the scenario's sensors. Each sensor's noise comes from its own random stream, named after the
 * sensor, so adding a sensor never changes another's numbers. A parameter the sensor model refuses is
 * reported with the sensor's name and list index.
 */
final class SensorFactory {
    /** Default GNSS origin when the scenario gives none: the TUM campus in Munich, for want of a better place. */
    static final double DEFAULT_LAT_DEG = 48.2625;
    static final double DEFAULT_LON_DEG = 11.6670;
    static final double DEFAULT_ALT_M = 480;

    private SensorFactory() {
    }

    static List<Sensor> create(Scenario scenario) {
        RandomStreams streams = new RandomStreams(scenario.seed());
        List<Sensor> out = new ArrayList<>();
        SceneRayCaster caster = null;
        for (int i = 0; i < scenario.sensors().size(); i++) {
            Scenario.SensorSpec s = scenario.sensors().get(i);
            try {
                if (s.type().equals("lidar")) {
                    if (caster == null) {
                        caster = new SceneRayCaster(ScenarioScene.build(scenario));
                    }
                    out.add(lidar(s, caster, streams));
                    continue;
                }
                out.add(create(scenario, s, streams));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sensor '" + s.name() + "' (sensors(" + i + ")): " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A LiDAR from its preset; rate_hz is its rotation rate, and the optional keys override the preset. */
    private static Sensor lidar(Scenario.SensorSpec s, SceneRayCaster caster, RandomStreams streams) {
        LidarParams p = LidarParams.preset(s.text("preset", LidarParams.VLP16)).withRateHz(s.rateHz());
        if (s.options().containsKey("columns")) {
            p = p.withColumns((int) s.number("columns", 0));
        }
        p = p.withMaxRangeM(s.number("max_range_m", p.maxRangeM())).withMinRangeM(s.number("min_range_m", p.minRangeM()))
                .withRangeNoiseStdDevM(s.number("range_noise_std_m", p.rangeNoiseStdDevM()))
                .withMaxIncidenceDeg(s.number("max_incidence_deg", p.maxIncidenceDeg()));
        return new LidarSensor(s.name(), s.frameId(), s.mount(), p, caster, streams.stream("sensor/" + s.name()));
    }

    private static Sensor create(Scenario scenario, Scenario.SensorSpec s, RandomStreams streams) {
        return switch (s.type()) {
            case "ground_truth" -> new GroundTruthSensor(s.name(), s.frameId(), s.rateHz(), s.mount());
            case "imu" -> {
                ImuParams d = ImuParams.adis16448();
                ImuParams p = new ImuParams(s.number("accel_noise_density_mps2_rthz", d.accelNoiseDensityMps2PerRtHz()),
                        s.number("accel_random_walk_mps3_rthz", d.accelRandomWalkMps3PerRtHz()),
                        s.number("gyro_noise_density_radps_rthz", d.gyroNoiseDensityRadPerSPerRtHz()),
                        s.number("gyro_random_walk_radps2_rthz", d.gyroRandomWalkRadPerS2PerRtHz()));
                yield new ImuSensor(s.name(), s.frameId(), s.rateHz(), s.mount(), p, scenario.world().gravityMps2(), streams.stream("sensor/" + s.name()));
            }
            case "gnss" -> {
                GnssParams d = GnssParams.standalone(DEFAULT_LAT_DEG, DEFAULT_LON_DEG, DEFAULT_ALT_M);
                GnssParams p = new GnssParams(s.number("origin_lat_deg", d.originLatDeg()), s.number("origin_lon_deg", d.originLonDeg()),
                        s.number("origin_alt_m", d.originAltM()), s.number("horizontal_noise_m", d.horizontalNoiseM()),
                        s.number("vertical_noise_m", d.verticalNoiseM()));
                yield new GnssSensor(s.name(), s.frameId(), s.rateHz(), s.mount(), p, streams.stream("sensor/" + s.name()));
            }
            case "wheel_odometry" -> new WheelOdometrySensor(s.name(), s.frameId(), s.text("child_frame_id", "base_link"), s.rateHz());
            default -> throw new IllegalArgumentException("type '" + s.type() + "' is not allowed: allowed are " + Scenario.SensorSpec.TYPES);
        };
    }
}
