package org.hilbridge.augment;

import java.util.Objects;
import org.hilbridge.sim.pool.Pooled;
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
 * @param owner       whose arrays these are: the camera's pooled image (reference counted, CameraFrame's rule: a
 *                    stage that reads them after the call that handed it the frame holds it, {@link #retain()}),
 *                    or null for arrays no pool owns
 */
public record AugmentInput(String streamId, long sequence, long captureNanos, String frameId, int width, int height,
                           byte[] rgb8, float[] rangeM, float[] depthM, byte[] semantic, float[] normals,
                           double fxPx, double fyPx, double cxPx, double cyPx, SceneContext scene, Pooled<?> owner) {
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

    /** Arrays no pool owns (a test's, a tool's): holds do nothing. */
    public AugmentInput(String streamId, long sequence, long captureNanos, String frameId, int width, int height,
                        byte[] rgb8, float[] rangeM, float[] depthM, byte[] semantic, float[] normals,
                        double fxPx, double fyPx, double cxPx, double cyPx, SceneContext scene) {
        this(streamId, sequence, captureNanos, frameId, width, height, rgb8, rangeM, depthM, semantic, normals, fxPx, fyPx, cxPx, cyPx, scene, null);
    }

    /** The frame as sim-core rendered it, with what the runner knows of the scene at its capture time; its image is the owner. */
    public static AugmentInput of(CameraFrame frame, SceneContext scene) {
        CameraImage im = frame.image();
        double[] k = frame.cameraInfo().k();
        return new AugmentInput(frame.streamId(), frame.sequence(), frame.captureNanos(), frame.frameId(), im.width(), im.height(),
                im.rgbData(), im.rangeData(), im.depthData(), im.semanticClassData(), im.normalData(), k[0], k[4], k[2], k[5], scene, im);
    }

    /** One more hold on the arrays' owner (nothing when no pool owns them); this input. */
    public AugmentInput retain() {
        if (owner != null) {
            owner.retain();
        }
        return this;
    }

    /** Gives up one hold on the arrays' owner (nothing when no pool owns them). */
    public void release() {
        if (owner != null) {
            owner.release();
        }
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
