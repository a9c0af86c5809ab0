package org.hilbridge.bridge.socket.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.sim.command.VehicleCommand;

/**
 * A CommandIntake for the server's tests: an exclusive lease (the arbiter's rule: only the holder may
 * command; a free lease goes to whoever asks) without expiry, and a record of what was submitted.
 */
final class RecordingIntake implements CommandIntake {
    record Submitted(String source, VehicleCommand command, SampleRef basedOn) {
    }

    final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    private String holder;

    @Override
    public synchronized Verdict submit(String source, VehicleCommand command, SampleRef basedOn) {
        if (holder == null || !holder.equals(source)) {
            return Verdict.REFUSED_NO_LEASE;
        }
        submitted.add(new Submitted(source, command, basedOn));
        return Verdict.ACCEPTED;
    }

    @Override
    public synchronized Verdict submitStamped(String source, VehicleCommand command, long stampNanos) {
        throw new UnsupportedOperationException("the socket never submits stamped commands");
    }

    @Override
    public synchronized Verdict submitUnattributed(String source, VehicleCommand command) {
        if (holder == null || !holder.equals(source)) {
            return Verdict.REFUSED_NO_LEASE;
        }
        submitted.add(new Submitted(source, command, null));
        return Verdict.ACCEPTED_UNATTRIBUTED;
    }

    @Override
    public synchronized boolean acquireLease(String source) {
        if (holder == null) {
            holder = source;
        }
        return holder.equals(source);
    }

    @Override
    public synchronized boolean renewLease(String source) {
        return source.equals(holder);
    }

    @Override
    public synchronized void releaseLease(String source) {
        if (source != null && source.equals(holder)) {
            holder = null;
        }
    }

    @Override
    public synchronized String leaseHolder() {
        return holder;
    }

    /** The lease expires (the arbiter's timeout): nobody holds it. */
    synchronized void expire() {
        holder = null;
    }
}
