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
 * @param augmentation whether a camera's frames are augmented and which image is primary; NONE for other kinds
 */
public record StreamInfo(String streamId, String kind, double rateHz, String frameId, SensorMount mount, CameraInfoData cameraInfo,
                         LidarParams lidar, ImageAugmentation augmentation) {
    public StreamInfo {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(augmentation, "augmentation");
        if (augmentation.augmented() && !kind.equals("camera")) {
            throw new IllegalArgumentException("stream " + streamId + " of kind " + kind + " cannot be augmented: only camera streams are");
        }
    }

    /** A stream without augmentation. */
    public StreamInfo(String streamId, String kind, double rateHz, String frameId, SensorMount mount, CameraInfoData cameraInfo,
                      LidarParams lidar) {
        this(streamId, kind, rateHz, frameId, mount, cameraInfo, lidar, ImageAugmentation.NONE);
    }

    /** This stream with {@code a}. */
    public StreamInfo withAugmentation(ImageAugmentation a) {
        return new StreamInfo(streamId, kind, rateHz, frameId, mount, cameraInfo, lidar, a);
    }
}
