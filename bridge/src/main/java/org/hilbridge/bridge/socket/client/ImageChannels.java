package org.hilbridge.bridge.socket.client;

import com.google.protobuf.ByteString;
import org.hilbridge.proto.v1.Image;
import org.hilbridge.proto.v1.ImageSource;

/**
 * The images of a received Image frame (proto/README.md, "Augmented images"): each is on the wire once, so
 * where it sits depends on which is primary. These read it wherever it is (no copy: ByteStrings of the frame).
 */
public final class ImageChannels {
    private ImageChannels() {
    }

    /** Whether {@code pixels} holds the augmented image. */
    public static boolean primaryIsAugmented(Image image) {
        return image.getPrimary() == ImageSource.IMAGE_SOURCE_AUGMENTED;
    }

    /** The image an autonomy stack should use: Image.pixels. */
    public static ByteString primaryPixels(Image image) {
        return image.getPixels();
    }

    /** The raw render: raw_pixels when the augmented image is primary, else pixels. */
    public static ByteString rawPixels(Image image) {
        return primaryIsAugmented(image) ? image.getRawPixels() : image.getPixels();
    }

    /** The augmented image: pixels when it is primary, else augmented.pixels; empty when the frame carries none. */
    public static ByteString augmentedPixels(Image image) {
        if (!image.hasAugmented()) {
            return ByteString.EMPTY;
        }
        return primaryIsAugmented(image) ? image.getPixels() : image.getAugmented().getPixels();
    }
}
