package org.hilbridge.sim.sensor.camera;

import java.util.Objects;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * A camera's sample: the rendered image with its stream, sequence, capture time and frame, and the
 * CameraInfo that goes next to it. Immutable (the image's arrays by contract: see {@link CameraImage}).
 *
 * <p><b>Pooled frames: who may keep one, and for how long.</b> A runner may render into images from a
 * {@link CameraImagePool} instead of a new 7.4 MB image per frame (issue 7: the allocation is what starts the
 * collector's pauses). Such an image ({@link CameraImage#pooled()}) is rendered into again once every holder
 * has let it go, so it is reference counted, and one rule applies to every consumer:
 * <ol>
 * <li>The producer holds the frame from the render until it has handed it to every consumer (its own
 * hold, released after the last hand-off).
 * <li>A consumer may read the frame, its image and the image's arrays freely during the call that hands it
 * the frame. To keep any of them after that call returns (in a queue, a map, a ByteBuf that wraps an array, a
 * frozen-frame fault's last content, a delayed hand-off), it calls {@link #retain()} before returning and
 * {@link #release()} exactly once when it no longer reads them. A frame restamped by a fault
 * ({@code new CameraFrame(..., image, ...)}) shares the image and so its count.
 * <li>A consumer that keeps a frame to the end of its life may leave it retained and never release it: the
 * pool does not hold images that are out, so such an image is simply garbage collected and the pool renders
 * the next frames into new images (counted: {@link CameraImagePool#createdWhenEmpty()}). Releasing once too
 * often, or retaining an image already back in its pool, throws {@link IllegalStateException}.
 * </ol>
 * While any hold is out, nobody writes the image: a frame stays immutable to every consumer that holds it.
 * A frame whose image is not pooled (new per render; {@link CameraSensor#sample}) ignores retain and release.
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

    /** One more hold on the image (see the rule above); this frame. */
    @Override
    public CameraFrame retain() {
        image.retain();
        return this;
    }

    /** Gives up one hold on the image; the last one returns a pooled image to its pool. */
    @Override
    public void release() {
        image.release();
    }
}
