package org.hilbridge.hil.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.stack.StackMain;
import org.hilbridge.sim.time.SimTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hilbridge demo}: the main job as a newcomer first sees it. The off-road course scenario
 * (launch/scenarios/offroad_course.yaml) runs in real time, closed loop with the reference autonomy stack in
 * a child process ({@code hilbridge stack}, started and stopped here) over the protobuf socket on 127.0.0.1;
 * a live status line shows sim time, real-time factor, stream rates and loop latency, and the summary says
 * whether the goal was reached. {@code --fast} keeps the old headless mode for CI: fast pacing with the
 * built-in in-process route follower, no socket, no child process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the off-road course in real time, closed loop with the reference autonomy stack in a child process,",
                "with a live status line and a summary (--fast: headless with the built-in route follower)."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration-s", paramLabel = "S", description = "Sim time to run (default: the scenario's).")
    Double durationS;

    @Option(names = "--seed", description = "Scenario seed (default: the scenario's).")
    Long seed;

    @Option(names = "--fast", description = "Fast pacing with the built-in in-process route follower (no stack process, no socket).")
    boolean fast;

    @Option(names = "--pacing", paramLabel = "MODE", defaultValue = "realtime",
            description = "Pacing of the closed-loop demo: realtime (default) or lockstep (reproducible, as fast as the stack answers).")
    String pacing;

    @Option(names = "--status-every-ms", defaultValue = "500", description = "Status line period (default: ${DEFAULT-VALUE}).")
    long statusEveryMs;

    @Option(names = "--stack-arg", paramLabel = "ARG", description = "An extra argument for the stack process (repeatable), e.g. --stack-arg=--cruise-speed-mps=4.")
    List<String> stackArgs = new ArrayList<>();

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--plot", paramLabel = "PNG", description = "Also write a top-down plot of the course and the trajectory.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        Path scenario = DefaultScenario.path();
        if (!Files.isRegularFile(scenario)) {
            throw new IllegalArgumentException("the demo scenario " + scenario + " is missing: run ./hilbridge from the hilbridge checkout");
        }
        if (!pacing.equals("realtime") && !pacing.equals("lockstep")) {
            throw new IllegalArgumentException("--pacing = '" + pacing + "' is not allowed: allowed are realtime, lockstep");
        }
        List<String> sets = new ArrayList<>();
        if (!fast) {
            // The closed loop: the stack is the only controller, over the socket on loopback, holding the lease.
            sets.addAll(List.of("runner.pacing=" + pacing, "controller.type=none", "socket.enabled=true", "socket.bind_address=127.0.0.1",
                    "socket.port=0", "socket.await_clients=1", "arbiter.lease_mode=exclusive", "runner.lockstep_stream=wheel_odom",
                    "runner.progress_every_s=0"));
            if (pacing.equals("realtime")) {
                // A demo on a busy or small machine (JIT warm-up, another job) falls behind: slip the schedule
                // rather than race to catch up, so the loop latency shows the stack's delay, not the backlog.
                sets.add("runner.overrun_policy=slip");
            }
            if (pacing.equals("lockstep")) {
                // Lockstep waits in wall time for each answer: leave a loaded machine (a JIT warm-up, a GC
                // pause in either JVM) time before the watchdog calls the stack silent.
                sets.add("watchdog.timeout_s=5");
            }
        }
        sets.addAll(options.overrides);
        if (durationS != null) {
            sets.add("duration_s=" + durationS);
        }
        if (seed != null) {
            sets.add("seed=" + seed);
        }
        ScenarioSession session = ScenarioSession.load(scenario, options.config, sets);
        if (fast) {
            return session.run(System.out, plot);
        }
        return session.run(System.out, plot, new StackProcess(System.out, scenario, sets));
    }

    /** The stack's child process and the status line around one run. */
    private final class StackProcess implements ScenarioSession.SessionHooks {
        private final PrintStream out;
        private final Path scenario;
        private final List<String> sets;
        private LiveStatus status;
        private Process process;
        private Thread reader;
        private Path log;
        private volatile String lastReport;

        StackProcess(PrintStream out, Path scenario, List<String> sets) {
            this.out = out;
            this.scenario = scenario;
            this.sets = sets;
        }

        @Override
        public void attach(Runner runner) {
            status = new LiveStatus(out, runner.arbiter(), System.console() != null, statusEveryMs);
            runner.attach(status, 100_000);
        }

        @Override
        public void started(Runner runner, SocketServer socket) throws IOException {
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), StackMain.class.getName(),
                    "--host", "127.0.0.1", "--port", Integer.toString(socket.port()), "--scenario", scenario.toString(), "--report-every-s", "0"));
            for (String s : sets) {
                cmd.add("--set");
                cmd.add(s);
            }
            cmd.addAll(stackArgs);
            log = Files.createTempFile("hilbridge-stack-", ".log");
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            out.printf("hilbridge: reference stack started (pid %d; its log: %s)%n", process.pid(), log);
            reader = new Thread(() -> copyOutput(runner), "demo-stack-output");
            reader.setDaemon(true);
            reader.start();
            status.start();
        }

        /** Copies the stack's output to its log; keeps its last report; stops the run if the stack dies. */
        private void copyOutput(Runner runner) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                for (String line; (line = r.readLine()) != null; ) {
                    w.println(line);
                    if (line.startsWith("stack: ")) {
                        lastReport = line;
                    }
                }
            } catch (IOException e) {
                // The process is gone; its exit code tells the rest.
            }
            try {
                int code = process.waitFor();
                if (code != 0 && !runner.stopRequested()) {
                    out.printf("%nhilbridge: the reference stack exited with code %d (its log: %s); stopping the run%n", code, log);
                    runner.requestStop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void finished(RunSummary summary) {
            status.close();
            stopProcess();
        }

        @Override
        public void summarise(RunSummary s, PrintStream o) {
            RunEvent goal = s.events().stream().filter(e -> e.kind() == RunEvent.Kind.GOAL_REACHED).findFirst().orElse(null);
            LatencySummary l = s.arbiter().allStreams();
            o.println();
            o.printf("demo: %s%n", goal != null ? String.format("GOAL REACHED at t=%.1f s of sim time", SimTime.toSeconds(goal.simNanos()))
                    : "goal NOT reached");
            o.printf("  driven        %.1f m, mean %.2f m/s over %.1f s of sim time, max %.2f m/s%n", s.distanceM(),
                    s.distanceM() / Math.max(1e-9, goal != null ? SimTime.toSeconds(goal.simNanos()) : s.simSeconds()),
                    goal != null ? SimTime.toSeconds(goal.simNanos()) : s.simSeconds(), s.maxSpeedMps());
            o.printf("  real time     %.2fx over %.1f s of wall time (%s pacing)%n", s.realTimeFactor(), s.wallSeconds(), s.pacing());
            o.printf("  loop latency  %s%n", l.count() == 0 ? "no commands" : String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d commands",
                    l.p50Nanos() / 1e6, l.p99Nanos() / 1e6, l.maxNanos() / 1e6, l.count()));
            o.printf("  %s%n", lastReport == null ? "stack: no report (see its log " + log + ")" : lastReport);
        }

        private void stopProcess() {
            if (process == null) {
                return;
            }
            try {
                // The bridge closes the session at the end; the stack then reports and exits by itself.
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
                if (reader != null) {
                    reader.join(2000);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (status != null) {
                status.close();
            }
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
