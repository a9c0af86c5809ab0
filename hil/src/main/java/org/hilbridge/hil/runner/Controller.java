package org.hilbridge.hil.runner;

import org.hilbridge.sim.command.CommandSlot;
import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * An in-process controller: it sees samples and answers with commands computed from them, so a test (or
 * a built-in driver) can close the loop without any transport. The runner submits each command to the
 * arbiter naming the sample it was computed from: an asynchronous controller's {@link #onSample} answer from
 * its own thread, a synchronous controller's {@link #answer} on the simulation thread.
 */
public interface Controller {
    /** The command source name the arbiter records, e.g. "inproc:route_follower". */
    String name();

    /** Whether this controller wants to see {@code sample} (by default: all). */
    default boolean wants(SensorSample sample) {
        return true;
    }

    /** The command computed from {@code sample}, or null to send none for it (an asynchronous controller's thread calls this). */
    VehicleCommand onSample(SensorSample sample) throws Exception;

    /**
     * What the runner calls for a synchronous controller ({@code Runner.attachSynchronous}), on the simulation
     * thread: writes the command computed from {@code sample} into {@code out} (the runner's reusable slot; the
     * arbiter copies what it accepts) and returns true, or returns false to send none. The default calls
     * {@link #onSample} and copies its answer, so it allocates what onSample allocates; a controller that drives
     * realtime runs overrides this to write its fields into {@code out} and allocate nothing (issue 7: no
     * steady-state allocation on the simulation thread).
     */
    default boolean answer(SensorSample sample, CommandSlot out) throws Exception {
        VehicleCommand c = onSample(sample);
        if (c == null) {
            return false;
        }
        out.set(c);
        return true;
    }
}
