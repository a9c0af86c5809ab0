package org.hilbridge.hil.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rospy reference stack drives the bridge under Debian's roslaunch (issues 7 and 8): {@code roslaunch hilbridge
 * stack.launch} starts the bridge as the node /hilbridge (controller none, use_sim_time, lockstep on the wheel
 * odometry, waiting for its controller: ros.await_controllers) and launch/scripts/reference_stack.py. Judged on
 * the wire by rostopic echo (subscribed before the launch, on a Debian rosmaster the launch joins) and by the
 * bridge's summary: every command on /cmd_vel_stamped carries the stamp of a /vehicle/odom message (multiples
 * of the 20 ms odometry period, in order), the bridge attributed every one to wheel_odom (loop latency and
 * lockstep answer times over as many commands as it applied), the stack's own count agrees, and the vehicle
 * reaches the goal of the off-road course (localised by wheel odometry and GNSS, never ground truth); with a
 * crate on the course's first leg it stops short of it without touching it, having seen it in the LiDAR
 * (PointCloud2 XYZIRT). The scenario is the course without its camera and IMU, which the rospy stack does not
 * read (stack_offroad_course.yaml).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StackLaunchTest {
    private static final Path LAUNCH = Path.of("../launch").toAbsolutePath().normalize();
    /** The course's first leg: from (0, 0) to (100, 80), 128.06 m. */
    private static final double LEG_M = Math.hypot(100, 80);
    private static final long ODOM_PERIOD_NANOS = 20_000_000;
    private static final Pattern APPLIED = Pattern.compile("ros commands  (\\d+) applied, (\\d+) refused, (\\d+) malformed");
    private static final Pattern LATENCY = Pattern.compile("loop latency  wheel_odom\\s+p50 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms over (\\d+) commands");
    private static final Pattern ANSWERS = Pattern.compile("lockstep      answered in p50 ([0-9.]+) ms, p99 ([0-9.]+) ms, max [0-9.]+ ms over (\\d+) samples");
    private static final Pattern STACK = Pattern.compile("reference_stack: (\\d+) commands on /cmd_vel_stamped, (\\d+) clouds, an obstacle in (\\d+) of them");
    private static final Pattern DRIVEN = Pattern.compile("motion\\s+([0-9.]+) m driven");

    @TempDir
    Path home;

    /** What one launch left: the launch's output (bridge summary, stack line) and rostopic echo -p of both topics. */
    private record Launched(String out, List<Map<String, String>> commands, List<Map<String, String>> odometry) {
    }

    @Test
    void theRospyStackDrivesTheOffRoadCourseToItsGoalInLockstepWithEveryCommandAttributed() throws Exception {
        Launched r = launch("--set runner.progress_every_s=20", 200);
        String why = "launch output:\n" + r.out();
        assertTrue(r.out().contains("GOAL_REACHED") && r.out().contains("result        PASS"), "the goal reached, every criterion passed: " + why);
        assertTrue(r.out().contains("waiting for 1 ROS controller(s) before the first step"), why);

        Matcher applied = find(APPLIED, r.out(), why);
        long commands = Long.parseLong(applied.group(1));
        assertEquals("0", applied.group(2), "no command refused: " + why);
        assertEquals("0", applied.group(3), "no command malformed: " + why);
        // 180 s of sim time, lockstep on 50 Hz odometry: one answer per sample.
        assertEquals(9000, commands, "one command per odometry sample: " + why);
        assertEquals(commands, Long.parseLong(find(LATENCY, r.out(), why).group(1)), "every command attributed to wheel_odom: " + why);
        Matcher answers = find(ANSWERS, r.out(), why);
        System.out.println("stack.launch: " + answers.group() + "; rostopic echo saw " + r.commands().size() + " commands");
        assertEquals(commands, Long.parseLong(answers.group(3)), "lockstep waited for every answer: " + why);
        assertTrue(Double.parseDouble(answers.group(1)) > 0, "the stack's answer time was measured (wall): " + why);
        assertEquals(commands, Long.parseLong(find(STACK, r.out(), why).group(1)), "the stack's own count: " + why);

        // On the wire: the stack's commands, each stamped with an odometry message's stamp, in order.
        assertTrue(r.commands().size() >= commands / 2, "rostopic echo saw " + r.commands().size() + " of " + commands + " commands");
        Set<Long> odomStamps = new HashSet<>();
        for (Map<String, String> o : r.odometry()) {
            odomStamps.add(Long.parseLong(o.get("field.header.stamp")));
        }
        long newestOdom = odomStamps.stream().mapToLong(Long::longValue).max().orElseThrow();
        long oldestOdom = odomStamps.stream().mapToLong(Long::longValue).min().orElseThrow();
        long previous = -1;
        for (Map<String, String> c : r.commands()) {
            long stamp = Long.parseLong(c.get("field.header.stamp"));
            assertTrue(stamp > previous, "command stamps increase: " + previous + " then " + stamp);
            previous = stamp;
            assertEquals(0, stamp % ODOM_PERIOD_NANOS, "a command stamp on the odometry's 20 ms grid: " + stamp);
            if (stamp >= oldestOdom && stamp <= newestOdom) {
                assertTrue(odomStamps.contains(stamp), "the command stamped " + stamp + " names a /vehicle/odom message rostopic saw");
            }
            double speed = Double.parseDouble(c.get("field.twist.linear.x"));
            assertTrue(speed >= 0 && speed <= 6.0 + 1e-9, "speed within [0, cruise 6 m/s]: " + c);
        }
        Map<String, String> last = r.commands().get(r.commands().size() - 1);
        assertEquals(0.0, Double.parseDouble(last.get("field.twist.linear.x")), 1e-9, "at rest at the route's end: " + last);
    }

    @Test
    void theRospyStackStopsShortOfACrateOnItsRouteSeenOnlyInTheLidar() throws Exception {
        // A 1.2 m crate, 1 m tall, across the leg 76.8 m along it (its near face at 76.2 m).
        double alongM = 76.8;
        double x = 100 * alongM / LEG_M;
        double y = 80 * alongM / LEG_M;
        Launched r = launch("--set duration_s=20 --set criteria.goal_reached=false --set runner.progress_every_s=1 --set obstacles(0).type=box "
                + "--set obstacles(0).name=crate --set obstacles(0).x_m=" + x + " --set obstacles(0).y_m=" + y + " --set obstacles(0).yaw_deg=38.66 "
                + "--set obstacles(0).length_m=1.2 --set obstacles(0).width_m=1.2 --set obstacles(0).height_m=1", 110);
        String why = "launch output:\n" + r.out();
        assertFalse(r.out().contains("COLLISION"), "no collision: " + why);
        assertFalse(r.out().contains("GOAL_REACHED"), "held before the crate: " + why);
        assertTrue(r.out().contains("result        PASS"), why);
        Matcher stack = find(STACK, r.out(), why);
        assertTrue(Long.parseLong(stack.group(3)) >= 1, "the stack saw the crate in its LiDAR corridor: " + why);
        double driven = Double.parseDouble(find(DRIVEN, r.out(), why).group(1));
        // The front bumper is 2.1 m ahead of base_link (VehicleParams.offRoadUtility): short of the near face.
        assertTrue(driven > 50 && driven + 2.1 < alongM - 0.6, "stopped short of the crate: drove " + driven + " m; " + why);
        Map<String, String> last = r.commands().get(r.commands().size() - 1);
        assertEquals(0.0, Double.parseDouble(last.get("field.twist.linear.x")), 1e-9, "commanded to stand: " + last);
        List<String> progress = r.out().lines().filter(l -> l.startsWith("  t=")).toList();
        Matcher speed = Pattern.compile("m\\s+(-?[0-9.]+) m/s").matcher(progress.get(progress.size() - 1));
        assertTrue(speed.find() && Math.abs(Double.parseDouble(speed.group(1))) < 0.05, "at rest at the end: " + progress);
    }

    private Launched launch(String extra, int timeoutS) throws Exception {
        assertTrue(Files.isRegularFile(LAUNCH.resolve("launch/stack.launch")) && Files.isExecutable(LAUNCH.resolve("scripts/reference_stack.py")),
                LAUNCH.toString());
        String javaExe = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path scenario = Path.of(StackLaunchTest.class.getResource("stack_offroad_course.yaml").toURI());
        try (Peers peers = new Peers(home)) {
            String master = peers.startRosmaster();
            Map<String, String> env = peers.env(master);
            env.put("ROS_PACKAGE_PATH", LAUNCH.toString());
            env.put("HILBRIDGE_COMMAND", javaExe + " -cp " + classpath + " org.hilbridge.hil.cli.HilbridgeCli");
            // Subscribed (waiting for a publisher) before the launch, so they see the run from its start.
            Process commands = peers.start(env, "rostopic", "echo", "-p", "/cmd_vel_stamped");
            Process odometry = peers.start(env, "rostopic", "echo", "-p", "/vehicle/odom");
            for (Process p : List.of(commands, odometry)) {
                if (!peers.awaitOutput(p, Duration.ofSeconds(30), o -> o.contains("does not appear to be published yet"))) {
                    fail("rostopic echo did not start waiting for its topic within 30 s: " + peers.output(p));
                }
            }
            Process launch = peers.start(env, "roslaunch", "hilbridge", "stack.launch", "scenario:=" + scenario, "extra:=" + extra);
            // The bridge is a required node: when its run ends, roslaunch stops the stack and exits.
            if (!launch.waitFor(timeoutS, TimeUnit.SECONDS)) {
                fail("roslaunch did not end within " + timeoutS + " s:\n" + peers.output(launch));
            }
            Thread.sleep(500); // the last messages reach rostopic
            Peers.kill(commands);
            Peers.kill(odometry);
            Launched r = new Launched(peers.output(launch), csv(peers.output(commands)), csv(peers.output(odometry)));
            assertFalse(r.commands().isEmpty(), "rostopic echo saw no /cmd_vel_stamped:\n" + peers.output(commands) + "\n" + r.out());
            assertFalse(r.odometry().isEmpty(), "rostopic echo saw no /vehicle/odom:\n" + peers.output(odometry));
            return r;
        }
    }

    /** rostopic echo -p: a header line "%time,field...." then one comma-separated line per message. */
    private static List<Map<String, String>> csv(String out) {
        List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("%time,")) {
                header = line.split(",");
            } else if (header != null && !line.isBlank() && Character.isDigit(line.charAt(0))) {
                String[] cells = line.split(",", -1);
                if (cells.length == header.length) {
                    Map<String, String> row = new java.util.HashMap<>();
                    for (int i = 0; i < cells.length; i++) {
                        row.put(header[i], cells[i]);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Matcher find(Pattern p, String text, String why) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p.pattern() + " in " + why);
        return m;
    }
}
