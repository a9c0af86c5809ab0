package org.hilbridge.hil.record;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's ROS 1 tools for the recorder's tests (PEERS.md): runs them with a timeout, environment pointing at
 * a master on a loopback port, and fails (never skips) naming the Debian package when one is missing. Every
 * background process is tracked and killed by {@link #close()}.
 */
final class RosTools implements AutoCloseable {
    /** Tool -> the Debian package that installs it (scripts/test.sh DEBIAN_PACKAGES). */
    private static final Map<String, String> PACKAGES = Map.of("rosbag", "python3-rosbag", "rosmaster", "python3-rosmaster",
            "rostopic", "python3-rostopic", "python3", "python3");

    private final Path home;
    private final int masterPort;
    private final List<Process> background = new ArrayList<>();

    /** Result of a finished command. */
    record Result(int exitCode, String output) {
    }

    RosTools(Path home) throws IOException {
        this.home = home;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.masterPort = s.getLocalPort();
        }
    }

    static Path tool(String name) {
        Path p = name.equals("python3") ? Path.of("/usr/bin/python3") : Path.of("/usr/bin", name);
        if (!Files.isExecutable(p)) {
            fail("no " + p + ": install Debian's " + PACKAGES.getOrDefault(name, name) + " (listed in scripts/test.sh DEBIAN_PACKAGES)");
        }
        return p;
    }

    private ProcessBuilder builder(List<String> command) {
        List<String> cmd = new ArrayList<>(command);
        cmd.set(0, tool(cmd.get(0)).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ROS_MASTER_URI", "http://127.0.0.1:" + masterPort);
        pb.environment().put("ROS_IP", "127.0.0.1");
        pb.environment().put("ROS_HOME", home.toString());
        pb.environment().remove("ROS_HOSTNAME");
        return pb;
    }

    /** Runs to the end (at most {@code timeoutS}); the process is killed if it overruns. */
    Result run(long timeoutS, String... command) throws IOException, InterruptedException {
        Path log = home.resolve("run-" + command[0] + "-" + System.nanoTime() + ".log");
        Process p = builder(List.of(command)).redirectOutput(log.toFile()).start();
        logs.put(p, log);
        return finish(p, timeoutS, command);
    }

    private Result finish(Process p, long timeoutS, String... command) throws IOException, InterruptedException {
        try {
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                fail(String.join(" ", command) + " did not finish within " + timeoutS + " s; output so far:\n" + output(p));
            }
            return new Result(p.exitValue(), output(p));
        } finally {
            p.destroyForcibly();
        }
    }

    private final Map<Process, Path> logs = new java.util.HashMap<>();

    private String output(Process p) throws IOException {
        Path log = logs.get(p);
        if (log == null) {
            return "";
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Runs in the background, output to a log file; killed by {@link #close()}. */
    Process start(String... command) throws IOException {
        Path log = home.resolve("bg-" + command[0] + "-" + System.nanoTime() + ".log");
        Process p = builder(List.of(command)).redirectOutput(log.toFile()).start();
        logs.put(p, log);
        background.add(p);
        return p;
    }

    /** The output a background process has written so far. */
    String outputOf(Process p) throws IOException {
        return output(p);
    }

    /** Waits (bounded) for a background process to end; returns its output. */
    Result await(Process p, long timeoutS, String... what) throws IOException, InterruptedException {
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            fail(String.join(" ", what) + " did not finish within " + timeoutS + " s; output so far:\n" + output(p));
        }
        return new Result(p.exitValue(), output(p));
    }

    /** Starts {@code rosmaster --core -p PORT} and waits (bounded) until it answers. */
    void startMaster() throws IOException, InterruptedException {
        start("rosmaster", "--core", "-p", Integer.toString(masterPort));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", masterPort)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        fail("rosmaster did not listen on port " + masterPort + " within 20 s");
    }

    @Override
    public void close() {
        for (Process p : background) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : background) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
