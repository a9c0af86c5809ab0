package org.hilbridge.bridge.link;

import org.hilbridge.sim.command.VehicleCommand;

/**
 * Where every transport delivers the commands it receives (the runner's command arbiter implements it).
 * Thread-safe: transports call it from their own I/O threads.
 */
public interface CommandIntake {
    /** A command computed from the sample {@code basedOn} (protobuf: stream id and sequence). */
    Verdict submit(String source, VehicleCommand command, SampleRef basedOn);

    /** A command stamped with the capture time of the sample it was computed from (ROS stamped commands). */
    Verdict submitStamped(String source, VehicleCommand command, long stampNanos);

    /** A command that names no sample (a plain Twist): applied, but no loop latency can be measured. */
    Verdict submitUnattributed(String source, VehicleCommand command);

    /** Asks for the exclusive control lease; true when {@code source} holds it afterwards. */
    boolean acquireLease(String source);

    /** Renews the lease; false when {@code source} does not hold it. */
    boolean renewLease(String source);

    /** Gives the lease back (nothing happens when {@code source} does not hold it). */
    void releaseLease(String source);

    /** Who holds the lease now, or null. */
    String leaseHolder();
}
