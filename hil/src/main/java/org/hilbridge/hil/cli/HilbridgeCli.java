package org.hilbridge.hil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The hilbridge command line. Subcommands are small classes of their own. */
@Command(name = "hilbridge", mixinStandardHelpOptions = true, version = "hilbridge 0.1.0",
        description = "Simulation bridge for hardware-in-the-loop testing of autonomous ground vehicles.",
        subcommands = {RunCommand.class, CheckCommand.class, DemoCommand.class, ReplayCommand.class, MetricsCommand.class,
                RegressCommand.class, org.hilbridge.hil.stack.StackMain.class})
public final class HilbridgeCli implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        org.hilbridge.hil.ProcessExit.exit(commandLine().execute(args));
    }

    /** The command line, with bad input reported as one clear line (exit code 2) instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HilbridgeCli());
        cl.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                command.getErr().println("hilbridge: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            command.getErr().println("hilbridge: internal error (please report it):");
            e.printStackTrace(command.getErr());
            return ExitCodes.INTERNAL_ERROR;
        });
        return cl;
    }
}
