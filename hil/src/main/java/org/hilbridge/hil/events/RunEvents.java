package org.hilbridge.hil.events;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.sim.time.SimTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The run's event log: kept for criteria and reports, and logged as it happens. Thread-safe. */
public final class RunEvents {
    private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);

    private final List<RunEvent> events = new ArrayList<>();

    public void record(long simNanos, RunEvent.Kind kind, String detail) {
        RunEvent e = new RunEvent(simNanos, kind, detail);
        synchronized (events) {
            events.add(e);
        }
        if (kind == RunEvent.Kind.WATCHDOG_STOP || kind == RunEvent.Kind.COLLISION || kind == RunEvent.Kind.OVERTURNED
                || kind == RunEvent.Kind.LEASE_EXPIRED) {
            LOG.warn("t={} s {}: {}", String.format("%.3f", SimTime.toSeconds(simNanos)), kind, detail);
        } else {
            LOG.info("t={} s {}: {}", String.format("%.3f", SimTime.toSeconds(simNanos)), kind, detail);
        }
    }

    public List<RunEvent> all() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public List<RunEvent> of(RunEvent.Kind kind) {
        List<RunEvent> out = new ArrayList<>();
        for (RunEvent e : all()) {
            if (e.kind() == kind) {
                out.add(e);
            }
        }
        return out;
    }
}
