package org.hilbridge.sim.sensor.camera;

import java.util.Objects;
import org.hilbridge.sim.pool.Pool;

/**
 * Images for one camera to render into again and again instead of a new image per frame (issue 7: at
 * 640 x 480 a frame's five planes are 7.4 MB, and with G1's default heap the range, depth and normals planes are
 * humongous objects whose allocation starts a concurrent cycle every few seconds).
 *
 * <p>{@link #acquire()} hands out an image with one hold (the acquirer's) for
 * {@link CameraRenderer#render(org.hilbridge.sim.math.Vec3, org.hilbridge.sim.math.Rotation, CameraImage)}; the
 * image comes back when its last holder releases it ({@link CameraImage#release()}; the rule for holders is in
 * {@link CameraFrame}). When every image is out, the pool makes a new one (counted in {@link #createdWhenEmpty()})
 * rather than skip the frame, so a fast or lockstep run renders every frame as before and the count shows how
 * many more images the run's holders needed; from then on that image circulates too. The pool keeps only the
 * images that are in: one a holder never releases is garbage collected like any object.
 *
 * <p>A camera's {@link Pool} of {@link CameraImage}s (the reference count and the free list are sim-core's
 * {@code org.hilbridge.sim.pool}, shared with the augmentation's output pixels). Thread-safe: the render thread
 * acquires, any consumer's thread may return.
 */
public final class CameraImagePool {
    private final Pool<CameraImage> images;

    /**
     * @param images the images made now (before the run's first frame); at least 1
     */
    public CameraImagePool(CameraRenderer renderer, int images) {
        Objects.requireNonNull(renderer, "renderer");
        if (images < 1) {
            throw new IllegalArgumentException("camera image pool of " + images + " images is not allowed: it must hold at least 1");
        }
        this.images = new Pool<>("camera image", pool -> new CameraImage(renderer.newImage(), pool), images);
    }

    /** An image no one holds, with one hold (the caller's): from the pool, or new when the pool is empty. */
    public CameraImage acquire() {
        return images.acquire();
    }

    /** Images made because every image was out (0 in a run whose holders let go in time). */
    public long createdWhenEmpty() {
        return images.createdWhenEmpty();
    }

    /** Images made in all (the initial ones and those made when empty). */
    public int created() {
        return images.created();
    }

    /** Images in the pool now (not held by anyone). */
    public int available() {
        return images.available();
    }
}
