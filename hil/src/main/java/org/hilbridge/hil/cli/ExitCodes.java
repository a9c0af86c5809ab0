package org.hilbridge.hil.cli;

/**
 * Exit codes of every hilbridge command. A run stopped by SIGINT or SIGTERM prints its summary and exits
 * with the shell's usual 130 or 143.
 */
final class ExitCodes {
    /** The run completed and every criterion passed; check: the scenario is valid. */
    static final int OK = 0;
    /** The run completed and a criterion failed. */
    static final int CRITERIA_FAILED = 1;
    /** Bad input: scenario, configuration, file or command line; the message names the key and value. */
    static final int BAD_INPUT = 2;
    /** Something went wrong inside hilbridge (a bug): the stack trace is printed. */
    static final int INTERNAL_ERROR = 3;

    private ExitCodes() {
    }
}
