package org.hilbridge.hil.runner;

import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * An in-process controller: it sees samples and answers with commands computed from them, so a test (or
 * a built-in driver) can close the loop without any transport. The runner submits each command to the
 * arbiter naming the sample it was computed from.
 */
public interface Controller {
    /** The command source name the arbiter records, e.g. "inproc:route_follower". */
    String name();

    /** Whether this controller wants to see {@code sample} (by default: all). */
    default boolean wants(SensorSample sample) {
        return true;
    }

    /** The command computed from {@code sample}, or null to send none for it. */
    VehicleCommand onSample(SensorSample sample) throws Exception;
}
