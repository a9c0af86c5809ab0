package org.hilbridge.bridge.ros.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hilbridge.bridge.ros.msg.MessageType;

/**
 * Drives the real ROS 1 tools from Debian's packages (PEERS.md) for the tests: every process started here is
 * killed by {@link #close()}; a missing tool fails the test naming it (never a skip).
 */
public final class RosPeers implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";

    private final Path home;
    private final List<Process> processes = new ArrayList<>();

    public RosPeers() throws IOException {
        this.home = Files.createTempDirectory("hilbridge-ros-home");
    }

    public Path home() {
        return home;
    }

    /** The environment a ROS tool talking to {@code masterUri} on loopback gets. */
    public Map<String, String> env(URI masterUri) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("ROS_HOME", home.toString());
        env.put("ROS_LOG_DIR", home.resolve("log").toString());
        env.put("ROS_IP", "127.0.0.1");
        env.put("PYTHONUNBUFFERED", "1");
        if (masterUri != null) {
            env.put("ROS_MASTER_URI", masterUri.toString());
        }
        return env;
    }

    /** What {@link #run} saw. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a tool to completion (or kills it after {@code timeout}) and returns its exit code and output. */
    public Result run(Map<String, String> env, Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = start(env, command);
        Path out = outputOf(p);
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            kill(p);
        }
        return new Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8));
    }

    private final Map<Process, Path> outputs = new HashMap<>();

    /** Starts a tool in the background; stdout and stderr go to a file read by {@link #output}. */
    public synchronized Process start(Map<String, String> env, String... command) throws IOException {
        requireTool(command[0]);
        Path out = Files.createTempFile(home, "proc", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        outputs.put(p, out);
        return p;
    }

    public synchronized Path outputOf(Process p) {
        return outputs.get(p);
    }

    public String output(Process p) throws IOException {
        return Files.readString(outputOf(p), StandardCharsets.UTF_8);
    }

    /** Waits until the process's output satisfies {@code condition}; false after {@code timeout}. */
    public boolean awaitOutput(Process p, Duration timeout, Predicate<String> condition) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.test(output(p))) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.test(output(p));
    }

    public static void requireTool(String tool) {
        Path p = tool.contains("/") ? Path.of(tool) : Path.of("/usr/bin", tool);
        if (!Files.isExecutable(p)) {
            throw new AssertionError("the ROS peer '" + tool + "' is not installed (" + p + "): install the Debian packages listed in PEERS.md "
                    + "(./hilbridge test installs them)");
        }
    }

    /**
     * A message type as the real tools define it: md5sum from {@code rosmsg md5}, full definition from genpy's
     * generated class ({@code _full_text}), as PEERS.md allows for tests.
     */
    public MessageType messageType(String name) throws IOException, InterruptedException {
        Result md5 = run(env(null), Duration.ofSeconds(30), "/usr/bin/rosmsg", "md5", name);
        if (md5.exitCode() != 0) {
            throw new AssertionError("rosmsg md5 " + name + " failed: " + md5.output());
        }
        String[] parts = name.split("/");
        Result def = run(env(null), Duration.ofSeconds(30), PYTHON, "-c",
                "import sys; from " + parts[0] + ".msg import " + parts[1] + " as T; sys.stdout.write(T._full_text)");
        if (def.exitCode() != 0) {
            throw new AssertionError("reading genpy's _full_text of " + name + " failed: " + def.output());
        }
        return new MessageType(name, md5.output().trim(), def.output());
    }

    /** A free TCP port on loopback (for tools that need a port number, such as rosmaster -p). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(3, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                kill(p);
            }
        }
        processes.clear();
    }
}
