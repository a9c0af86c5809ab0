package org.hilbridge.bridge.ros.mapping;

import java.util.List;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.GroundTruthSensor;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.sensor.gnss.GnssParams;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.sensor.imu.ImuParams;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.imu.ImuSensor;
import org.hilbridge.sim.sensor.lidar.LidarParams;
import org.hilbridge.sim.sensor.lidar.LidarSensor;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;
import org.hilbridge.sim.sensor.odometry.WheelOdometrySensor;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.World;

/**
 * Real sim-core samples for the mapping tests: a vehicle drives for 1.5 s (throttle and a left turn) over a
 * seeded rolling course with a crate ahead and scattered vegetation; every sensor kind is sampled as the
 * runner would (LiDAR at 1 kHz, odometry at 50 Hz), and the last sample of each is kept.
 */
public final class SmallScene {
    static final SensorMount CAMERA_MOUNT = new SensorMount(1.2, 0, 0.9, 0, Math.toRadians(5), 0);
    static final SensorMount LIDAR_MOUNT = new SensorMount(0.4, 0, 1.25, 0, 0, 0);
    static final SensorMount IMU_MOUNT = new SensorMount(0.2, 0.1, 0.3, 0, 0, 0);
    static final SensorMount GNSS_MOUNT = new SensorMount(-0.5, 0, 1.2, 0, 0, Math.toRadians(10));

    public final CameraFrame camera;
    public final PointCloudSample cloud;
    public final ImuSample imu;
    public final GnssSample gnss;
    public final OdometrySample odometry;
    public final GroundTruthSample groundTruth;
    public final List<StreamInfo> streams;

    public SmallScene() {
        RandomStreams random = new RandomStreams(5);
        HeightField ground = ProceduralTerrain.rollingCourse(random.stream("terrain"), 200, 1, MaterialCatalog.standard());
        World world = new World(ground, List.of(new BoxObstacle("crate", 14, 3, 0.3, 1.5, 1.0, 1.4)), World.STANDARD_GRAVITY_MPS2);
        Scene scene = new SceneBuilder(world, ground, new double[] {0, 0, 30, 10}, 3).build(random.stream("scenery"), SceneBuilder.defaultDensity());
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), world);
        v.place(0, 0, 0.2, 2);
        CameraParams cameraParams = CameraParams.fromFieldOfView(64, 48, 90, new CameraParams.Distortion(-0.1, 0.02, 0.0005, -0.0004, 0.001),
                CameraParams.DEFAULT_NEAR_M, CameraParams.DEFAULT_FAR_M, CameraParams.Lighting.DEFAULT, 3);
        CameraSensor cameraSensor = new CameraSensor("front_camera", "front_camera_optical_frame", 30, CAMERA_MOUNT, cameraParams, scene, Runnable::run, 1);
        LidarSensor lidar = new LidarSensor("lidar", "velodyne", LIDAR_MOUNT, LidarParams.preset(LidarParams.VLP16), scene, random.stream("lidar"));
        ImuSensor imuSensor = new ImuSensor("imu", "imu_link", 200, IMU_MOUNT, ImuParams.adis16448(), World.STANDARD_GRAVITY_MPS2, random.stream("imu"));
        GnssSensor gnssSensor = new GnssSensor("gnss", "gnss_link", 10, GNSS_MOUNT, GnssParams.standalone(48.2625, 11.6670, 480), random.stream("gnss"));
        WheelOdometrySensor odomSensor = new WheelOdometrySensor("wheel_odom", "odom", "base_link", 50);
        GroundTruthSensor gtSensor = new GroundTruthSensor("ground_truth", "base_link", 50, SensorMount.atBaseLink());
        ActuatorDemand drive = new ActuatorDemand().set(0.4, 0, 0.15);
        PointCloudSample lastCloud = null;
        OdometrySample lastOdom = null;
        long stepNanos = 1_000_000;
        long t = 0;
        for (int k = 0; k <= 1500; k++, t += stepNanos) {
            PointCloudSample c = lidar.sample(v, t);
            if (c != null) {
                lastCloud = c;
            }
            if (k % 20 == 0) {
                lastOdom = odomSensor.sample(v, t);
            }
            v.step(drive, 1e-3);
        }
        t += 234_567; // a stamp with a sub-millisecond part
        this.cloud = lastCloud;
        this.odometry = lastOdom;
        this.camera = cameraSensor.sample(v, t);
        this.imu = imuSensor.sample(v, t);
        this.gnss = gnssSensor.sample(v, t);
        this.groundTruth = gtSensor.sample(v, t);
        this.streams = List.of(
                new StreamInfo("ground_truth", "ground_truth", 50, "base_link", SensorMount.atBaseLink(), null, null),
                new StreamInfo("imu", "imu", 200, "imu_link", IMU_MOUNT, null, null),
                new StreamInfo("gnss", "gnss", 10, "gnss_link", GNSS_MOUNT, null, null),
                new StreamInfo("wheel_odom", "wheel_odometry", 50, "odom", SensorMount.atBaseLink(), null, null),
                new StreamInfo("front_camera", "camera", 30, "front_camera_optical_frame", CAMERA_MOUNT, cameraSensor.cameraInfo(), null),
                new StreamInfo("lidar", "lidar", 10, "velodyne", LIDAR_MOUNT, null, LidarParams.preset(LidarParams.VLP16)));
    }
}
