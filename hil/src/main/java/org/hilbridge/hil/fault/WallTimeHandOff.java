package org.hilbridge.hil.fault;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * Releases held samples at wall times on its own thread (realtime runs): a sample held for d of sim time
 * leaves d / realtime_factor of wall time after it was handed over, to within the scheduler's resolution,
 * whatever the simulation thread is doing. The simulation thread only enqueues (a short lock, never a wait).
 *
 * <p>Order per stream: each stream's samples wait in a FIFO with non-decreasing deadlines, and every timer
 * task delivers the stream's due head entries in order, so a timer firing early or late cannot reorder them.
 */
public final class WallTimeHandOff implements DelayedHandOff {
    private final Consumer<SensorSample> deliver;
    private final double realtimeFactor;
    private final ScheduledThreadPoolExecutor timer;
    private final ConcurrentHashMap<String, Stream> streams = new ConcurrentHashMap<>();

    /**
     * @param deliver        where due samples go (the fanout to the transports; called on the timer thread)
     * @param realtimeFactor sim seconds per wall second ({@code runner.realtime_factor})
     */
    public WallTimeHandOff(Consumer<SensorSample> deliver, double realtimeFactor) {
        if (!(realtimeFactor > 0) || !Double.isFinite(realtimeFactor)) {
            throw new IllegalArgumentException("realtime factor " + realtimeFactor + " is not allowed: it must be a finite number > 0");
        }
        this.deliver = deliver;
        this.realtimeFactor = realtimeFactor;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fault-latency");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void schedule(SensorSample s, long releaseNanos, long nowNanos) {
        long delayWallNanos = Math.max(0, Math.round((releaseNanos - nowNanos) / realtimeFactor));
        Stream stream = streams.computeIfAbsent(s.streamId(), k -> new Stream());
        long deadline;
        synchronized (stream) {
            deadline = Math.max(System.nanoTime() + delayWallNanos, stream.lastDeadline);
            stream.lastDeadline = deadline;
            stream.held.addLast(new Held(s.retain(), deadline)); // held past this call: a hold on a pooled frame (CameraFrame)
        }
        timer.schedule(() -> releaseDue(stream, false), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean holds(String streamId) {
        Stream stream = streams.get(streamId);
        if (stream == null) {
            return false;
        }
        synchronized (stream) {
            return !stream.held.isEmpty();
        }
    }

    /** Nothing to do on the simulation thread: the timer thread releases. */
    @Override
    public void releaseDue(long nowNanos) {
    }

    private void releaseDue(Stream stream, boolean all) {
        while (true) {
            SensorSample next;
            synchronized (stream) {
                Held h = stream.held.peekFirst();
                if (h == null || (!all && h.deadline - System.nanoTime() > 0)) {
                    return;
                }
                stream.held.pollFirst();
                next = h.sample;
            }
            // One delivering thread (the timer's, or the caller of flush after the timer stopped): order holds.
            try {
                deliver.accept(next);
            } finally {
                next.release(); // the fanout took its own holds; the one taken in schedule goes
            }
        }
    }

    @Override
    public void flush() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(1, TimeUnit.SECONDS);
        for (Stream s : streams.values()) {
            releaseDue(s, true);
        }
    }

    private static final class Stream {
        final ArrayDeque<Held> held = new ArrayDeque<>();
        long lastDeadline = Long.MIN_VALUE;
    }

    private record Held(SensorSample sample, long deadline) {
    }
}
