package org.hilbridge.hil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with ROS (child JVMs, since the environment is what they read): a run whose ROS_MASTER_URI does not
 * answer stops at once with exit code 2 naming the URI (a rig never splits into two ROS graphs); and
 * {@code hilbridge replay BAG} publishes a recorded bag with /clock through the node into Debian's rosmaster,
 * where rostopic echo receives it; SIGTERM ends a run with its summary and leaves no topic registered at the master.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RosCliTest {
    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Process start(Map<String, String> env, Path log, List<String> command) throws IOException {
        String tool = command.get(0);
        if (tool.startsWith("/") && !Files.isExecutable(Path.of(tool))) {
            fail(tool + " is not installed: install Debian's ROS packages (scripts/test.sh DEBIAN_PACKAGES)");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("ROS_HOSTNAME");
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private List<String> cli(String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classpath, HilbridgeCli.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Every sensor kind, criteria that hold in a short run (the ROS tests' scenario). */
    private static String scenario() throws java.net.URISyntaxException {
        return Path.of(RosCliTest.class.getResource("/org/hilbridge/hil/ros/all_sensors.yaml").toURI()).toString();
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Test
    void aMasterThatDoesNotAnswerEndsTheRunWithExitCode2NamingIt() throws Exception {
        String uri = "http://127.0.0.1:" + freePort(); // nothing listens there
        Path log = dir.resolve("run.log");
        try {
            Process p = start(Map.of("ROS_MASTER_URI", uri, "ROS_IP", "127.0.0.1"), log,
                    cli("run", scenario(), "--set", "ros.enabled=true", "--set", "duration_s=1"));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), read(log));
            assertEquals(ExitCodes.BAD_INPUT, p.exitValue(), read(log));
            assertTrue(read(log).contains("the ROS master at " + uri) && read(log).contains("does not answer"), read(log));
            assertTrue(!read(log).contains("summary:"), "no run may start: " + read(log));
        } finally {
            killAll();
        }
    }

    @Test
    void replayPublishesTheBagWithItsClockThroughTheNode() throws Exception {
        Path bag = dir.resolve("run.bag");
        assertEquals(0, HilbridgeCli.commandLine().execute("run", scenario(), "--set", "duration_s=4",
                "--set", "runner.progress_every_s=0", "--record", bag.toString()));
        int port = freePort();
        Map<String, String> env = Map.of("ROS_MASTER_URI", "http://127.0.0.1:" + port, "ROS_IP", "127.0.0.1", "ROS_HOME", dir.toString(),
                "ROS_LOG_DIR", dir.resolve("log").toString());
        try {
            start(env, dir.resolve("master.log"), List.of("/usr/bin/rosmaster", "--core", "-p", Integer.toString(port)));
            awaitListening(port);
            Path clockLog = dir.resolve("clock.log");
            Path odomLog = dir.resolve("odom.log");
            Process clock = start(env, clockLog, List.of("/usr/bin/rostopic", "echo", "-n", "3", "/clock"));
            Process odom = start(env, odomLog, List.of("/usr/bin/rostopic", "echo", "-n", "3", "/ground_truth/odom"));
            Thread.sleep(2000); // rostopic registers its subscription before the bag starts (the bag's 4 s at rate 1 leave room)
            Path replayLog = dir.resolve("replay.log");
            Process replay = start(env, replayLog, cli("replay", bag.toString(), "--rate", "1"));
            assertTrue(replay.waitFor(90, TimeUnit.SECONDS), read(replayLog));
            assertEquals(0, replay.exitValue(), read(replayLog));
            assertTrue(read(replayLog).contains("(ROS_MASTER_URI)") && read(replayLog).matches("(?s).*published \\d+ messages.*"), read(replayLog));
            assertTrue(clock.waitFor(30, TimeUnit.SECONDS) && clock.exitValue() == 0, "rostopic echo /clock: " + read(clockLog));
            assertTrue(odom.waitFor(30, TimeUnit.SECONDS) && odom.exitValue() == 0, "rostopic echo /ground_truth/odom: " + read(odomLog));
            assertTrue(read(clockLog).contains("clock:") && read(odomLog).contains("child_frame_id"), read(clockLog) + read(odomLog));
        } finally {
            killAll();
        }
    }

    @Test
    void sigtermUnregistersEveryTopicFromAnExternalMaster() throws Exception {
        int port = freePort();
        Map<String, String> env = Map.of("ROS_MASTER_URI", "http://127.0.0.1:" + port, "ROS_IP", "127.0.0.1", "ROS_HOME", dir.toString(),
                "ROS_LOG_DIR", dir.resolve("log").toString());
        try {
            start(env, dir.resolve("master.log"), List.of("/usr/bin/rosmaster", "--core", "-p", Integer.toString(port)));
            awaitListening(port);
            Path runLog = dir.resolve("run.log");
            Process run = start(env, runLog, cli("run", scenario(), "--set", "ros.enabled=true", "--set", "runner.pacing=realtime",
                    "--set", "runner.progress_every_s=1"));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!read(runLog).contains(" t=") && System.nanoTime() < end && run.isAlive()) {
                Thread.sleep(100);
            }
            assertTrue(read(runLog).contains(" t="), "the run did not start: " + read(runLog));
            assertTrue(topics(env).contains("/imu/data"), "registered while running");
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor());
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), read(runLog));
            assertEquals(143, run.exitValue(), read(runLog));
            assertTrue(read(runLog).contains("ros topic     /imu/data"), "the summary lists the ROS topics: " + read(runLog));
            // rosmaster forgets a topic once its last publisher and subscriber unregistered (rosmaster's registrations.py)
            String after = topics(env);
            for (String t : List.of("/imu/data", "/clock", "/tf_static", "/camera/image_raw", "/cmd_vel", "/cmd_vel_stamped")) {
                assertTrue(!after.contains(t + "\n"), t + " still registered after SIGTERM:\n" + after);
            }
        } finally {
            killAll();
        }
    }

    /** rostopic list against the master in {@code env}. */
    private String topics(Map<String, String> env) throws IOException, InterruptedException {
        Path log = dir.resolve("list-" + System.nanoTime() + ".log");
        Process p = start(env, log, List.of("/usr/bin/rostopic", "list"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), read(log));
        assertEquals(0, p.exitValue(), "rostopic list reached the master: " + read(log));
        return read(log);
    }

    private static void awaitListening(int port) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        fail("rosmaster did not listen on " + port + " within 30 s");
    }

    private void killAll() throws InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
