package org.hilbridge.sim.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory that a {@link Pool} hands out again once its last holder has let it go: a reference count of holds
 * (issue 7: a camera frame's arrays and an augmented frame's pixels are too large to allocate per frame).
 *
 * <p>The rule every holder follows (spelled out for camera frames in {@code CameraFrame}'s documentation): the
 * acquirer holds the object from {@link Pool#acquire()} until it has handed it to every consumer; a consumer may
 * read it during the call that hands it over, and one that keeps it (or one of its arrays) past that call takes a
 * hold ({@link #retain()}) before returning and gives it up ({@link #release()}) exactly once when done. While any
 * hold is out nobody writes the object. A hold never given back costs only garbage: the pool keeps no object that
 * is out, so the collector takes it and the pool makes another when it runs empty (counted). Releasing once too
 * often, or retaining an object already back in its pool, throws {@link IllegalStateException}.
 *
 * <p>An object made without a pool (null) is an ordinary garbage-collected object: retain and release do nothing.
 *
 * @param <T> the subclass (so that {@link #retain()} returns it)
 */
public abstract class Pooled<T extends Pooled<T>> {
    /** The pool this object returns to when its last holder releases it; null: unpooled. */
    private final Pool<T> pool;
    /** Holds taken and not released (pooled objects only); 0 while the object is in its pool. */
    private final AtomicInteger holders = new AtomicInteger();

    /** @param pool the pool this object belongs to (the one that makes it), or null for an unpooled object */
    protected Pooled(Pool<T> pool) {
        this.pool = pool;
    }

    /** Names this object in error messages, e.g. "camera image 640 x 480". */
    protected abstract String describe();

    /** Whether this object comes from a {@link Pool} (and is written again once released). */
    public final boolean pooled() {
        return pool != null;
    }

    /** Holds out on a pooled object (0 while it is in its pool); 0 for an unpooled object. */
    public final int holders() {
        return holders.get();
    }

    /**
     * One more hold on a pooled object (nothing for an unpooled one): it is not written again until this hold is
     * released. Only a holder may retain (the acquirer, or a consumer during the call that handed it over): an
     * object already back in its pool cannot be retained.
     *
     * @return this object
     * @throws IllegalStateException when the object is back in its pool
     */
    @SuppressWarnings("unchecked")
    public final T retain() {
        if (pool == null) {
            return (T) this;
        }
        while (true) {
            int n = holders.get();
            if (n <= 0) {
                throw new IllegalStateException(describe() + " retained with " + n
                        + " holders: it is back in its pool; retain it before the call that handed it over returns");
            }
            if (holders.compareAndSet(n, n + 1)) {
                return (T) this;
            }
        }
    }

    /**
     * Gives up one hold; the last returns a pooled object to its pool (nothing for an unpooled one).
     *
     * @throws IllegalStateException when there was no hold to give up (released once too often)
     */
    @SuppressWarnings("unchecked")
    public final void release() {
        if (pool == null) {
            return;
        }
        int n = holders.decrementAndGet();
        if (n == 0) {
            pool.giveBack((T) this);
        } else if (n < 0) {
            holders.incrementAndGet();
            throw new IllegalStateException(describe() + " released once more than it was retained");
        }
    }

    /** The pool's hand-out: the first hold, the acquirer's. */
    final void takeFirstHold() {
        if (!holders.compareAndSet(0, 1)) {
            throw new IllegalStateException(describe() + " handed out of its pool with " + holders.get() + " holders");
        }
    }
}
