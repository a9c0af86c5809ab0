package org.hilbridge.hil.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hilbridge.hil.cli.HilbridgeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `hilbridge replay BAG --check`: a fast or lockstep recording, re-run with its seed and its recorded
 * commands (no controller), reproduces every sensor message bit for bit; a byte flipped in a copy of the bag
 * is reported as the first divergence with its topic, index and offset; realtime recordings are refused.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeterminismCheckTest {
    @TempDir
    Path dir;

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    private static long comparedMessages(Path bag) throws Exception {
        try (BagReader r = BagReader.open(bag)) {
            return r.messages().stream().map(m -> m.connection().topic())
                    .filter(t -> !t.startsWith("/hilbridge/") && !t.equals("/diagnostics")).count();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fast", "lockstep"})
    void aRecordedRunIsReproducedBitForBit(String pacing) throws Exception {
        Path bag = Recordings.record(dir.resolve(pacing + ".bag"), Recordings.OBSTACLE_FIELD, "duration_s=3", "runner.pacing=" + pacing);
        try (BagReader r = BagReader.open(bag)) {
            assertEquals(150, r.messagesOn(CommandLog.TOPIC).size(), "the route follower answers every 50 Hz ground truth sample for 3 s");
        }
        // No controller runs in the check: without the recorded commands the vehicle would stand still and
        // every ground truth message after the first would differ.
        CheckResult result = DeterminismCheck.run(bag, QUIET);
        assertTrue(result.identical(), result.verdict());
        assertEquals(comparedMessages(bag), result.messages());
        assertEquals("identical: " + result.messages() + " messages on " + result.topics() + " topics", result.verdict());
        assertEquals(4, result.topics(), "/clock, /ground_truth/odom, /tf, /tf_static");
    }

    @Test
    void theFullSensorSetIsReproducedBitForBit() throws Exception {
        Path bag = Recordings.record(dir.resolve("full.bag"), Recordings.OFFROAD_COURSE, "duration_s=0.5");
        CheckResult result = DeterminismCheck.run(bag, QUIET);
        assertTrue(result.identical(), result.verdict());
        assertEquals(comparedMessages(bag), result.messages());
        try (BagReader r = BagReader.open(bag)) {
            assertTrue(r.messagesOn("/camera/image_raw").size() >= 15, "camera frames compared");
            assertTrue(r.messagesOn("/lidar/points").size() >= 4, "LiDAR sweeps compared");
        }
    }

    @Test
    void aFlippedByteIsReportedAsTheFirstDivergenceWithItsTopicAndIndex() throws Exception {
        Path bag = Recordings.record(dir.resolve("ok.bag"), Recordings.OBSTACLE_FIELD, "duration_s=2");
        Path planted = dir.resolve("planted.bag");
        Files.copy(bag, planted);
        int index = 37;
        long offset = 60; // inside the pose (after the header's seq, stamp and "map")
        BagMessage target;
        try (BagReader r = BagReader.open(planted)) {
            target = r.messagesOn("/ground_truth/odom").get(index);
        }
        try (RandomAccessFile f = new RandomAccessFile(planted.toFile(), "rw")) {
            f.seek(target.dataPos() + offset);
            int b = f.read();
            f.seek(target.dataPos() + offset);
            f.write(b ^ 0x01);
        }
        CheckResult result = DeterminismCheck.run(planted, QUIET);
        assertEquals(1, result.divergences().size(), result.divergences().toString());
        Divergence d = result.first();
        assertEquals("/ground_truth/odom", d.topic());
        assertEquals(index, d.index());
        assertEquals(offset, d.byteOffset());
        assertEquals(target.timeNanos(), d.stampNanos());
        assertTrue(result.verdict().startsWith("diverged: first at /ground_truth/odom message 37"), result.verdict());
        // the CLI: exit 1 and the verdict
        assertEquals(1, HilbridgeCli.commandLine().execute("replay", planted.toString(), "--check"));
        assertEquals(0, HilbridgeCli.commandLine().execute("replay", bag.toString(), "--check"));
    }

    @Test
    void aRealtimeRecordingIsRefusedSayingWhy() throws Exception {
        Path bag = Recordings.record(dir.resolve("rt.bag"), Recordings.OBSTACLE_FIELD, "duration_s=0.3", "runner.pacing=realtime");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeterminismCheck.run(bag, QUIET));
        assertTrue(e.getMessage().contains("realtime pacing") && e.getMessage().contains("not reproducible"), e.getMessage());
        assertEquals(2, HilbridgeCli.commandLine().execute("replay", bag.toString(), "--check"));
    }

    @Test
    void aBagWithoutRunInfoIsRefused() throws Exception {
        Path bag = dir.resolve("plain.bag");
        try (BagWriter w = BagWriter.create(bag)) {
            w.write(w.addConnection("/x", "std_msgs/String", "992ce8a1687cec8c8bd883ec73ca41d1", "string data\n", "", false), 0, BagRecorder.stringMessage("x"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeterminismCheck.run(bag, QUIET));
        assertTrue(e.getMessage().contains("/hilbridge/run"), e.getMessage());
    }
}
