package org.hilbridge.hil.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.sink.RosSink;
import org.hilbridge.bridge.ros.sink.TopicNames.Topic;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A realtime run with ros.enabled, judged by Debian's ROS tools (issue 5's interop list), once with the
 * embedded master and once with Debian's {@code rosmaster --core} (ros.master = external): rostopic list -v and
 * type show every topic with its type; rostopic hz sees the configured rates; rosnode info shows the node's
 * publications and subscriptions; rosbag record then rosbag info shows every topic with a count; a rospy node
 * receives messages equal, field by field, to the simulator's own record of the same samples (matched by
 * header.seq) and, answering ground truth on /cmd_vel_stamped stamped with the sample's capture stamp, moves the
 * vehicle with its loop latency attributed; and no header stamp is ahead of /clock when published.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RosRunInteropTest {
    private static final Pattern HZ = Pattern.compile("average rate: ([0-9.]+)");

    @TempDir
    Path home;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RosRunInteropTest.class.getResource(name).toURI());
    }

    @ParameterizedTest(name = "master: {0}")
    @ValueSource(strings = {"embedded", "rosmaster"})
    void theRosToolsSeeARealtimeRunAndARospyNodeDrivesIt(String masterKind) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        RosLink link = null;
        Runner runner = null;
        Peers peers = new Peers(home);
        try {
            Map<String, String> nodeEnv = new HashMap<>(Map.of("ROS_IP", "127.0.0.1"));
            List<String> overrides = new ArrayList<>(List.of("runner.pacing=realtime", "controller.type=none", "watchdog.latch=false",
                    "runner.progress_every_s=0", "ros.enabled=true", "ros.master_port=0", "ros.queue_depth=100"));
            if (masterKind.equals("rosmaster")) {
                nodeEnv.put("ROS_MASTER_URI", peers.startRosmaster());
                overrides.add("ros.master=external");
            } else {
                overrides.add("ros.master=embedded");
            }
            Scenario scenario = new ScenarioLoader(Map.of()).load(resource("all_sensors.yaml"), overrides);
            BridgeConfig config = new BridgeConfigLoader().load(null, Map.of(), overrides);
            runner = new Runner(scenario, config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            link = RosLink.start(config.ros(), nodeEnv);
            String master = link.node().masterUri().toString();
            if (masterKind.equals("rosmaster")) {
                assertEquals(null, link.node().embeddedMaster(), "ros.master = external must use rosmaster, not start its own");
                assertEquals(nodeEnv.get("ROS_MASTER_URI"), master.replaceAll("/$", ""));
            }
            // the ROS sink, as RosLink attaches it, behind the stamp check; the simulator's own record next to it
            StampCheckingGraph checking = new StampCheckingGraph(link.graph(), "/clock", "/tf_static");
            List<StreamInfo> streams = runner.streams();
            runner.attach(new RosSink(checking, MessageCatalog.standard(), streams, config.ros().sink(), PooledByteBufAllocator.DEFAULT));
            link.takeCommands(runner.arbiter());
            SampleLog log = new SampleLog(config.ros().sink().worldFrame());
            runner.attach(log, 100_000);
            Runner running = runner;
            Future<RunSummary> run = pool.submit(running::run);

            Map<String, String> env = peers.env(master);
            Process peer = peers.start(env, Peers.PYTHON, resource("rospy_peer.py").toString(), "--command", "--duration", "200");
            if (!peers.awaitOutput(peer, Duration.ofSeconds(60), o -> o.contains("MSG\ttopic=/lidar/points"))) {
                fail("the rospy peer received no point cloud within 60 s:\n" + peers.output(peer));
            }

            // every topic with its type (rostopic list -v lists published and subscribed topics with types)
            Map<String, String> types = new LinkedHashMap<>();
            for (String[] t : new String[][] {{"/clock", "rosgraph_msgs/Clock"}, {"/tf", "tf2_msgs/TFMessage"}, {"/tf_static", "tf2_msgs/TFMessage"},
                {"/diagnostics", "diagnostic_msgs/DiagnosticArray"}, {"/imu/data", "sensor_msgs/Imu"}, {"/gnss/fix", "sensor_msgs/NavSatFix"},
                {"/lidar/points", "sensor_msgs/PointCloud2"}, {"/camera/image_raw", "sensor_msgs/Image"},
                {"/camera/camera_info", "sensor_msgs/CameraInfo"}, {"/camera/depth", "sensor_msgs/Image"}, {"/camera/semantic", "sensor_msgs/Image"},
                {"/vehicle/odom", "nav_msgs/Odometry"}, {"/ground_truth/odom", "nav_msgs/Odometry"}}) {
                types.put(t[0], t[1]);
            }
            Map<String, String> commandTypes = Map.of("/cmd_vel", "geometry_msgs/Twist", "/cmd_vel_stamped", "geometry_msgs/TwistStamped",
                    "/ackermann_cmd", "ackermann_msgs/AckermannDriveStamped");
            Peers.Result list = peers.run(env, Duration.ofSeconds(60), "rostopic", "list", "-v");
            assertEquals(0, list.exitCode(), list.output());
            for (Map.Entry<String, String> e : types.entrySet()) {
                assertTrue(list.output().contains(" * " + e.getKey() + " [" + e.getValue() + "] 1 publisher"), e + " in:\n" + list.output());
            }
            for (Map.Entry<String, String> e : commandTypes.entrySet()) {
                assertTrue(list.output().contains(" * " + e.getKey() + " [" + e.getValue() + "]"), e + " in:\n" + list.output());
            }
            Peers.Result type = peers.run(env, Duration.ofSeconds(60), "rostopic", "type", "/camera/camera_info");
            assertEquals("sensor_msgs/CameraInfo", type.output().trim());

            // rates, rosnode info and a bag, side by side
            // /tf follows wheel odometry (ros.odom_tf_source auto); /clock and /diagnostics have no configured rate
            Map<String, Double> rates = new TreeMap<>(Map.of("/imu/data", 100.0, "/ground_truth/odom", 50.0, "/vehicle/odom", 50.0, "/tf", 50.0,
                    "/gnss/fix", 10.0, "/lidar/points", 10.0, "/camera/image_raw", 10.0, "/camera/camera_info", 10.0, "/camera/depth", 10.0,
                    "/camera/semantic", 10.0));
            Map<String, Process> hz = new TreeMap<>();
            for (String topic : rates.keySet()) {
                hz.put(topic, peers.start(env, "rostopic", "hz", topic));
            }
            Path bag = home.resolve("run.bag");
            List<String> record = new ArrayList<>(List.of("rosbag", "record", "-O", bag.toString(), "--duration=5"));
            record.addAll(types.keySet());
            Process rosbag = peers.start(env, record.toArray(String[]::new));
            Peers.Result info = peers.run(env, Duration.ofSeconds(60), "rosnode", "info", "/hilbridge");
            assertEquals(0, info.exitCode(), info.output());
            String pubs = section(info.output(), "Publications:");
            String subs = section(info.output(), "Subscriptions:");
            for (Map.Entry<String, String> e : types.entrySet()) {
                assertTrue(pubs.contains(" * " + e.getKey() + " [" + e.getValue() + "]"), e + " in publications:\n" + info.output());
            }
            for (Map.Entry<String, String> e : commandTypes.entrySet()) {
                // rosnode takes types from the master's getTopicTypes, which knows a type only once a publisher
                // registered it (rosmaster does the same): a command topic nobody publishes is "[unknown type]"
                assertTrue(subs.contains(" * " + e.getKey() + " [" + e.getValue() + "]") || subs.contains(" * " + e.getKey() + " [unknown type]"),
                        e + " in subscriptions:\n" + info.output());
            }
            assertTrue(subs.contains(" * /cmd_vel_stamped [geometry_msgs/TwistStamped]"), "the peer publishes /cmd_vel_stamped:\n" + info.output());
            if (!rosbag.waitFor(90, TimeUnit.SECONDS)) {
                fail("rosbag record --duration=5 did not end within 90 s:\n" + peers.output(rosbag));
            }
            Thread.sleep(Math.max(0, 8000 - 0)); // rostopic hz's window: its rate is averaged over every arrival so far
            Map<String, Double> measured = new TreeMap<>();
            for (Map.Entry<String, Process> e : hz.entrySet()) {
                Peers.kill(e.getValue());
                Matcher m = HZ.matcher(peers.output(e.getValue()));
                Double last = null;
                while (m.find()) {
                    last = Double.parseDouble(m.group(1));
                }
                assertTrue(last != null, "rostopic hz " + e.getKey() + " printed no rate:\n" + peers.output(e.getValue()));
                measured.put(e.getKey(), last);
            }
            assertTrue(peer.isAlive(), "the rospy peer ended early:\n" + peers.output(peer));
            Peers.kill(peer); // every line it printed is flushed; it runs until here so rosnode info saw its publisher
            runner.requestStop();
            RunSummary summary = run.get(60, TimeUnit.SECONDS);

            // rostopic hz measures wall-clock arrivals; in realtime pacing a sim second lasts 1 / (achieved real-time
            // factor) wall seconds, so the expected wall rate is rate x factor (the factor is 1.0 whenever the machine
            // keeps up). 25 % covers the arrival jitter of a Python subscriber at its window's ends and the pacer's
            // catch-up bursts after a late step on a loaded 2-core CI machine; a wrong rate (a stream published twice,
            // or every other sample lost) is off by 50 % or more.
            double factor = summary.realTimeFactor();
            System.out.printf("rostopic hz (%s master): %s at real-time factor %.3f%n", masterKind, measured, factor);
            for (Map.Entry<String, Double> e : measured.entrySet()) {
                double expectedHz = rates.get(e.getKey()) * factor;
                assertTrue(Math.abs(e.getValue() - expectedHz) <= 0.25 * expectedHz,
                        "rostopic hz " + e.getKey() + " saw " + e.getValue() + " Hz, expected " + expectedHz + " Hz (" + rates.get(e.getKey())
                                + " Hz at real-time factor " + factor + "): " + measured);
            }

            // rosbag info: every topic, with its type and a count
            Peers.Result bagInfo = peers.run(env, Duration.ofSeconds(60), "rosbag", "info", bag.toString());
            assertEquals(0, bagInfo.exitCode(), bagInfo.output());
            Map<String, Long> counts = new TreeMap<>();
            for (Map.Entry<String, String> e : types.entrySet()) {
                Matcher m = Pattern.compile(Pattern.quote(e.getKey()) + "\\s+(\\d+) msgs?\\s+: " + Pattern.quote(e.getValue())).matcher(bagInfo.output());
                assertTrue(m.find(), e + " in rosbag info:\n" + bagInfo.output());
                counts.put(e.getKey(), Long.parseLong(m.group(1)));
                assertTrue(counts.get(e.getKey()) > 0, e.getKey() + " has no message in the bag:\n" + bagInfo.output());
            }
            assertEquals(1L, counts.get("/tf_static"), "the latched /tf_static once:\n" + bagInfo.output());
            assertTrue(counts.get("/imu/data") > 5 * counts.get("/gnss/fix"), "100 Hz IMU against 10 Hz GNSS in one bag: " + counts);

            // the rospy peer's messages, field by field, against the simulator's own record of the same samples
            Map<String, Integer> compared = new TreeMap<>();
            for (String line : peers.output(peer).split("\n")) {
                if (!line.startsWith("MSG\t")) {
                    continue;
                }
                Map<String, String> got = new LinkedHashMap<>();
                for (String kv : line.substring(4).split("\t")) {
                    int eq = kv.indexOf('=');
                    got.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                String topic = got.get("topic");
                Map<String, String> want = log.expected(topic, Long.parseLong(got.get("seq")));
                assertTrue(want != null, "the peer received " + topic + " seq " + got.get("seq") + ", which the simulator never made");
                for (Map.Entry<String, String> f : want.entrySet()) {
                    assertTrue(got.containsKey(f.getKey()) && SampleLog.sameField(f.getValue(), got.get(f.getKey())),
                            topic + " seq " + got.get("seq") + " field " + f.getKey() + ": expected " + f.getValue() + ", received " + got.get(f.getKey()));
                }
                compared.merge(topic, 1, Integer::sum);
            }
            for (String topic : List.of("/imu/data", "/gnss/fix", "/ground_truth/odom", "/vehicle/odom", "/camera/image_raw", "/camera/camera_info",
                    "/camera/depth", "/camera/semantic", "/lidar/points")) {
                assertTrue(compared.getOrDefault(topic, 0) > 0, "no " + topic + " message compared: " + compared);
            }

            // /cmd_vel_stamped from rospy drove the vehicle, each command attributed to the sample it answered
            assertTrue(summary.arbiter().count(Verdict.ACCEPTED) > 0, "accepted commands: " + summary.arbiter());
            LatencySummary latency = summary.arbiter().loopLatency().get("ground_truth");
            assertTrue(latency != null && latency.count() > 0, "loop latency of ground_truth: " + summary.arbiter().loopLatency());
            assertTrue(summary.distanceM() > 1, "the vehicle moved " + summary.distanceM() + " m");

            // at publish, no stamp ahead of /clock; the sink's in-order samples carry exactly /clock's time
            assertEquals(List.of(), checking.violations);
            assertTrue(checking.checked.get() > 0 && checking.equalToClock.get() > 0, checking.checked + " checked, " + checking.equalToClock + " equal");
        } finally {
            if (runner != null) {
                runner.requestStop();
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            if (link != null) {
                link.close(); // before the peers: with rosmaster, the node unregisters there first
            }
            peers.close();
        }
    }

    /** The lines of rosnode info's {@code heading} section, up to the next blank line. */
    private static String section(String text, String heading) {
        int at = text.indexOf(heading);
        if (at < 0) {
            return "";
        }
        int end = text.indexOf("\n\n", at);
        return text.substring(at, end < 0 ? text.length() : end);
    }
}
