package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.SPACE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.param.ParameterSet;

/**
 * The backend with its Vector API kernels and with the plain loops (what a JVM without the module runs) on one frame:
 * the kernels' contract is the same bytes (IEEE 754 results do not depend on the lane), and the frame must be one the
 * parameters change, or the comparison would prove nothing.
 */
final class BothPaths {
    private BothPaths() {
    }

    /** Asserts both paths give the same frame, and that it differs from the raw one; returns it. */
    static byte[] assertSameFrame(AugmentInput in, ParameterSet p, String what) {
        byte[] plain = new PhotometricBackend(SPACE, 0, false).augment(in, p, 5);
        byte[] vector = new PhotometricBackend(SPACE, 0, true).augment(in, p, 5);
        assertArrayEquals(plain, vector, what + ", parameters " + p);
        assertFalse(Arrays.equals(in.rgb8(), vector), "the augmented frame differs from the raw one: " + what + ", parameters " + p);
        return vector;
    }
}
