package org.hilbridge.bridge.link;

/**
 * Whether a camera stream is augmented (issue 9: every raw CameraFrame is followed by its AugmentedFrame) and,
 * if so, which of the two images the autonomy stack takes as its primary image (the scenario's augment.primary;
 * launch/scenarios/README.md, "augment"). Each transport publishes both images and puts the primary one where a
 * stack reads its camera: ROS /camera/image, the protobuf Image's pixels field.
 */
public enum ImageAugmentation {
    /** Not augmented: the raw render is the only image, and the primary one. */
    NONE,
    /** Augmented; the raw render is the primary image. */
    PRIMARY_RAW,
    /** Augmented; the augmented image is the primary image. */
    PRIMARY_AUGMENTED;

    public boolean augmented() {
        return this != NONE;
    }

    public boolean primaryAugmented() {
        return this == PRIMARY_AUGMENTED;
    }
}
