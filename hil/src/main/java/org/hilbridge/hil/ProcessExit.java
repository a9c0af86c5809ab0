package org.hilbridge.hil;

/**
 * Ends the process with a command's exit code, unless the JVM is already shutting down: a SIGINT or SIGTERM starts the
 * JVM's shutdown (exit status 130 or 143), and the commands' shutdown hooks let the main thread finish the run's summary
 * first, after which the main thread comes here with its own code. Calling System.exit then races the signal's exit: on
 * JDK 17 {@code Shutdown.exit} halts at once with a nonzero status once the hooks are done and the VM is marked shut down,
 * before the signal's thread halts with 143, so the status was sometimes the command's 1 (seen in RosCliTest). So while a
 * shutdown is in progress the main thread returns instead, and the signal's exit ends the process with its own status.
 */
public final class ProcessExit {
    private ProcessExit() {
    }

    /** System.exit(code), or nothing where the JVM is already shutting down (it then exits with its own status). */
    public static void exit(int code) {
        if (!shuttingDown()) {
            System.exit(code);
        }
    }

    /**
     * Whether the JVM's shutdown has begun: Runtime.addShutdownHook throws IllegalStateException then (its documented
     * contract), and a hook that is registered is removed again at once.
     */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { }, "hilbridge-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }
}
