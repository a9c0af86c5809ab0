package org.hilbridge.augment;

import java.util.Objects;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImage;

/**
 * One frame to augment: the render's channels (the arrays of {@link CameraImage}, shared, never modified:
 * index = v * width + u), the pinhole intrinsics, the sample's identity and the {@link SceneContext}.
 *
 * @param rgb8        3 bytes a pixel, sRGB
 * @param rangeM      metres along the pixel's ray; +infinity where nothing was hit
 * @param depthM      metres of optical z; +infinity where nothing was hit
 * @param semantic    SemanticClass id a pixel
 * @param normals     3 floats a pixel, optical frame; (0, 0, 0) where nothing was hit
 */
public record AugmentInput(String streamId, long sequence, long captureNanos, String frameId, int width, int height,
                           byte[] rgb8, float[] rangeM, float[] depthM, byte[] semantic, float[] normals,
                           double fxPx, double fyPx, double cxPx, double cyPx, SceneContext scene) {
    public AugmentInput {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(scene, "scene");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image " + width + " x " + height + " is not allowed: both sides must be >= 1");
        }
        int n = width * height;
        requireLength("rgb8", rgb8.length, 3 * n);
        requireLength("rangeM", rangeM.length, n);
        requireLength("depthM", depthM.length, n);
        requireLength("semantic", semantic.length, n);
        requireLength("normals", normals.length, 3 * n);
        if (!(fxPx > 0) || !(fyPx > 0)) {
            throw new IllegalArgumentException("focal lengths (" + fxPx + ", " + fyPx + ") px are not allowed: they must be > 0");
        }
    }

    /** The frame as sim-core rendered it, with what the runner knows of the scene at its capture time. */
    public static AugmentInput of(CameraFrame frame, SceneContext scene) {
        CameraImage im = frame.image();
        double[] k = frame.cameraInfo().k();
        return new AugmentInput(frame.streamId(), frame.sequence(), frame.captureNanos(), frame.frameId(), im.width(), im.height(),
                im.rgbData(), im.rangeData(), im.depthData(), im.semanticClassData(), im.normalData(), k[0], k[4], k[2], k[5], scene);
    }

    public int pixels() {
        return width * height;
    }

    private static void requireLength(String channel, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(channel + " holds " + actual + " values: a " + "frame of this size needs " + expected);
        }
    }
}
