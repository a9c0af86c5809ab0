package org.hilbridge.sim.sensor.camera;

import java.util.Arrays;
import java.util.Objects;

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
 * <p>Thread-safe: the render thread acquires, any consumer's thread may return. A plain monitor guards the
 * free list (a contended monitor waits without allocating on the Java heap; a ReentrantLock's queue node
 * would, on whichever thread releases, the simulation thread included).
 */
public final class CameraImagePool {
    private final CameraRenderer renderer;
    private final Object lock = new Object();
    /** The images in the pool, {@code free[0..freeCount)}. */
    private CameraImage[] free;
    private int freeCount;
    private final int initialImages;
    private int createdWhenEmpty;

    /**
     * @param images the images made now (before the run's first frame); at least 1
     */
    public CameraImagePool(CameraRenderer renderer, int images) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        if (images < 1) {
            throw new IllegalArgumentException("camera image pool of " + images + " images is not allowed: it must hold at least 1");
        }
        this.initialImages = images;
        this.free = new CameraImage[images];
        for (int i = 0; i < images; i++) {
            free[freeCount++] = newImage();
        }
    }

    private CameraImage newImage() {
        return new CameraImage(renderer.newImage(), this);
    }

    /** An image no one holds, with one hold (the caller's): from the pool, or new when the pool is empty. */
    public CameraImage acquire() {
        CameraImage image;
        synchronized (lock) {
            if (freeCount > 0) {
                image = free[--freeCount];
                free[freeCount] = null;
            } else {
                createdWhenEmpty++;
                image = newImage();
            }
        }
        image.takeFirstHold();
        return image;
    }

    /** From {@link CameraImage#release()}: the last holder let {@code image} go. */
    void giveBack(CameraImage image) {
        synchronized (lock) {
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, Math.max(initialImages + createdWhenEmpty, free.length + 1)); // only after the pool grew
            }
            free[freeCount++] = image;
        }
    }

    /** Images made because every image was out (0 in a run whose holders let go in time). */
    public long createdWhenEmpty() {
        synchronized (lock) {
            return createdWhenEmpty;
        }
    }

    /** Images made in all (the initial ones and those made when empty). */
    public int created() {
        synchronized (lock) {
            return initialImages + createdWhenEmpty;
        }
    }

    /** Images in the pool now (not held by anyone). */
    public int available() {
        synchronized (lock) {
            return freeCount;
        }
    }
}
