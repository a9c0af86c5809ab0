package org.hilbridge.hil.runner;

import org.hilbridge.hil.arbiter.AppliedCommand;

/**
 * Replaces the controller in a replay: the commands a recorded run applied, handed back at the steps where
 * they took effect (see {@link CommandTap}). The runner puts them straight into force (the arbiter's
 * checks already passed when they were recorded) and paces fast, waiting for nobody.
 */
public interface CommandFeed {
    /** The command that takes effect at the step starting at {@code stepNanos}, or null if none does. */
    AppliedCommand commandAt(long stepNanos);

    /** Whether the recorded run found the lockstep controller silent at that step. */
    boolean controllerSilentAt(long stepNanos);
}
