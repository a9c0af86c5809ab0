package org.hilbridge.hil.events;

/** Something that happened in a run, at a sim time: what pass/fail criteria and reports look at. */
public record RunEvent(long simNanos, Kind kind, String detail) {
    public enum Kind {
        WATCHDOG_STOP, WATCHDOG_RESUMED, COLLISION, GOAL_REACHED, LEASE_GRANTED, LEASE_RELEASED, LEASE_EXPIRED,
        FAULT_START, FAULT_END, OVERTURNED, STOPPED_BY_REQUEST, REALTIME_OVERRUN
    }
}
