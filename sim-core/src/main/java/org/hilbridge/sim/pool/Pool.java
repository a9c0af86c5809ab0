package org.hilbridge.sim.pool;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reference-counted objects ({@link Pooled}) to write into again and again instead of allocating one per use
 * (issue 7: a camera's images, an augmentation's output pixels). {@link #acquire()} hands out an object with one
 * hold (the acquirer's); it comes back when its last holder releases it. When every object is out, the pool makes
 * a new one (counted in {@link #createdWhenEmpty()}) rather than fail or wait, so a producer never waits for its
 * consumers and the count shows how many more objects the holders needed; from then on that object circulates
 * too. The pool keeps only the objects that are in: one a holder never releases is garbage collected like any
 * object.
 *
 * <p>Thread-safe: any thread acquires, any holder's thread may return. A plain monitor guards the free list (a
 * contended monitor waits without allocating on the Java heap; a ReentrantLock's queue node would, on whichever
 * thread releases, the simulation thread included).
 *
 * @param <T> what the pool holds
 */
public final class Pool<T extends Pooled<T>> {
    private final String what;
    private final Function<Pool<T>, T> make;
    private final Object lock = new Object();
    /** The objects in the pool, {@code free[0..freeCount)}. */
    private Object[] free;
    private int freeCount;
    private final int initial;
    private int createdWhenEmpty;

    /**
     * Makes {@code initial} objects now (before their first use).
     *
     * @param what    what the objects are, for error messages ("camera image")
     * @param make    makes a new object belonging to the pool it is given (no holds)
     * @param initial objects made now; at least 1
     */
    public Pool(String what, Function<Pool<T>, T> make, int initial) {
        this.what = Objects.requireNonNull(what, "what");
        this.make = Objects.requireNonNull(make, "make");
        if (initial < 1) {
            throw new IllegalArgumentException(what + " pool of " + initial + " is not allowed: it must hold at least 1");
        }
        this.initial = initial;
        this.free = new Object[initial];
        for (int i = 0; i < initial; i++) {
            free[freeCount++] = newObject();
        }
    }

    private T newObject() {
        T t = make.apply(this);
        if (t.holders() != 0 || !t.pooled()) {
            throw new IllegalStateException(what + " made for a pool must belong to it and be held by no one");
        }
        return t;
    }

    /** An object no one holds, with one hold (the caller's): from the pool, or new when the pool is empty. */
    @SuppressWarnings("unchecked")
    public T acquire() {
        T t;
        synchronized (lock) {
            if (freeCount > 0) {
                t = (T) free[--freeCount];
                free[freeCount] = null;
            } else {
                createdWhenEmpty++;
                t = null;
            }
        }
        if (t == null) {
            t = newObject(); // outside the monitor: a large object's allocation holds up no one returning theirs
        }
        t.takeFirstHold();
        return t;
    }

    /** From {@link Pooled#release()}: the last holder let {@code t} go. */
    void giveBack(T t) {
        synchronized (lock) {
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, Math.max(initial + createdWhenEmpty, free.length + 1)); // only after the pool grew
            }
            free[freeCount++] = t;
        }
    }

    /** Objects made because every object was out (0 in a run whose holders let go in time). */
    public long createdWhenEmpty() {
        synchronized (lock) {
            return createdWhenEmpty;
        }
    }

    /** Objects made in all (the initial ones and those made when empty). */
    public int created() {
        synchronized (lock) {
            return initial + createdWhenEmpty;
        }
    }

    /** Objects in the pool now (not held by anyone). */
    public int available() {
        synchronized (lock) {
            return freeCount;
        }
    }
}
