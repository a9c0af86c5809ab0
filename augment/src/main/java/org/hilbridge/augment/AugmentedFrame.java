package org.hilbridge.augment;

import java.util.Objects;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * The augmented image of one camera frame, published next to the raw {@code CameraFrame}: same stream,
 * sequence, capture time and frame (geometry, timing and labels are the raw frame's), the pixels the
 * augmentation made (or the raw pixels, flagged by {@link #outcome()}), how they were made and how well they
 * kept the render's geometry. Immutable by contract: {@link #rgb8()} is the backing array; do not modify.
 */
public record AugmentedFrame(String streamId, long sequence, long captureNanos, String frameId, int width, int height,
                             byte[] rgb8, Outcome outcome, Provenance provenance, GroundingScores scores) implements SensorSample {
    public AugmentedFrame {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(scores, "scores");
        if (rgb8.length != 3 * width * height) {
            throw new IllegalArgumentException("rgb8 holds " + rgb8.length + " bytes: a " + width + " x " + height + " frame needs " + 3 * width * height);
        }
    }

    /** The raw frame's pixels, flagged with why they were not augmented. */
    public static AugmentedFrame raw(AugmentInput in, Outcome why, Provenance provenance, GroundingScores scores) {
        return new AugmentedFrame(in.streamId(), in.sequence(), in.captureNanos(), in.frameId(), in.width(), in.height(),
                in.rgb8(), why, provenance, scores);
    }
}
