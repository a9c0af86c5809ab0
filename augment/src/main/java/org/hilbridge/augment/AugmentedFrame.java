package org.hilbridge.augment;

import java.util.Objects;
import org.hilbridge.sim.pool.Pooled;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * The augmented image of one camera frame, published next to the raw {@code CameraFrame}: same stream,
 * sequence, capture time and frame (geometry, timing and labels are the raw frame's), the pixels the
 * augmentation made (or the raw pixels, flagged by {@link #outcome()}), how they were made and how well they
 * kept the render's geometry. Immutable by contract: {@link #rgb8()} is the backing array; do not modify.
 *
 * <p>Pooled pixels (issue 7): {@code rgb8} belongs to {@code owner}, reference counted under CameraFrame's rule
 * (a consumer reads the frame during the call that hands it over; one that keeps it, or its array, past that call
 * takes a hold with {@link #retain()} and gives it up with {@link #release()}): the {@link Augmenter}'s
 * {@link AugmentedPixels} for an AUGMENTED frame, the raw frame's camera image for the others (they carry the raw
 * pixels). The stage that makes a frame hands it out with one hold, which its receiver releases once it has
 * handed the frame on. A frame restamped by a fault shares the owner and so its count.
 *
 * @param owner whose array {@code rgb8} is (see above); null for an array no pool owns (holds do nothing)
 */
public record AugmentedFrame(String streamId, long sequence, long captureNanos, String frameId, int width, int height,
                             byte[] rgb8, Outcome outcome, Provenance provenance, GroundingScores scores, Pooled<?> owner)
        implements SensorSample {
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

    /** Pixels no pool owns (a test's, a tool's): holds do nothing. */
    public AugmentedFrame(String streamId, long sequence, long captureNanos, String frameId, int width, int height,
                          byte[] rgb8, Outcome outcome, Provenance provenance, GroundingScores scores) {
        this(streamId, sequence, captureNanos, frameId, width, height, rgb8, outcome, provenance, scores, null);
    }

    /**
     * The raw frame's pixels, flagged with why they were not augmented, with one hold on the raw image (the
     * caller's, given up by whoever receives the frame last): take it while {@code in} is held.
     */
    public static AugmentedFrame raw(AugmentInput in, Outcome why, Provenance provenance, GroundingScores scores) {
        in.retain();
        return new AugmentedFrame(in.streamId(), in.sequence(), in.captureNanos(), in.frameId(), in.width(), in.height(),
                in.rgb8(), why, provenance, scores, in.owner());
    }

    /** One more hold on the pixels' owner (see above); this frame. */
    @Override
    public AugmentedFrame retain() {
        if (owner != null) {
            owner.retain();
        }
        return this;
    }

    /** Gives up one hold on the pixels' owner; the last one returns pooled pixels (or the raw image) to its pool. */
    @Override
    public void release() {
        if (owner != null) {
            owner.release();
        }
    }
}
