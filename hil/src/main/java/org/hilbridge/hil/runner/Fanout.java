package org.hilbridge.hil.runner;

import org.hilbridge.bridge.link.SampleSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.sim.sensor.SensorSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every published sample to every sink through the sink's own bounded queue and thread. Publishing
 * never blocks on a sink; a sink that throws is logged and keeps receiving.
 *
 * <p>Pooled camera frames (CameraFrame's ownership rule): each sink's queue entry is a hold, taken in
 * {@link #publish} and given up when the sink's {@code accept} has returned (or threw), or when the queue drops
 * the entry to make room. A sink that keeps a frame (or an array of its image) past its {@code accept} takes a
 * hold of its own. Entries still queued when a sink stops are never accepted, and their holds are never given
 * up: those images are garbage collected, not reused.
 */
final class Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final List<Attached> sinks = new ArrayList<>();
    private volatile boolean closing;

    void attach(SampleSink sink, int queueCapacity) {
        attach(sink, new SinkQueue<>(queueCapacity), false);
    }

    /** A sink whose full queue makes the publisher wait instead of dropping (see {@link Runner#attachLossless}). */
    void attachLossless(SampleSink sink, int queueCapacity) {
        attach(sink, SinkQueue.lossless(queueCapacity), true);
    }

    private void attach(SampleSink sink, SinkQueue<SensorSample> queue, boolean lossless) {
        for (Attached a : sinks) {
            if (a.sink.name().equals(sink.name())) {
                throw new IllegalArgumentException("a sink named '" + sink.name() + "' is already attached");
            }
        }
        sinks.add(new Attached(sink, queue, lossless));
    }

    void start() {
        for (Attached a : sinks) {
            a.thread = new Thread(() -> drain(a), "sink-" + a.sink.name());
            a.thread.setDaemon(true);
            a.thread.start();
        }
    }

    void publish(SensorSample sample) {
        for (int i = 0; i < sinks.size(); i++) {
            SensorSample lost = sinks.get(i).queue.offer(sample.retain());
            if (lost != null) {
                lost.release();
            }
        }
    }

    private void drain(Attached a) {
        try {
            while (true) {
                SensorSample s = a.queue.poll(20, TimeUnit.MILLISECONDS);
                if (s == null) {
                    if (closing) {
                        break;
                    }
                    continue;
                }
                try {
                    a.sink.accept(s);
                } catch (Exception e) {
                    a.failures++;
                    LOG.warn("sink {} failed on {} #{}: {}", a.sink.name(), s.streamId(), s.sequence(), e.toString());
                } finally {
                    s.release(); // the queue entry's hold; a sink that kept the frame took its own
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            a.queue.abandon(); // a lossless sink that stopped (even by an Error) must not block the simulation
            a.sink.close();
        }
    }

    /**
     * Lets each sink drain what it has (up to {@code waitMillis}; a lossless sink as long as it takes, since
     * it must see every sample), then stops the threads.
     */
    void close(long waitMillis) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (Attached a : sinks) {
            if (a.thread != null && a.lossless) {
                a.thread.join();
            } else if (a.thread != null) {
                a.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (a.thread.isAlive()) {
                    a.thread.interrupt();
                }
            }
        }
    }

    /** Samples each sink lost to its full queue. */
    Map<String, Long> drops() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Attached a : sinks) {
            out.put(a.sink.name(), a.queue.dropped());
        }
        return out;
    }

    private static final class Attached {
        final SampleSink sink;
        final SinkQueue<SensorSample> queue;
        final boolean lossless;
        Thread thread;
        long failures;

        Attached(SampleSink sink, SinkQueue<SensorSample> queue, boolean lossless) {
            this.sink = sink;
            this.queue = queue;
            this.lossless = lossless;
        }
    }
}
