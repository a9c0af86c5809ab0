package org.hilbridge.hil.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioScene;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.sensor.GroundTruthSensor;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.gnss.GnssParams;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.sensor.imu.ImuParams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraRenderer;
import org.hilbridge.sim.sensor.camera.CameraSensor;
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
public final class SensorFactory {
    /** Default GNSS origin when the scenario gives none: the TUM campus in Munich, for want of a better place. */
    public static final double DEFAULT_LAT_DEG = 48.2625;
    public static final double DEFAULT_LON_DEG = 11.6670;
    public static final double DEFAULT_ALT_M = 480;

    private SensorFactory() {
    }

    /**
     * @param renderPool where cameras render (their frames are the same for any pool)
     * @param renderTiles how many bands a frame is split into for the pool
     */
    static List<Sensor> create(Scenario scenario, Executor renderPool, int renderTiles) {
        RandomStreams streams = new RandomStreams(scenario.seed());
        List<Sensor> out = new ArrayList<>();
        Scene scene = null;
        SceneRayCaster caster = null;
        for (int i = 0; i < scenario.sensors().size(); i++) {
            Scenario.SensorSpec s = scenario.sensors().get(i);
            try {
                if (s.type().equals("lidar") || s.type().equals("camera")) {
                    scene = scene == null ? ScenarioScene.build(scenario) : scene;
                }
                if (s.type().equals("lidar")) {
                    caster = caster == null ? new SceneRayCaster(scene) : caster;
                    out.add(lidar(s, caster, streams));
                    continue;
                }
                if (s.type().equals("camera")) {
                    out.add(new CameraSensor(s.name(), s.frameId(), s.rateHz(), s.mount(), cameraParams(s, streams), scene, renderPool, renderTiles,
                            s.number("lod_tolerance_px", CameraRenderer.DEFAULT_LOD_TOLERANCE_PX)));
                    continue;
                }
                out.add(create(scenario, s, streams));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sensor '" + s.name() + "' (sensors(" + i + ")): " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Camera intrinsics from a field of view (default 90 deg at 640 x 480) or from explicit fx, fy, cx, cy;
     * plumb_bob distortion; the texture seed from the scenario seed (stream "sensor/NAME/texture").
     */
    private static CameraParams cameraParams(Scenario.SensorSpec s, RandomStreams streams) {
        int w = (int) s.number("width_px", 640);
        int h = (int) s.number("height_px", 480);
        CameraParams.Lighting d = CameraParams.Lighting.DEFAULT;
        CameraParams.Lighting lighting = new CameraParams.Lighting(s.number("sun_azimuth_deg", d.sunAzimuthDeg()),
                s.number("sun_elevation_deg", d.sunElevationDeg()), d.sunRgb(), d.skyRgb(), d.ambient());
        CameraParams.Distortion distortion = new CameraParams.Distortion(s.number("k1", 0), s.number("k2", 0), s.number("p1", 0),
                s.number("p2", 0), s.number("k3", 0));
        long textureSeed = streams.seedFor("sensor/" + s.name() + "/texture");
        double near = s.number("near_m", CameraParams.DEFAULT_NEAR_M);
        double far = s.number("far_m", CameraParams.DEFAULT_FAR_M);
        if (s.options().containsKey("fx_px")) {
            return new CameraParams(w, h, s.number("fx_px", 0), s.number("fy_px", s.number("fx_px", 0)), s.number("cx_px", (w - 1) / 2.0),
                    s.number("cy_px", (h - 1) / 2.0), distortion, near, far, lighting, textureSeed);
        }
        return CameraParams.fromFieldOfView(w, h, s.number("horizontal_fov_deg", 90), distortion, near, far, lighting, textureSeed);
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
