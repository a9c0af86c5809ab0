package org.hilbridge.hil.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * launch/ is a ROS package that Debian's roslaunch runs (issue 8): with ROS_PACKAGE_PATH=&lt;repo&gt;/launch,
 * {@code roslaunch -p PORT hilbridge record.launch} starts a master, the bridge as the node /hilbridge
 * (launch/scripts/hilbridge_node) and rosbag record; rostopic sees every topic of the scenario and a message on
 * each checked one; SIGINT (what roslaunch's Ctrl-C sends its nodes) ends the run with its summary and leaves
 * a closed bag that rosbag info reads. The bridge runs from this build's classes (HILBRIDGE_COMMAND) rather
 * than ./hilbridge, which would first install the project into the local Maven repository.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LaunchFilesTest {
    private static final Path LAUNCH = Path.of("../launch").toAbsolutePath().normalize();
    private static final List<String> TOPICS = List.of("/clock", "/tf", "/tf_static", "/diagnostics", "/imu/data", "/gnss/fix", "/lidar/points",
            "/camera/image_raw", "/camera/camera_info", "/camera/depth", "/camera/semantic", "/vehicle/odom", "/ground_truth/odom");

    @TempDir
    Path home;

    @Test
    void roslaunchStartsTheBridgeAndRosbagRecordFromThePackage() throws Exception {
        assertTrue(Files.isRegularFile(LAUNCH.resolve("package.xml")) && Files.isExecutable(LAUNCH.resolve("scripts/hilbridge_node")), LAUNCH.toString());
        String javaExe = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path scenario = Path.of(LaunchFilesTest.class.getResource("all_sensors.yaml").toURI());
        Path bag = home.resolve("launch.bag");
        int port = Peers.freePort();
        String master = "http://127.0.0.1:" + port;
        try (Peers peers = new Peers(home)) {
            Map<String, String> env = peers.env(master);
            env.put("ROS_PACKAGE_PATH", LAUNCH.toString());
            env.put("HILBRIDGE_COMMAND", javaExe + " -cp " + classpath + " org.hilbridge.hil.cli.HilbridgeCli");
            Process launch = peers.start(env, "roslaunch", "-p", Integer.toString(port), "hilbridge", "record.launch", "scenario:=" + scenario,
                    "bag:=" + bag, "extra:=--set runner.progress_every_s=1");
            if (!peers.awaitOutput(launch, Duration.ofSeconds(120), o -> o.contains("t=    2.0 s"))) {
                fail("the bridge did not reach 2 s of sim time under roslaunch within 120 s:\n" + peers.output(launch));
            }
            Peers.Result list = peers.run(env, Duration.ofSeconds(60), "rostopic", "list");
            assertEquals(0, list.exitCode(), list.output());
            List<String> listed = List.of(list.output().split("\n"));
            for (String t : TOPICS) {
                assertTrue(listed.contains(t), t + " in rostopic list:\n" + list.output());
            }
            for (String t : List.of("/clock", "/imu/data", "/ground_truth/odom")) {
                Peers.Result echo = peers.run(env, Duration.ofSeconds(60), "rostopic", "echo", "-n", "1", t);
                assertEquals(0, echo.exitCode(), t + ": " + echo.output());
                assertTrue(echo.output().contains("secs:"), t + ": " + echo.output());
            }
            Peers.Result nodes = peers.run(env, Duration.ofSeconds(60), "rosnode", "list");
            assertTrue(nodes.output().contains("/hilbridge\n") && nodes.output().contains("/record_"), nodes.output());
            Thread.sleep(2000); // a few more sim seconds into the bag
            new ProcessBuilder("kill", "-INT", Long.toString(launch.pid())).start().waitFor(10, TimeUnit.SECONDS);
            if (!launch.waitFor(90, TimeUnit.SECONDS)) {
                fail("roslaunch did not end within 90 s of SIGINT:\n" + peers.output(launch));
            }
            String out = peers.output(launch);
            assertTrue(out.contains("result        STOPPED") && out.contains("ros topic     /imu/data"), "the bridge's summary:\n" + out);
            Peers.Result info = peers.run(env, Duration.ofSeconds(60), "rosbag", "info", bag.toString());
            assertEquals(0, info.exitCode(), info.output());
            for (String t : TOPICS) {
                assertTrue(info.output().matches("(?s).*\\s" + java.util.regex.Pattern.quote(t) + "\\s+\\d+ msgs?\\s+:.*"), t + " in rosbag info:\n"
                        + info.output());
            }
        }
    }
}
