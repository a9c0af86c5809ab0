package org.hilbridge.tests.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.node.MasterMode;
import org.hilbridge.bridge.ros.node.Publisher;
import org.hilbridge.bridge.ros.node.NodeGraph;
import org.hilbridge.bridge.ros.node.RosNode;
import org.hilbridge.bridge.ros.node.RosNodeConfig;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.bridge.ros.sink.RosCommandInput;
import org.hilbridge.bridge.ros.sink.RosSink;
import org.hilbridge.bridge.ros.sink.RosSinkConfig;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensor faults seen on the ROS wire by a rospy subscriber (Debian's python3-rospy on /usr/bin/python3):
 * a realtime run (factor 1) of flat_asphalt.yaml with an IMU, published by RosSink through our TCPROS node
 * and its embedded master. The subscriber records each message's header seq and stamp, its arrival wall
 * time and one value; the test reads the record: the IMU's gap, the IMU arriving 0.2 s behind the ground
 * truth of the same stamp (wall time: realtime delays are handed over by a timer), the frozen ground truth,
 * the x10 sample standard deviation, and the header stamps and /clock jumping by 2 s. The listener is also the
 * stack: it answers every ground truth with a TwistStamped carrying its stamp, so a command_delay shows in
 * the loop latency and the echoed stamps stay attributed across the clock jump.
 */
@Timeout(180)
class FaultsOnRosTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PYTHON = "/usr/bin/python3";
    private static final long MS = 1_000_000;

    private static final String LISTENER = """
            import sys, time, rospy
            from nav_msgs.msg import Odometry
            from sensor_msgs.msg import Imu
            from rosgraph_msgs.msg import Clock
            from geometry_msgs.msg import TwistStamped
            out = open(sys.argv[1], 'w', buffering=1)
            cmd = None
            def rec(kind):
                def cb(m):
                    w = time.monotonic_ns()
                    if kind == 'clock':
                        out.write('clock 0 %d %d 0\\n' % (m.clock.to_nsec(), w))
                    elif kind == 'imu':
                        out.write('imu %d %d %d %r\\n' % (m.header.seq, m.header.stamp.to_nsec(), w, m.linear_acceleration.y))
                    else:
                        out.write('gt %d %d %d %r\\n' % (m.header.seq, m.header.stamp.to_nsec(), w, m.pose.pose.position.x))
                        # The stack: drive at 5 m/s, stamping the command with the ground truth it answers.
                        c = TwistStamped()
                        c.header.stamp = m.header.stamp
                        c.twist.linear.x = 5.0
                        cmd.publish(c)
                return cb
            rospy.init_node('fault_listener', disable_signals=True)
            cmd = rospy.Publisher('/cmd_vel_stamped', TwistStamped, queue_size=100)
            rospy.Subscriber('/imu/data', Imu, rec('imu'), queue_size=1000, tcp_nodelay=True)
            rospy.Subscriber('/ground_truth/odom', Odometry, rec('gt'), queue_size=1000, tcp_nodelay=True)
            rospy.Subscriber('/clock', Clock, rec('clock'), queue_size=1000, tcp_nodelay=True)
            while cmd.get_num_connections() == 0 and not rospy.is_shutdown():
                time.sleep(0.05)
            print('READY', flush=True)
            rospy.spin()
            """;

    private record Received(String kind, long seq, long stampNanos, long wallNanos, double value) {
    }

    @Test
    void aRospySubscriberSeesTheGapTheDelayTheFrozenContentTheNoiseAndTheStampJump(@TempDir Path dir) throws Exception {
        List<String> overrides = List.of("duration_s=4.5", "criteria.max_time_to_goal_s=4.5", "runner.pacing=realtime", "runner.progress_every_s=0",
                "sensors(1).name=imu", "sensors(1).type=imu", "sensors(1).rate_hz=100",
                "faults(0).kind=sensor_dropout", "faults(0).at_s=0.5", "faults(0).duration_s=0.5", "faults(0).target=imu",
                "faults(1).kind=sensor_latency", "faults(1).at_s=1.5", "faults(1).duration_s=0.5", "faults(1).target=imu", "faults(1).magnitude=0.2",
                "faults(2).kind=frozen_frames", "faults(2).at_s=2", "faults(2).duration_s=0.5", "faults(2).target=ground_truth",
                "faults(3).kind=sensor_noise", "faults(3).at_s=2.5", "faults(3).duration_s=1", "faults(3).target=imu", "faults(3).magnitude=10",
                "faults(4).kind=clock_jump", "faults(4).at_s=3.5", "faults(4).magnitude=2",
                "faults(5).kind=command_delay", "faults(5).at_s=1", "faults(5).duration_s=0.5", "faults(5).magnitude=0.1");
        Scenario scenario = new ScenarioLoader(Map.of()).load(ROOT.resolve("launch/scenarios/flat_asphalt.yaml"), overrides);
        BridgeConfig config = new BridgeConfigLoader().load(null, Map.of(), overrides);
        Runner runner = new Runner(scenario, config, new PrintStream(OutputStream.nullOutputStream()));

        Map<String, String> env = new HashMap<>(Map.of("ROS_IP", "127.0.0.1", "ROS_HOME", dir.resolve("ros").toString(),
                "HOME", dir.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        env.remove("ROS_MASTER_URI");
        Path record = dir.resolve("received.txt");
        Path script = dir.resolve("listener.py");
        Files.writeString(script, LISTENER);
        Process py = null;
        RunSummary summary;
        try (RosNode node = RosNode.start(RosNodeConfig.of("hilbridge_faults", env).withMaster(MasterMode.AUTO, 0))) {
            NodeGraph graph = new NodeGraph(node, 1000);
            runner.attach(new RosSink(graph, MessageCatalog.standard(), runner.streams(), RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT),
                    100_000);
            // The stack drives through /cmd_vel_stamped, each command stamped with the ground truth it answers.
            new RosCommandInput(graph, MessageCatalog.standard(), RosSinkConfig.defaults().topics(), runner.arbiter());
            env.put("ROS_MASTER_URI", node.masterUri().toString());
            ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), record.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("listener.log").toFile());
            pb.environment().putAll(env);
            try {
                py = pb.start();
            } catch (IOException e) {
                throw new AssertionError("this test needs " + PYTHON + " with rospy (Debian packages python3-rospy, python3-nav-msgs,"
                        + " python3-sensor-msgs, python3-rosgraph-msgs): " + e.getMessage(), e);
            }
            // The run starts once rospy is connected to every topic it reads, and we to its commands.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!connected(node, "/imu/data", "/ground_truth/odom", "/clock")
                    || !Files.readString(dir.resolve("listener.log")).contains("READY")) {
                assertTrue(py.isAlive(), "the rospy listener died: " + Files.readString(dir.resolve("listener.log")));
                assertTrue(System.nanoTime() < deadline, "rospy did not connect: " + Files.readString(dir.resolve("listener.log")));
                Thread.sleep(50);
            }
            summary = runner.run();
            // Let the last messages land (nothing more is published).
            long gtSeen = 0;
            for (int i = 0; i < 100 && gtSeen < 225; i++) {
                Thread.sleep(50);
                gtSeen = Files.exists(record) ? Files.readAllLines(record).stream().filter(l -> l.startsWith("gt ")).count() : 0;
            }
        } finally {
            if (py != null) {
                py.destroy();
                if (!py.waitFor(10, TimeUnit.SECONDS)) {
                    py.destroyForcibly();
                }
            }
        }
        List<Received> got = new ArrayList<>();
        for (String line : Files.readAllLines(record)) {
            String[] f = line.split(" ");
            got.add(new Received(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4])));
        }
        List<Received> imu = got.stream().filter(r -> r.kind.equals("imu")).toList();
        List<Received> gt = got.stream().filter(r -> r.kind.equals("gt")).toList();
        List<Long> clock = got.stream().filter(r -> r.kind.equals("clock")).map(Received::stampNanos).toList();

        // sensor_dropout [0.5, 1.0) s: IMU seq 50..99 never arrive; 450 - 50 do, in order.
        assertEquals(400, imu.size(), "IMU messages");
        assertTrue(imu.stream().noneMatch(r -> r.seq >= 50 && r.seq < 100), "the gap");
        for (int i = 1; i < imu.size(); i++) {
            assertTrue(imu.get(i).seq > imu.get(i - 1).seq, "in order");
        }
        assertEquals(225, gt.size(), "ground truth messages");

        // sensor_latency 0.2 s [1.5, 2.0) s: each IMU message arrives at least 0.15 s (wall) after the ground truth
        // with the same stamp (captured in the same step; a lower bound only: the timer never hands over early).
        Map<Long, Long> gtArrival = new HashMap<>();
        gt.forEach(r -> gtArrival.put(r.stampNanos, r.wallNanos));
        int delayed = 0;
        for (Received r : imu) {
            if (r.stampNanos >= 1_500 * MS && r.stampNanos < 2_000 * MS && gtArrival.containsKey(r.stampNanos)) {
                long behind = r.wallNanos - gtArrival.get(r.stampNanos);
                assertTrue(behind >= 150 * MS, "IMU #" + r.seq + " arrived " + behind / 1e6 + " ms after the ground truth of its step");
                delayed++;
            }
        }
        assertEquals(25, delayed, "IMU samples at the ground truth's 50 Hz steps in the window");

        // frozen_frames [2.0, 2.5) s: ground truth #100..#124 repeat #99's position under their own seq and stamps.
        for (Received r : gt.subList(100, 125)) {
            assertEquals(gt.get(99).value, r.value, "frozen #" + r.seq);
            assertEquals(r.seq * 20 * MS, r.stampNanos);
        }
        assertTrue(gt.get(125).value > gt.get(99).value, "live again after the window");

        // sensor_noise x10 [2.5, 3.5) s: the IMU's lateral specific force (straight run: noise) spreads 10x.
        double before = std(imu.stream().filter(r -> r.seq < 50 || (r.seq >= 100 && r.seq < 150)).toList());
        double during = std(imu.stream().filter(r -> r.seq >= 250 && r.seq < 350).toList());
        assertTrue(during / before > 7 && during / before < 13, "x10 noise: " + during + " vs " + before);

        // clock_jump +2 s at 3.5 s: header stamps of ground truth #175.. are 2 s ahead; /clock jumps from before
        // 3.5 s to 5.5 s and never goes back.
        for (Received r : gt) {
            assertEquals(r.seq * 20 * MS + (r.seq >= 175 ? 2_000 * MS : 0), r.stampNanos, "stamp of #" + r.seq);
        }
        for (int i = 1; i < clock.size(); i++) {
            assertTrue(clock.get(i) > clock.get(i - 1), "/clock never goes back");
        }
        int jump = clock.indexOf(5_500 * MS);
        assertTrue(jump > 0 && clock.get(jump - 1) < 3_500 * MS, "/clock jumps to 5.5 s from before 3.5 s");
        assertFalse(clock.stream().anyMatch(c -> c >= 3_500 * MS && c < 5_500 * MS), "no /clock inside the jump");

        // Commands: every stamped command names a ground truth the bridge published, in either time base of the
        // jump (none unknown); the ones of [1.0, 1.5) s were held 100 ms (loop latency >= 100 ms), most were not.
        Map<Verdict, Long> verdicts = summary.arbiter().verdictsBySource().get("ros:/cmd_vel_stamped");
        assertTrue(verdicts != null && verdicts.getOrDefault(Verdict.ACCEPTED, 0L) >= 200, "stamped commands: " + summary.arbiter().verdictsBySource());
        assertEquals(0L, verdicts.getOrDefault(Verdict.REFUSED_UNKNOWN_SAMPLE, 0L), "every echoed stamp is known: " + verdicts);
        // (A stamp names a capture time, which the IMU's samples share: the arbiter may attribute to either stream.)
        var lat = summary.arbiter().allStreams();
        assertTrue(lat.maxNanos() >= 100 * MS, "held commands: " + lat);
        assertTrue(lat.p50Nanos() < 100 * MS, "the others: " + lat);
        assertTrue(summary.events().stream().noneMatch(e -> e.kind() == org.hilbridge.hil.events.RunEvent.Kind.WATCHDOG_STOP), summary.events().toString());
    }

    private static double std(List<Received> rs) {
        double mean = rs.stream().mapToDouble(Received::value).average().orElseThrow();
        return Math.sqrt(rs.stream().mapToDouble(r -> (r.value - mean) * (r.value - mean)).sum() / (rs.size() - 1));
    }

    private static boolean connected(RosNode node, String... topics) {
        Map<String, Publisher> publishers = new java.util.HashMap<>();
        node.publishers().forEach(p -> publishers.put(p.topic(), p));
        for (String t : topics) {
            Publisher p = publishers.get(t);
            if (p == null || p.subscribers().isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
