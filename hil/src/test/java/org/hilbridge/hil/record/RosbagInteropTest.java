package org.hilbridge.hil.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.hil.cli.HilbridgeCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bags hilbridge records, judged by Debian's rosbag (python3-rosbag 1.15): `rosbag info` lists every topic
 * with its count and type, `rosbag check` passes, `rosbag play` feeds a real rosmaster's `rostopic echo`, and
 * a recording killed with SIGKILL is repaired by `rosbag reindex`. The other way round, our reader reads bags
 * that `rosbag record` and rosbag's Python API wrote.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RosbagInteropTest {
    @TempDir
    Path dir;
    private RosTools ros;

    @BeforeEach
    void tools() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        ros = new RosTools(dir.resolve("home"));
    }

    @AfterEach
    void killTools() {
        ros.close();
    }

    /** `rosbag info`'s topic lines: "topics:      /clock    250 msgs    : rosgraph_msgs/Clock". */
    private static Map<String, String> infoTopics(String info) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^(?:topics:)?\\s+(/\\S+)\\s+(\\d+) msgs?\\s*:\\s*(\\S+)").matcher(info);
        while (m.find()) {
            out.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        return out;
    }

    private static Map<String, String> ourTopics(BagReader r) {
        Map<String, String> out = new TreeMap<>();
        for (BagConnection c : r.connections()) {
            out.put(c.topic(), r.messagesOn(c.topic()).size() + " " + c.type());
        }
        return out;
    }

    @Test
    void rosbagInfoListsEveryTopicWithItsCountAndTypeAndCheckPasses() throws Exception {
        Path bag = Recordings.record(dir.resolve("run.bag"), Recordings.OFFROAD_COURSE, "duration_s=1");
        RosTools.Result info = ros.run(60, "rosbag", "info", bag.toString());
        assertEquals(0, info.exitCode(), info.output());
        Map<String, String> theirs = infoTopics(info.output());
        try (BagReader r = BagReader.open(bag)) {
            Map<String, String> ours = ourTopics(r);
            assertEquals(ours, theirs, info.output());
            // every sensor topic of the full default set is there, with the catalogue's type
            for (String t : List.of("/camera/image_raw", "/camera/camera_info", "/camera/depth", "/camera/semantic", "/lidar/points", "/imu/data",
                    "/gnss/fix", "/vehicle/odom", "/ground_truth/odom", "/tf", "/tf_static", "/clock", "/hilbridge/run", "/hilbridge/applied_command")) {
                assertTrue(theirs.containsKey(t), t + " missing from rosbag info:\n" + info.output());
            }
            assertTrue(theirs.get("/imu/data").equals("200 sensor_msgs/Imu"), "IMU at 200 Hz for 1 s: " + theirs.get("/imu/data"));
            for (BagConnection c : r.connections()) {
                assertEquals(MessageCatalog.standard().type(c.type()).md5sum(), c.md5sum(), c.topic());
            }
        }
        assertTrue(info.output().contains("compression: none"), info.output());
        RosTools.Result check = ros.run(60, "rosbag", "check", bag.toString());
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("Bag file does not need any migrations."), check.output());
    }

    @Test
    void rosbagPlayFeedsARealMastersSubscribers() throws Exception {
        Path bag = Recordings.record(dir.resolve("play.bag"), Recordings.OBSTACLE_FIELD, "duration_s=3");
        ros.startMaster();
        Process echo = ros.start("rostopic", "echo", "-n", "1", "/ground_truth/odom");
        Process play = ros.start("rosbag", "play", "-l", bag.toString());
        RosTools.Result seen = ros.await(echo, 60, "rostopic echo -n 1 /ground_truth/odom");
        assertEquals(0, seen.exitCode(), seen.output() + "\nrosbag play said:\n" + ros.outputOf(play));
        assertTrue(seen.output().contains("frame_id: \"map\""), seen.output());
        assertTrue(seen.output().contains("child_frame_id: \"base_link\""), seen.output());
    }

    @Test
    void aRecordingKilledWithSigkillIsRepairedByRosbagReindex() throws Exception {
        Path bag = dir.resolve("killed.bag");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process p = new ProcessBuilder(java.toString(), "-cp", classpath, HilbridgeCli.class.getName(), "run", Recordings.OBSTACLE_FIELD,
                "--record", bag.toString(), "--set", "duration_s=86400", "--set", "runner.progress_every_s=0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // a few chunks (1 s of sim time each) must be on disk before the kill
            while ((!Files.exists(bag) || Files.size(bag) < 200_000) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the recording ended before the kill:\n" + Files.readString(dir.resolve("run.log")));
            assertTrue(Files.size(bag) >= 200_000, "the bag did not grow to 200 kB within 60 s");
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs, the bag is never closed
            p.waitFor(20, TimeUnit.SECONDS);
        }
        long messagesBefore;
        try (BagReader r = BagReader.open(bag)) {
            assertEquals(0, r.indexPos(), "a killed recording never wrote its index");
            messagesBefore = r.messages().size();
            assertTrue(messagesBefore > 0);
        }
        Files.createDirectories(dir.resolve("fixed"));
        RosTools.Result reindex = ros.run(120, "rosbag", "reindex", "--output-dir", dir.resolve("fixed").toString(), bag.toString());
        assertEquals(0, reindex.exitCode(), reindex.output());
        Path fixed = dir.resolve("fixed").resolve("killed.bag");
        RosTools.Result info = ros.run(60, "rosbag", "info", fixed.toString());
        assertEquals(0, info.exitCode(), info.output());
        Map<String, String> theirs = infoTopics(info.output());
        assertTrue(theirs.containsKey("/ground_truth/odom"), info.output());
        try (BagReader r = BagReader.open(fixed)) {
            assertNotEquals(0, r.indexPos());
            assertEquals(messagesBefore, r.messages().size(), "reindex keeps every whole chunk");
            assertEquals(ourTopics(r), theirs);
        }
        RosTools.Result check = ros.run(60, "rosbag", "check", fixed.toString());
        assertEquals(0, check.exitCode(), check.output());
    }

    @Test
    void aBagTornInsideItsLastChunkIsReindexedUpToTheChunkBefore() throws Exception {
        // What a kill in the middle of a chunk's write leaves: index_pos 0, whole chunks, then part of one.
        Path whole = dir.resolve("whole.bag");
        BagWriter w = BagWriter.create(whole, 4096, 1_000_000_000L);
        BagConnection c = w.addConnection("/chatter", "std_msgs/String", MessageCatalog.standard().type("std_msgs/String").md5sum(),
                "string data\n", "/hilbridge", false);
        long beforeLast = 0;
        for (int i = 0; i < 100; i++) {
            beforeLast = i == 90 ? Files.size(whole) : beforeLast;
            w.write(c, 1_000_000_000L + i * 10_000_000L, BagRecorder.stringMessage("message " + i + " " + "x".repeat(200)));
        }
        w.flush();
        long size = Files.size(whole);
        assertTrue(size > beforeLast + 200, "a chunk was written after message 90");
        Path torn = dir.resolve("torn.bag");
        Files.write(torn, java.util.Arrays.copyOf(Files.readAllBytes(whole), (int) (beforeLast + (size - beforeLast) / 2)));
        w.close();
        int readable;
        try (BagReader r = BagReader.open(torn)) {
            assertEquals(0, r.indexPos());
            assertTrue(r.truncated());
            readable = r.messages().size();
        }
        Files.createDirectories(dir.resolve("fixed"));
        RosTools.Result reindex = ros.run(60, "rosbag", "reindex", "--output-dir", dir.resolve("fixed").toString(), torn.toString());
        assertEquals(0, reindex.exitCode(), reindex.output());
        RosTools.Result info = ros.run(60, "rosbag", "info", dir.resolve("fixed").resolve("torn.bag").toString());
        assertEquals(0, info.exitCode(), info.output());
        assertEquals(readable + " std_msgs/String", infoTopics(info.output()).get("/chatter"), info.output());
    }

    @Test
    void ourReaderReadsWhatRosbagRecordWrote() throws Exception {
        ros.startMaster();
        ros.start("rostopic", "pub", "-r", "20", "/chatter", "std_msgs/String", "data: hello from rostopic");
        Path bag = dir.resolve("rec.bag");
        RosTools.Result rec = ros.run(60, "rosbag", "record", "--duration=2", "-O", bag.toString(), "/chatter");
        assertEquals(0, rec.exitCode(), rec.output());
        RosTools.Result info = ros.run(60, "rosbag", "info", bag.toString());
        try (BagReader r = BagReader.open(bag)) {
            assertEquals(infoTopics(info.output()), ourTopics(r), info.output());
            List<BagMessage> ms = r.messagesOn("/chatter");
            assertTrue(ms.size() > 5, "messages recorded: " + ms.size());
            BagConnection c = ms.get(0).connection();
            assertEquals("std_msgs/String", c.type());
            assertEquals(MessageCatalog.standard().type("std_msgs/String").md5sum(), c.md5sum());
            assertEquals("string data\n", c.messageDefinition());
            assertTrue(c.callerid().startsWith("/rostopic_"), c.callerid());
            for (BagMessage m : ms) {
                assertEquals("hello from rostopic", CommandScript.stringBody(r.read(m), "/chatter"));
            }
            for (int i = 1; i < ms.size(); i++) {
                assertTrue(ms.get(i).timeNanos() >= ms.get(i - 1).timeNanos());
            }
        }
    }

    @Test
    void ourReaderReadsWhatRosbagsPythonApiWrote() throws Exception {
        Path bag = dir.resolve("py.bag");
        // rosbag.Bag.write with explicit times (i seconds + i ms) and a small chunk threshold, so several chunks
        String script = String.join("\n",
                "import sys, rosbag, rospy",
                "from std_msgs.msg import String",
                "from sensor_msgs.msg import Imu",
                "with rosbag.Bag(sys.argv[1], 'w', chunk_threshold=1024) as b:",
                "    for i in range(40):",
                "        t = rospy.Time(i, i * 1000000)",
                "        b.write('/text', String(data='msg %d' % i), t)",
                "        imu = Imu(); imu.header.seq = i; imu.header.stamp = t; imu.header.frame_id = 'imu_link'; imu.linear_acceleration.z = 9.81",
                "        b.write('/imu', imu, t)");
        RosTools.Result py = ros.run(60, "python3", "-c", script, bag.toString());
        assertEquals(0, py.exitCode(), py.output());
        try (BagReader r = BagReader.open(bag)) {
            assertTrue(r.chunkCount() > 1, "chunks: " + r.chunkCount());
            List<BagMessage> text = r.messagesOn("/text");
            List<BagMessage> imu = r.messagesOn("/imu");
            assertEquals(40, text.size());
            assertEquals(40, imu.size());
            for (int i = 0; i < 40; i++) {
                assertEquals(i * 1_000_000_000L + i * 1_000_000L, text.get(i).timeNanos());
                assertEquals("msg " + i, CommandScript.stringBody(r.read(text.get(i)), "/text"));
                assertEquals(text.get(i).timeNanos(), imu.get(i).timeNanos());
            }
            assertEquals("sensor_msgs/Imu", imu.get(0).connection().type());
            assertEquals(MessageCatalog.standard().type("sensor_msgs/Imu").md5sum(), imu.get(0).connection().md5sum());
            assertEquals(MessageCatalog.standard().type("sensor_msgs/Imu").definition(), imu.get(0).connection().messageDefinition());
        }
    }

    @Test
    void rosbagsPythonApiReadsOurBagWithCaptureTimesAsReceiveTimes() throws Exception {
        Path bag = Recordings.record(dir.resolve("api.bag"), Recordings.OBSTACLE_FIELD, "duration_s=1");
        // every /ground_truth/odom message's receive time equals its header stamp (the capture time), per DESIGN.md
        String script = String.join("\n",
                "import sys, rosbag",
                "n = 0",
                "with rosbag.Bag(sys.argv[1]) as b:",
                "    for topic, msg, t in b.read_messages(topics=['/ground_truth/odom']):",
                "        assert msg.header.stamp == t, (msg.header.stamp, t)",
                "        n += 1",
                "print('odom', n)");
        RosTools.Result py = ros.run(60, "python3", "-c", script, bag.toString());
        assertEquals(0, py.exitCode(), py.output());
        try (BagReader r = BagReader.open(bag)) {
            assertTrue(py.output().contains("odom " + r.messagesOn("/ground_truth/odom").size()), py.output());
        }
    }

    static String text(Path p) throws java.io.IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
