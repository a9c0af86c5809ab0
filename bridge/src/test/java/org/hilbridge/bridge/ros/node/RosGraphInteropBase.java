package org.hilbridge.bridge.ros.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.testing.Messages;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our node against the real ROS tools (PEERS.md), the same checks with the embedded master and with Debian's
 * rosmaster: the tools' own output is the reference.
 */
abstract class RosGraphInteropBase {
    static final String NODE = "hilbridge_test";
    static final Duration TOOL = Duration.ofSeconds(40);

    RosPeers peers;
    RosNode node;
    ScheduledExecutorService ticker;
    MessageType stringType;
    MessageType float64Type;

    /** Starts the master under test (or none) and returns the node's configuration. */
    abstract RosNodeConfig nodeConfig(RosPeers peers) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        peers = new RosPeers();
        stringType = peers.messageType("std_msgs/String");
        float64Type = peers.messageType("std_msgs/Float64");
        node = RosNode.start(nodeConfig(peers));
        ticker = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (node != null) {
            node.close();
        }
        if (peers != null) {
            peers.close();
        }
    }

    Map<String, String> env() {
        return peers.env(node.masterUri());
    }

    /** Publishes "hello N" on {@code topic} at 20 Hz until the test ends. */
    Publisher chatter(String topic) throws Exception {
        Publisher p = node.advertise(topic, stringType, false, 10);
        AtomicInteger n = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> p.publish(Messages.string("hello " + n.incrementAndGet())), 0, 50, TimeUnit.MILLISECONDS);
        return p;
    }

    @Test
    @Timeout(120)
    void rostopicListTypeEchoHzSeeOurTopic() throws Exception {
        chatter("/hil/chatter");
        RosPeers.Result list = peers.run(env(), TOOL, "rostopic", "list");
        assertTrue(list.output().lines().anyMatch("/hil/chatter"::equals), "rostopic list: " + list.output());
        RosPeers.Result type = peers.run(env(), TOOL, "rostopic", "type", "/hil/chatter");
        assertEquals("std_msgs/String", type.output().trim(), "rostopic type");
        RosPeers.Result echo = peers.run(env(), TOOL, "rostopic", "echo", "-n", "2", "/hil/chatter");
        assertEquals(0, echo.exitCode(), "rostopic echo: " + echo.output());
        assertTrue(echo.output().matches("(?s).*data: \"hello \\d+\".*"), "rostopic echo: " + echo.output());
        Process hz = peers.start(env(), "rostopic", "hz", "/hil/chatter");
        // rostopic hz prints "average rate: R" once per second once it has messages; 20 Hz published
        assertTrue(peers.awaitOutput(hz, TOOL, o -> o.contains("average rate")), "rostopic hz: " + peers.output(hz));
        double rate = Double.parseDouble(peers.output(hz).lines().filter(l -> l.contains("average rate")).reduce((a, b) -> b).orElseThrow()
                .replaceAll(".*average rate: *", "").trim());
        assertEquals(20.0, rate, 5.0, "rostopic hz rate of a 20 Hz topic");
    }

    @Test
    @Timeout(120)
    void rostopicPubReachesOurSubscriber() throws Exception {
        List<Double> got = new CopyOnWriteArrayList<>();
        node.subscribe("/hil/cmd", float64Type, (body, pub) -> got.add(Messages.readFloat64(body)));
        peers.start(env(), "rostopic", "pub", "-r", "10", "/hil/cmd", "std_msgs/Float64", "data: 2.5");
        awaitTrue(() -> !got.isEmpty(), TOOL, "a message from rostopic pub");
        assertEquals(2.5, got.get(0));
    }

    @Test
    @Timeout(120)
    void rospyPublisherReachesOurSubscriber() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        node.subscribe("/hil/from_rospy", stringType, (body, pub) -> got.add(Messages.readString(body)));
        Path script = peers.home().resolve("pub.py");
        Files.writeString(script, """
                import rospy
                from std_msgs.msg import String
                rospy.init_node('rospy_talker')
                pub = rospy.Publisher('/hil/from_rospy', String, queue_size=10)
                rate = rospy.Rate(20)
                i = 0
                while not rospy.is_shutdown():
                    i += 1
                    pub.publish(String(data='from rospy %d' % i))
                    rate.sleep()
                """);
        peers.start(env(), RosPeers.PYTHON, script.toString());
        awaitTrue(() -> got.size() >= 3, TOOL, "three messages from a rospy publisher");
        assertTrue(got.get(0).startsWith("from rospy "), got.get(0));
    }

    @Test
    @Timeout(120)
    void rospySubscriberGetsOurLatchedMessage() throws Exception {
        Publisher p = node.advertise("/hil/latched", stringType, true, 1);
        p.publish(Messages.string("latched once"));
        Path script = peers.home().resolve("sub.py");
        Files.writeString(script, """
                import rospy, sys
                from std_msgs.msg import String
                rospy.init_node('rospy_listener')
                m = rospy.wait_for_message('/hil/latched', String, timeout=30)
                print('GOT[%s]' % m.data)
                sys.stdout.flush()
                """);
        RosPeers.Result r = peers.run(env(), TOOL, RosPeers.PYTHON, script.toString());
        assertTrue(r.output().contains("GOT[latched once]"), "rospy subscriber: " + r.output());
    }

    @Test
    @Timeout(120)
    void rosnodeListAndInfoShowOurNode() throws Exception {
        chatter("/hil/chatter");
        RosPeers.Result list = peers.run(env(), TOOL, "rosnode", "list");
        assertTrue(list.output().lines().anyMatch(("/" + NODE)::equals), "rosnode list: " + list.output());
        RosPeers.Result info = peers.run(env(), TOOL, "rosnode", "info", "/" + NODE);
        assertEquals(0, info.exitCode(), "rosnode info: " + info.output());
        assertTrue(info.output().contains("Node [/" + NODE + "]"), info.output());
        assertTrue(info.output().contains(" * /hil/chatter [std_msgs/String]"), info.output());
        assertTrue(info.output().contains("Pid: " + ProcessHandle.current().pid()), info.output());
    }

    @Test
    @Timeout(120)
    void rosbagRecordsOurTopicWithItsDefinition() throws Exception {
        chatter("/hil/chatter");
        Path bag = peers.home().resolve("chatter.bag");
        RosPeers.Result rec = peers.run(env(), TOOL, "rosbag", "record", "--duration=3", "-O", bag.toString(), "/hil/chatter");
        assertTrue(Files.exists(bag), "rosbag record wrote no bag: " + rec.output());
        RosPeers.Result info = peers.run(env(), TOOL, "rosbag", "info", bag.toString());
        assertEquals(0, info.exitCode(), info.output());
        // "topics: /hil/chatter   N msgs : std_msgs/String" with N about 3 s x 20 Hz
        String line = info.output().lines().filter(l -> l.contains("/hil/chatter")).findFirst().orElseThrow(() -> new AssertionError(info.output()));
        assertTrue(line.contains("std_msgs/String"), line);
        int msgs = Integer.parseInt(line.replaceAll(".*/hil/chatter\\s+(\\d+) msgs.*", "$1"));
        assertTrue(msgs >= 20, "rosbag recorded only " + msgs + " messages: " + line);
        // rosbag stores the connection header we sent; genpy rebuilds the class from its message_definition
        RosPeers.Result read = peers.run(env(), TOOL, RosPeers.PYTHON, "-c",
                "import rosbag, sys\nfor t, m, _ in rosbag.Bag(sys.argv[1]).read_messages(raw=False):\n    print('DATA[%s]' % m.data); break",
                bag.toString());
        assertTrue(read.output().matches("(?s).*DATA\\[hello \\d+\\].*"), read.output());
    }

    @Test
    @Timeout(120)
    void closingUnregistersCleanly() throws Exception {
        Publisher p = chatter("/hil/chatter");
        Subscriber sub = node.subscribe("/hil/in", float64Type, (b, h) -> { });
        assertTrue(peers.run(env(), TOOL, "rostopic", "list").output().lines().anyMatch("/hil/in"::equals));
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        p.close();
        sub.close();
        String topics = peers.run(env(), TOOL, "rostopic", "list").output();
        assertTrue(topics.lines().noneMatch(l -> l.equals("/hil/chatter") || l.equals("/hil/in")), "still registered: " + topics);
        if (node.embeddedMaster() == null) {
            // an external master outlives us: closing the node must leave nothing of it there
            java.net.URI master = node.masterUri();
            node.advertise("/hil/other", stringType, false, 1);
            assertTrue(peers.run(env(), TOOL, "rosnode", "list").output().lines().anyMatch(("/" + NODE)::equals));
            node.close();
            assertTrue(peers.run(peers.env(master), TOOL, "rostopic", "list").output().lines().noneMatch("/hil/other"::equals));
            assertTrue(peers.run(peers.env(master), TOOL, "rosnode", "list").output().lines().noneMatch(("/" + NODE)::equals));
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier c, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static Map<String, String> loopback(URI masterUri) {
        return masterUri == null ? Map.of("ROS_IP", "127.0.0.1") : Map.of("ROS_IP", "127.0.0.1", "ROS_MASTER_URI", masterUri.toString());
    }
}
