package org.hilbridge.hil.runner;

import org.hilbridge.hil.arbiter.AppliedCommand;

/**
 * Sees, on the simulation thread, what the vehicle was actually driven by: each time the command the runner
 * reads for a physics step differs from the previous step's, and each step at which lockstep found the
 * controller silent. The recorder writes these down so that a replay can apply them at the same steps. Must
 * not block (the recorder queues them for its own thread).
 */
public interface CommandTap {
    /** From the step starting at {@code stepNanos}, {@code command} is in force. */
    void applied(long stepNanos, AppliedCommand command);

    /** At the step starting at {@code stepNanos}, lockstep timed out waiting for the controller (a safe stop follows). */
    void controllerSilent(long stepNanos);
}
