package org.hilbridge.hil.runner;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-off from the simulation thread to one consumer. {@link #offer} never blocks: when the
 * queue is full the oldest element is dropped (and counted), so a slow consumer loses its own oldest
 * samples and never slows the simulation or other consumers.
 */
public final class SinkQueue<T> {
    private final int capacity;
    private final ArrayDeque<T> items;
    /**
     * A plain monitor, not a ReentrantLock: the simulation thread offers every sample, and a contended
     * ReentrantLock allocates a queue node on the Java heap (AbstractQueuedSynchronizer) where a contended
     * monitor does not (issue 7). One producer and one consumer wait on it, for room and for items:
     * {@code notifyAll} wakes whichever waits.
     */
    private final Object lock = new Object();
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

    /**
     * Adds {@code item}, dropping the oldest if full. Never blocks beyond the short lock.
     *
     * @return the item dropped to make room (the caller gives up what it held for it), or null
     */
    public T offer(T item) {
        synchronized (lock) {
            offered++;
            boolean interrupted = false;
            while (lossless && items.size() == capacity) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // offer does not give up a lossless item; the flag is kept for the caller
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            T lost = null;
            if (items.size() == capacity) {
                lost = items.pollFirst();
                dropped++;
            }
            items.addLast(item);
            lock.notifyAll();
            return lost;
        }
    }

    /** The oldest item, waiting up to {@code timeoutNanos}; null on timeout. */
    public T poll(long timeoutNanos) throws InterruptedException {
        synchronized (lock) {
            long deadline = System.nanoTime() + timeoutNanos;
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            T first = items.pollFirst();
            lock.notifyAll();
            return first;
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
        synchronized (lock) {
            lossless = false;
            lock.notifyAll();
        }
    }

    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    public long offered() {
        synchronized (lock) {
            return offered;
        }
    }

    public int size() {
        synchronized (lock) {
            return items.size();
        }
    }
}
