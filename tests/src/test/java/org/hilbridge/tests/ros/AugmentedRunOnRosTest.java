package org.hilbridge.tests.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.node.MasterMode;
import org.hilbridge.bridge.ros.node.NodeGraph;
import org.hilbridge.bridge.ros.node.Publisher;
import org.hilbridge.bridge.ros.node.RosNode;
import org.hilbridge.bridge.ros.node.RosNodeConfig;
import org.hilbridge.bridge.ros.sink.RosSink;
import org.hilbridge.bridge.ros.sink.RosSinkConfig;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 on the ROS wire, read by a rospy subscriber (Debian's python3-rospy): a fast run of the off-road
 * course in fog with augment.primary = augmented, published by RosSink through our TCPROS node. For every camera
 * frame, /camera/image_augmented arrives with exactly the raw image's header (seq, stamp, frame_id) and the
 * AugmentedFrame's pixels, /camera/image (the stack's image) with the same augmented pixels, /camera/image_raw
 * with the render, and /camera/image_augmented/info with the frame's record.
 */
@Timeout(240)
class AugmentedRunOnRosTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PYTHON = "/usr/bin/python3";
    private static final int FRAMES = 15; // 0.5 s at 30 Hz

    private static final String LISTENER = """
            import sys, time, hashlib, json, rospy
            from sensor_msgs.msg import Image
            from std_msgs.msg import String
            out = open(sys.argv[1], 'w', buffering=1)
            def image(kind):
                def cb(m):
                    out.write('%s %d %d %s %s %s\\n' % (kind, m.header.seq, m.header.stamp.to_nsec(), m.header.frame_id, m.encoding,
                                                          hashlib.md5(m.data).hexdigest()))
                return cb
            def info(m):
                r = json.loads(m.data)
                out.write('info %d %d %s %s %s\\n' % (r['seq'], r['stamp_nanos'], r['frame_id'], r['outcome'], r['primary']))
            rospy.init_node('augment_listener', disable_signals=True)
            big = 1 << 26  # buff_size >= queue x message size for large images (DESIGN.md)
            for topic, kind in [('/camera/image_raw', 'raw'), ('/camera/image_augmented', 'aug'), ('/camera/image', 'primary')]:
                rospy.Subscriber(topic, Image, image(kind), queue_size=100, buff_size=big, tcp_nodelay=True)
            rospy.Subscriber('/camera/image_augmented/info', String, info, queue_size=100, tcp_nodelay=True)
            print('READY', flush=True)
            rospy.spin()
            """;

    @Test
    void aRospySubscriberReadsTheAugmentedImagesUnderTheRawHeaders(@TempDir Path dir) throws Exception {
        List<String> overrides = List.of("duration_s=0.5", "runner.pacing=fast", "controller.type=none", "weather.condition=fog",
                "weather.intensity=0.5", "augment.enabled=true", "augment.primary=augmented");
        Scenario scenario = new ScenarioLoader(Map.of()).load(ROOT.resolve("launch/scenarios/offroad_course.yaml"), overrides);
        BridgeConfig config = new BridgeConfigLoader().load(null, Map.of(), overrides);
        Runner runner = new Runner(scenario, config, new PrintStream(OutputStream.nullOutputStream()));
        Map<Long, CameraFrame> raw = new ConcurrentHashMap<>();
        Map<Long, AugmentedFrame> augmented = new ConcurrentHashMap<>();
        runner.attach(new SampleSink() {
            @Override
            public String name() {
                return "record";
            }

            @Override
            public void accept(SensorSample s) {
                if (s instanceof CameraFrame c) {
                    raw.put(c.sequence(), c.retain()); // kept past accept (CameraFrame)
                } else if (s instanceof AugmentedFrame a) {
                    augmented.put(a.sequence(), a.retain()); // kept past accept: its pixels are pooled too (AugmentedFrame)
                }
            }
        }, 100_000);

        Map<String, String> env = new HashMap<>(Map.of("ROS_IP", "127.0.0.1", "ROS_HOME", dir.resolve("ros").toString(),
                "HOME", dir.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        Path record = dir.resolve("received.txt");
        Path script = dir.resolve("listener.py");
        Files.writeString(script, LISTENER);
        Process py = null;
        List<String> lines;
        try (RosNode node = RosNode.start(RosNodeConfig.of("hilbridge_augment", env).withMaster(MasterMode.AUTO, 0))) {
            runner.attach(new RosSink(new NodeGraph(node, 1000), MessageCatalog.standard(), runner.streams(), RosSinkConfig.defaults(),
                    PooledByteBufAllocator.DEFAULT), 100_000);
            env.put("ROS_MASTER_URI", node.masterUri().toString());
            ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), record.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("listener.log").toFile());
            pb.environment().putAll(env);
            try {
                py = pb.start();
            } catch (IOException e) {
                throw new AssertionError("this test needs " + PYTHON + " with rospy (Debian packages python3-rospy, python3-sensor-msgs,"
                        + " python3-std-msgs): " + e.getMessage(), e);
            }
            List<String> topics = List.of("/camera/image_raw", "/camera/image_augmented", "/camera/image", "/camera/image_augmented/info");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!connected(node, topics)) {
                assertTrue(py.isAlive(), "the rospy listener died: " + Files.readString(dir.resolve("listener.log")));
                assertTrue(System.nanoTime() < deadline, "rospy did not connect: " + Files.readString(dir.resolve("listener.log")));
                Thread.sleep(50);
            }
            runner.run();
            lines = List.of();
            for (int i = 0; i < 600 && lines.size() < 4 * FRAMES; i++) { // bounded: at most 60 s
                Thread.sleep(100);
                lines = Files.exists(record) ? Files.readAllLines(record) : List.of();
            }
        } finally {
            if (py != null) {
                py.destroy();
                if (!py.waitFor(10, TimeUnit.SECONDS)) {
                    py.destroyForcibly();
                }
            }
        }
        assertEquals(FRAMES, raw.size());
        assertEquals(FRAMES, augmented.size());
        Map<String, String[]> byKindAndSeq = new HashMap<>();
        for (String l : lines) {
            String[] f = l.split(" ");
            byKindAndSeq.put(f[0] + "#" + f[1], f);
        }
        assertEquals(4 * FRAMES, byKindAndSeq.size(), "every message of every topic once: " + lines);
        int changed = 0;
        for (long seq = 0; seq < FRAMES; seq++) {
            CameraFrame r = raw.get(seq);
            AugmentedFrame a = augmented.get(seq);
            String[] rawMsg = byKindAndSeq.get("raw#" + seq);
            String[] augMsg = byKindAndSeq.get("aug#" + seq);
            String[] primaryMsg = byKindAndSeq.get("primary#" + seq);
            String[] info = byKindAndSeq.get("info#" + seq);
            assertNotNull(augMsg, "augmented #" + seq);
            assertNotNull(primaryMsg, "primary #" + seq);
            assertNotNull(info, "info #" + seq);
            // The header: seq, stamp (ns), frame_id equal to the raw image's, and to the capture.
            assertEquals(List.of(rawMsg[1], rawMsg[2], rawMsg[3], "rgb8"), List.of(augMsg[1], augMsg[2], augMsg[3], augMsg[4]), "header of #" + seq);
            assertEquals(Long.toString(r.captureNanos()), augMsg[2]);
            assertEquals(r.frameId(), augMsg[3]);
            assertEquals(md5(a.rgb8()), augMsg[5], "augmented pixels of #" + seq);
            assertEquals(md5(a.rgb8()), primaryMsg[5], "primary = augmented: /camera/image carries the augmented pixels, #" + seq);
            assertEquals(md5(r.image().rgbData()), rawMsg[5], "/camera/image_raw stays the render, #" + seq);
            assertEquals(List.of(augMsg[2], r.frameId(), a.outcome().name(), "True"), List.of(info[2], info[3], info[4], info[5]));
            if (!md5(a.rgb8()).equals(rawMsg[5])) {
                changed++;
            }
        }
        assertNotEquals(0, changed, "fog changed some frames");
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private static boolean connected(RosNode node, List<String> topics) {
        Map<String, Publisher> publishers = new HashMap<>();
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
