package org.hilbridge.hil.ros;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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

/**
 * Debian's ROS 1 tools for the run's end-to-end tests (PEERS.md): every process gets ROS_IP=127.0.0.1, its own
 * ROS_HOME and the given master, writes to a log file, and is killed (with its children) by {@link #close()}. A
 * missing tool fails the test naming its Debian package (scripts/test.sh DEBIAN_PACKAGES); nothing is skipped.
 */
final class Peers implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final Map<String, String> PACKAGES = Map.of("rosmaster", "python3-rosmaster", "rostopic", "python3-rostopic",
            "rosnode", "python3-rosnode", "rosbag", "python3-rosbag", "roslaunch", "python3-roslaunch", "python3", "python3-rospy");

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final Map<Process, Path> logs = new HashMap<>();

    record Result(int exitCode, String output) {
    }

    Peers(Path home) {
        this.home = home;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The environment of a ROS tool on loopback talking to {@code masterUri}. */
    Map<String, String> env(String masterUri) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("ROS_HOME", home.toString());
        env.put("ROS_LOG_DIR", home.resolve("log").toString());
        env.put("ROS_IP", "127.0.0.1");
        env.put("PYTHONUNBUFFERED", "1");
        env.put("ROS_MASTER_URI", masterUri);
        return env;
    }

    static String tool(String name) {
        Path p = name.startsWith("/") ? Path.of(name) : Path.of("/usr/bin", name);
        if (!Files.isExecutable(p)) {
            fail("the ROS peer " + p + " is not installed: install Debian's " + PACKAGES.getOrDefault(p.getFileName().toString(), "ROS packages")
                    + " (scripts/test.sh DEBIAN_PACKAGES; ./hilbridge test installs them)");
        }
        return p.toString();
    }

    synchronized Process start(Map<String, String> env, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, tool(cmd.get(0)));
        Path log = Files.createTempFile(home, Path.of(command[0]).getFileName().toString(), ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        logs.put(p, log);
        return p;
    }

    String output(Process p) throws IOException {
        return Files.readString(logs.get(p), StandardCharsets.UTF_8);
    }

    /** Runs to the end; killed and reported with its output when it takes longer than {@code timeout}. */
    Result run(Map<String, String> env, Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = start(env, command);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(p);
            fail(String.join(" ", command) + " did not finish within " + timeout + "; output:\n" + output(p));
        }
        return new Result(p.exitValue(), output(p));
    }

    /** Runs for {@code duration} (tools like rostopic hz never end on their own), then stops it; its output. */
    String runFor(Map<String, String> env, Duration duration, String... command) throws IOException, InterruptedException {
        Process p = start(env, command);
        p.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
        kill(p);
        return output(p);
    }

    boolean awaitOutput(Process p, Duration timeout, Predicate<String> condition) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.test(output(p))) {
                return true;
            }
            if (!p.isAlive()) {
                return condition.test(output(p));
            }
            Thread.sleep(50);
        }
        return condition.test(output(p));
    }

    /** Starts {@code rosmaster --core -p PORT} and waits (bounded) until it listens; its URI. */
    String startRosmaster() throws IOException, InterruptedException {
        int port = freePort();
        String uri = "http://127.0.0.1:" + port;
        Process p = start(env(uri), "rosmaster", "--core", "-p", Integer.toString(port));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return uri;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    fail("rosmaster exited: " + output(p));
                }
                Thread.sleep(100);
            }
        }
        fail("rosmaster did not listen on " + port + " within 30 s: " + output(p));
        return uri;
    }

    /** SIGINT first (rosbag and roslaunch finish their files on it), then SIGKILL for it and its children. */
    static void kill(Process p) throws InterruptedException {
        if (p.isAlive()) {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // SIGKILL below
            }
            p.waitFor(5, TimeUnit.SECONDS);
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive() || p.descendants().findAny().isPresent()) {
                kill(p);
            }
        }
        processes.clear();
    }
}
