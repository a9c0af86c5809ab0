package org.hilbridge.hil.runner;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded hand-off from the simulation thread to one consumer. {@link #offer} never blocks: when the
 * queue is full the oldest element is dropped (and counted), so a slow consumer loses its own oldest
 * samples and never slows the simulation or other consumers.
 */
public final class SinkQueue<T> {
    private final int capacity;
    private final ArrayDeque<T> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private boolean lossless;
    private long dropped;
    private long offered;

    public SinkQueue(int capacity) {
        this(capacity, false);
    }

    /**
     * A queue whose {@link #offer} waits for room instead of dropping: for consumers that must see every
     * item (the recorder in fast and lockstep runs). Its consumer must keep polling until the end.
     */
    public static <T> SinkQueue<T> lossless(int capacity) {
        return new SinkQueue<>(capacity, true);
    }

    private SinkQueue(int capacity, boolean lossless) {
        this.lossless = lossless;
        if (capacity < 1) {
            throw new IllegalArgumentException("sinks.queue_capacity = " + capacity + " is not allowed: it must be >= 1");
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    /** Adds {@code item}, dropping the oldest if full. Never blocks beyond the short lock. */
    public void offer(T item) {
        lock.lock();
        try {
            offered++;
            while (lossless && items.size() == capacity) {
                notFull.awaitUninterruptibly();
            }
            if (items.size() == capacity) {
                items.pollFirst();
                dropped++;
            }
            items.addLast(item);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest item, waiting up to {@code timeoutNanos}; null on timeout. */
    public T poll(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (items.isEmpty()) {
                if (left <= 0) {
                    return null;
                }
                left = notEmpty.awaitNanos(left);
            }
            T first = items.pollFirst();
            notFull.signal();
            return first;
        } finally {
            lock.unlock();
        }
    }

    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        return poll(unit.toNanos(timeout));
    }

    /**
     * The consumer has stopped (its thread ended): from now on {@link #offer} drops instead of waiting, so a
     * lossless queue never blocks the producer forever.
     */
    public void abandon() {
        lock.lock();
        try {
            lossless = false;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    public long offered() {
        lock.lock();
        try {
            return offered;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }
}
