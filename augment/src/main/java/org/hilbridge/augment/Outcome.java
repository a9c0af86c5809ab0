package org.hilbridge.augment;

/** What became of a frame on its way through the augmentation; every value but AUGMENTED carries the raw pixels. */
public enum Outcome {
    /** The backend's output, which passed the grounding gate. */
    AUGMENTED,
    /** The backend's output failed the grounding gate: the raw frame is sent instead. */
    REJECTED,
    /** No result within the frame's deadline (real-time mode): the raw frame is sent instead. */
    LATE,
    /** The backend threw: the raw frame is sent instead. */
    FAILED;

    public boolean isRaw() {
        return this != AUGMENTED;
    }
}
