package org.hilbridge.sim.sensor.camera;

import java.util.Objects;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * A camera's sample: the rendered image with its stream, sequence, capture time and frame, and the
 * CameraInfo that goes next to it. Immutable (the image's arrays by contract: see {@link CameraImage}).
 *
 * @param frameId the camera's optical frame (REP-103: z forward, x right, y down)
 */
public record CameraFrame(String streamId, long sequence, long captureNanos, String frameId, CameraImage image, CameraInfoData cameraInfo)
        implements SensorSample {
    public CameraFrame {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(cameraInfo, "cameraInfo");
    }

    public int width() {
        return image.width();
    }

    public int height() {
        return image.height();
    }
}
