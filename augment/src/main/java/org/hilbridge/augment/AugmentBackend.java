package org.hilbridge.augment;

import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.param.ParameterSpace;

/**
 * Changes a frame's appearance, never its geometry: writes the augmented rgb8 image of {@code in} into
 * {@code outRgb8} (3 bytes a pixel, sRGB, same size), every byte of it: the array is reused from frame to frame
 * (the {@link Augmenter}'s pool) and holds an earlier frame's pixels when it comes in. Implementations keep
 * scratch buffers between frames, so an instance serves one thread at a time; a frame's output depends only on
 * (input, parameters, seed).
 */
public interface AugmentBackend extends AutoCloseable {
    /** Short name recorded in provenance: "photometric", "onnx". */
    String name();

    /** Identifies the exact transform: a SHA-256 of the model file, or of the algorithm's version string. */
    String modelHash();

    /** The parameters this backend takes, with their operating domains. */
    ParameterSpace space();

    void augment(AugmentInput in, ParameterSet params, long seed, byte[] outRgb8);

    /** As {@link #augment(AugmentInput, ParameterSet, long, byte[])} into a new array. */
    default byte[] augment(AugmentInput in, ParameterSet params, long seed) {
        byte[] out = new byte[in.rgb8().length];
        augment(in, params, seed, out);
        return out;
    }

    @Override
    default void close() {
    }
}
