package org.hilbridge.hil.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hilbridge stack}: the reference autonomy stack as its own process. It connects to a bridge's
 * protobuf socket, drives the scenario it is given until the bridge closes the session (or SIGINT/SIGTERM),
 * prints its report every few seconds and at the end. Exit codes: 0 done, 2 bad input, 4 the bridge could
 * not be reached or refused the session.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Run the reference autonomy stack (a test stand-in) against a bridge's protobuf socket.")
public final class StackMain implements Callable<Integer> {
    /** The bridge was not reachable, or refused the session. */
    public static final int NO_BRIDGE = 4;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bridge address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "7447", description = "Bridge protobuf socket port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", description = "Session token, when the bridge requires one.")
    String token;

    @Option(names = "--scenario", required = true, paramLabel = "YAML", description = "The scenario the bridge runs: the stack reads its route, vehicle and sensor names.")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "The run's scenario overrides (repeatable); bridge keys are ignored.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--cruise-speed-mps", defaultValue = "6.0", description = "Speed on clear ground (default: ${DEFAULT-VALUE}).")
    double cruiseSpeedMps;

    @Option(names = "--mud-speed-mps", defaultValue = "3.0", description = "Speed while the camera sees mud ahead (default: ${DEFAULT-VALUE}).")
    double mudSpeedMps;

    @Option(names = "--lookahead-m", defaultValue = "6.0", description = "Pure-pursuit look-ahead (default: ${DEFAULT-VALUE}).")
    double lookaheadM;

    @Option(names = "--camera-rule", defaultValue = "true", arity = "1", description = "Slow down for mud the camera sees (default: ${DEFAULT-VALUE}).")
    boolean cameraRule;

    @Option(names = "--camera-rate-hz", defaultValue = "10", description = "Camera frames per second asked for (default: ${DEFAULT-VALUE}).")
    double cameraRateHz;

    @Option(names = "--ping-every-ms", defaultValue = "500", description = "Time-sync ping period (default: ${DEFAULT-VALUE}).")
    long pingEveryMs;

    @Option(names = "--connect-timeout-s", defaultValue = "30", description = "How long to try to reach the bridge (default: ${DEFAULT-VALUE}).")
    double connectTimeoutS;

    @Option(names = "--report-every-s", defaultValue = "5", description = "Report period; 0: only at the end (default: ${DEFAULT-VALUE}).")
    double reportEveryS;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        StackSettings s = new StackSettings(host, port, token, "reference-stack", scenario, overrides, cruiseSpeedMps, mudSpeedMps, lookaheadM, cameraRule,
                cameraRateHz, pingEveryMs, true);
        CountDownLatch finished = new CountDownLatch(1);
        try (ReferenceStack stack = new ReferenceStack(s)) {
            Thread hook = new Thread(() -> {
                out.println(stack.report().line());
                out.flush();
                finished.countDown();
            }, "stack-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stack.start((long) (connectTimeoutS * 1000));
            } catch (TimeoutException e) {
                System.err.printf("hilbridge stack: no bridge answered on %s:%d within %.0f s%n", host, port, connectTimeoutS);
                return NO_BRIDGE;
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.printf("hilbridge stack: the bridge on %s:%d refused the session: %s%n", host, port, e.getCause().getMessage());
                return NO_BRIDGE;
            }
            out.printf("hilbridge stack: connected to %s:%d, driving %s%n", host, port, scenario);
            out.flush();
            long everyMs = (long) (reportEveryS * 1000);
            long next = reportEveryS > 0 ? System.currentTimeMillis() + everyMs : Long.MAX_VALUE;
            while (!stack.disconnected().isDone()) {
                try {
                    stack.disconnected().get(Math.max(1, Math.min(200, next - System.currentTimeMillis())), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (reportEveryS > 0 && System.currentTimeMillis() >= next) {
                        out.println(stack.report().line());
                        out.flush();
                        next += everyMs;
                    }
                }
            }
            out.println("hilbridge stack: the bridge closed the session");
            Runtime.getRuntime().removeShutdownHook(hook);
            out.println(stack.report().line());
            out.flush();
            return 0;
        }
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new StackMain());
        cl.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                command.getErr().println("hilbridge stack: " + e.getMessage());
                return 2;
            }
            command.getErr().println("hilbridge stack: internal error (please report it):");
            e.printStackTrace(command.getErr());
            return 3;
        });
        org.hilbridge.hil.ProcessExit.exit(cl.execute(args));
    }
}
