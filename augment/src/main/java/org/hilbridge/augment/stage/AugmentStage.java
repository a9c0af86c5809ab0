package org.hilbridge.augment.stage;

import java.util.function.Consumer;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.param.ParameterSet;

/**
 * The augmentation as a stage between the camera and the transports. Frames go in with {@link #submit} and
 * come out, one {@link AugmentedFrame} per submitted frame, in submission order, with the frame's own stream,
 * sequence and capture stamp, through {@link #poll} or {@link #drain}.
 *
 * <p>Two disciplines: {@link RealtimeAugmentStage} (off the caller's thread, a deadline per frame, the raw frame
 * flagged LATE in place of a result that misses it; nothing blocks) and {@link SynchronousAugmentStage}
 * (every result waited for, so fast and lockstep runs are reproducible).
 *
 * <p>Holds on pooled memory (CameraFrame's rule, issue 7): a stage that reads a submitted frame after
 * {@link #submit} returns holds its image meanwhile ({@link AugmentInput#retain()}); every frame handed out comes
 * with one hold, on its augmented pixels or, for a frame that goes out with the raw pixels (REJECTED, LATE,
 * FAILED), on the raw image, and that hold passes to the consumer given to {@link #poll}, {@link #expire} or
 * {@link #drain}: it releases the frame once it has handed it on ({@link AugmentedFrame#release()}).
 */
public interface AugmentStage extends AutoCloseable {
    void submit(AugmentInput frame, ParameterSet params);

    /** Hands out every frame that is ready (or whose deadline passed), in order; returns how many. Never blocks. */
    int poll(Consumer<AugmentedFrame> out);

    /**
     * Hands out every submitted frame now, in order, without waiting: results that are ready, the others raw
     * and flagged LATE (their results are thrown away when they come). For a camera's next frame: an augmented
     * frame must reach the transports before it (the protobuf socket pairs a raw frame with the augmented
     * frame that follows it). Never blocks.
     */
    int expire(Consumer<AugmentedFrame> out);

    /** Hands out every submitted frame, waiting for results as long as it takes (end of a run, lockstep). */
    int drain(Consumer<AugmentedFrame> out) throws InterruptedException;

    StageStats stats();

    @Override
    void close();
}
