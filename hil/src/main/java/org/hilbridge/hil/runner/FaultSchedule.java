package org.hilbridge.hil.runner;

import java.util.List;
import org.hilbridge.hil.arbiter.CommandArbiter;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.events.RunEvents;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.time.SimTime;

/** Switches the scenario's scheduled faults on and off at their sim times, logging each edge. */
final class FaultSchedule {
    private final List<Scenario.FaultSpec> faults;
    private final boolean[] on;
    private final CommandArbiter arbiter;
    private final RunEvents events;

    FaultSchedule(List<Scenario.FaultSpec> faults, CommandArbiter arbiter, RunEvents events) {
        this.faults = faults;
        this.on = new boolean[faults.size()];
        this.arbiter = arbiter;
        this.events = events;
    }

    void apply(long nowNanos) {
        boolean dropping = false;
        for (int i = 0; i < faults.size(); i++) {
            Scenario.FaultSpec f = faults.get(i);
            long start = SimTime.fromSeconds(f.atS());
            long end = start + SimTime.fromSeconds(f.durationS());
            boolean active = nowNanos >= start && nowNanos < end;
            if (active != on[i]) {
                on[i] = active;
                events.record(nowNanos, active ? RunEvent.Kind.FAULT_START : RunEvent.Kind.FAULT_END,
                        f.kind() + (f.target() == null ? "" : " on " + f.target()));
            }
            if (active && f.kind().equals("command_loss")) {
                dropping = true;
            }
        }
        arbiter.setDropping(dropping);
    }
}
