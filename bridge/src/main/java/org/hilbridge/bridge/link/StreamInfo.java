package org.hilbridge.bridge.link;

import java.util.Objects;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.camera.CameraInfoData;
import org.hilbridge.sim.sensor.lidar.LidarParams;

/**
 * What a transport needs to know about one stream before its first sample: the stream catalog of the
 * protobuf socket and the topics and tf frames of the ROS side are built from a list of these.
 *
 * @param kind        the scenario's sensor type: ground_truth, imu, gnss, wheel_odometry, lidar or camera
 * @param rateHz      samples per second (a LiDAR's sweep rate)
 * @param frameId     the frame the samples are expressed in
 * @param mount       the sensor frame's pose relative to base_link (REP-103)
 * @param cameraInfo  a camera's intrinsics and distortion; null for other kinds
 * @param lidar       a LiDAR's layout; null for other kinds
 */
public record StreamInfo(String streamId, String kind, double rateHz, String frameId, SensorMount mount, CameraInfoData cameraInfo,
                         LidarParams lidar) {
    public StreamInfo {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(mount, "mount");
    }
}
