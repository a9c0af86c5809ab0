package org.hilbridge.hil.runner;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.hil.arbiter.CommandArbiter;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.events.RunEvents;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.time.SimTime;

/**
 * Switches the scenario's scheduled faults on and off at their sim times, logging each edge: command_loss
 * (the arbiter drops every command) and gnss_outage (the targeted GNSS, or every GNSS, loses its fix).
 */
final class FaultSchedule {
    private final List<Scenario.FaultSpec> faults;
    private final boolean[] on;
    private final CommandArbiter arbiter;
    private final List<GnssSensor> gnss = new ArrayList<>();
    private final boolean[] gnssOut;
    private final RunEvents events;

    FaultSchedule(List<Scenario.FaultSpec> faults, CommandArbiter arbiter, List<Sensor> sensors, RunEvents events) {
        this.faults = faults;
        this.on = new boolean[faults.size()];
        this.arbiter = arbiter;
        this.events = events;
        for (Sensor s : sensors) {
            if (s instanceof GnssSensor g) {
                gnss.add(g);
            }
        }
        gnssOut = new boolean[gnss.size()];
    }

    void apply(long nowNanos) {
        boolean dropping = false;
        for (int g = 0; g < gnss.size(); g++) {
            gnssOut[g] = false;
        }
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
            if (active && f.kind().equals("gnss_outage")) {
                for (int g = 0; g < gnss.size(); g++) {
                    gnssOut[g] |= f.target() == null || f.target().equals(gnss.get(g).streamId());
                }
            }
        }
        arbiter.setDropping(dropping);
        for (int g = 0; g < gnss.size(); g++) {
            gnss.get(g).setOutage(gnssOut[g]);
        }
    }
}
