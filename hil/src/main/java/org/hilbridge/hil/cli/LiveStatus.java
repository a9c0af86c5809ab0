package org.hilbridge.hil.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.hil.arbiter.CommandArbiter;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * The demo's live status: sim time, real-time factor, each stream's rate and the loop latency (p50/p99,
 * capture to command). A sink on the runner counts samples (its own thread, never the simulation's); a
 * daemon thread prints one line per period: rewritten in place with a carriage return on a terminal,
 * one line after another otherwise (a log, a pipe, CI).
 */
final class LiveStatus implements SampleSink, AutoCloseable {
    private final PrintStream out;
    private final CommandArbiter arbiter;
    private final boolean terminal;
    private final long periodMs;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastCounts = new TreeMap<>();
    private volatile long simNanos;
    private volatile boolean running = true;
    private Thread thread;
    private int lastWidth;

    LiveStatus(PrintStream out, CommandArbiter arbiter, boolean terminal, long periodMs) {
        this.out = out;
        this.arbiter = arbiter;
        this.terminal = terminal;
        this.periodMs = periodMs;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public void accept(SensorSample s) {
        counts.computeIfAbsent(s.streamId(), k -> new AtomicLong()).incrementAndGet();
        if (s.captureNanos() > simNanos) {
            simNanos = s.captureNanos();
        }
    }

    void start() {
        thread = new Thread(this::loop, "demo-status");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long lastWall = System.nanoTime();
        long lastSim = simNanos;
        while (running) {
            try {
                Thread.sleep(periodMs);
            } catch (InterruptedException e) {
                return;
            }
            long wall = System.nanoTime();
            long sim = simNanos;
            double wallS = (wall - lastWall) / 1e9;
            String line = line(sim, (sim - lastSim) / 1e9 / wallS, wallS);
            lastWall = wall;
            lastSim = sim;
            synchronized (this) {
                if (!running) {
                    return;
                }
                if (terminal) {
                    // Pad over the previous line's tail, then return to the start without a newline.
                    out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
                    lastWidth = line.length();
                } else {
                    out.println(line);
                }
                out.flush();
            }
        }
    }

    private String line(long sim, double realTimeFactor, double wallS) {
        StringBuilder rates = new StringBuilder();
        for (Map.Entry<String, AtomicLong> e : new TreeMap<>(counts).entrySet()) {
            long now = e.getValue().get();
            long before = lastCounts.getOrDefault(e.getKey(), 0L);
            lastCounts.put(e.getKey(), now);
            rates.append(String.format(" %s %.0f", e.getKey(), (now - before) / wallS));
        }
        LatencySummary l = arbiter.stats().allStreams();
        String latency = l.count() == 0 ? "no commands yet" : String.format("p50 %.1f ms p99 %.1f ms", l.p50Nanos() / 1e6, l.p99Nanos() / 1e6);
        return String.format("demo: t=%6.1f s  %.2fx real time  Hz:%s  loop latency %s", sim / 1e9, realTimeFactor, rates, latency);
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
            if (terminal && lastWidth > 0) {
                out.println();
                out.flush();
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
