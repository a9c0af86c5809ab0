package org.hilbridge.hil.fault;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * Releases held samples at sim times, on the simulation thread, at the first step at or after each
 * release time: a fast or lockstep run delivers the same samples at the same sim steps every time.
 * Not thread-safe: only the simulation thread calls it.
 */
public final class SimTimeHandOff implements DelayedHandOff {
    private final Consumer<SensorSample> deliver;
    private final Map<String, ArrayDeque<Held>> byStream = new HashMap<>();
    private final List<ArrayDeque<Held>> queues = new ArrayList<>();

    /** @param deliver where due samples go (the fanout to the transports) */
    public SimTimeHandOff(Consumer<SensorSample> deliver) {
        this.deliver = deliver;
    }

    @Override
    public void schedule(SensorSample s, long releaseNanos, long nowNanos) {
        ArrayDeque<Held> q = byStream.get(s.streamId());
        if (q == null) {
            q = new ArrayDeque<>();
            byStream.put(s.streamId(), q);
            queues.add(q);
        }
        q.addLast(new Held(s.retain(), releaseNanos)); // held past this call: a hold on a pooled frame (CameraFrame)
    }

    @Override
    public boolean holds(String streamId) {
        ArrayDeque<Held> q = byStream.get(streamId);
        return q != null && !q.isEmpty();
    }

    @Override
    public void releaseDue(long nowNanos) {
        for (int i = 0; i < queues.size(); i++) {
            ArrayDeque<Held> q = queues.get(i);
            while (!q.isEmpty() && q.peekFirst().releaseNanos <= nowNanos) {
                deliverAndRelease(q.pollFirst().sample);
            }
        }
    }

    /** The fanout takes its own holds while it publishes; then the hold taken in {@link #schedule} goes. */
    private void deliverAndRelease(SensorSample s) {
        try {
            deliver.accept(s);
        } finally {
            s.release();
        }
    }

    @Override
    public void flush() {
        for (ArrayDeque<Held> q : queues) {
            while (!q.isEmpty()) {
                deliverAndRelease(q.pollFirst().sample);
            }
        }
    }

    private record Held(SensorSample sample, long releaseNanos) {
    }
}
