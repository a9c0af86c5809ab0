package org.hilbridge.augment;

import org.hilbridge.sim.pool.Pool;
import org.hilbridge.sim.pool.Pooled;

/**
 * The rgb8 pixels of one augmented frame (3 bytes a pixel, sRGB), from the {@link Augmenter}'s pool and
 * reference counted like a camera's image (sim-core's {@link Pooled}; the holders' rule is CameraFrame's): the
 * backend writes them only while no one else holds them, so an {@link AugmentedFrame} a consumer keeps (retained)
 * never changes under it. At 1280 x 720 a new array per frame was 2.8 MB, 83 MB/s at 30 Hz (issue 7).
 */
public final class AugmentedPixels extends Pooled<AugmentedPixels> {
    private final byte[] rgb8;

    /** @param pool the pool they belong to; null for pixels no pool owns (garbage collected) */
    AugmentedPixels(int bytes, Pool<AugmentedPixels> pool) {
        super(pool);
        this.rgb8 = new byte[bytes];
    }

    /** The backing array: written by the backend while the augmenter holds it alone, read-only for every other holder. */
    public byte[] rgb8() {
        return rgb8;
    }

    @Override
    protected String describe() {
        return "augmented pixels of " + rgb8.length + " bytes (CameraFrame's ownership rule)";
    }
}
