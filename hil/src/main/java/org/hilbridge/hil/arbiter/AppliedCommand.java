package org.hilbridge.hil.arbiter;

import org.hilbridge.bridge.link.SampleRef;

import org.hilbridge.sim.command.VehicleCommand;

/**
 * The command in force: what, from whom, computed from which sample (null if unattributed), and when it was
 * accepted (sim time), with the named sample's capture time (or -1).
 */
public record AppliedCommand(VehicleCommand command, String source, SampleRef basedOn, long acceptedSimNanos, long sampleCaptureNanos) {
    /** Loop latency in sim time, from the named sample's capture to this command's acceptance; -1 if unattributed. */
    public long loopLatencyNanos() {
        return sampleCaptureNanos < 0 ? -1 : acceptedSimNanos - sampleCaptureNanos;
    }
}
