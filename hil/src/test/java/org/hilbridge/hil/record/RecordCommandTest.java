package org.hilbridge.hil.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hilbridge.hil.cli.HilbridgeCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** `hilbridge run --record` and `hilbridge replay` as a user types them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordCommandTest {
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

    private static String err(String... args) {
        CommandLine cl = HilbridgeCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return code + " " + err;
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalEndsTheRunWithAClosedIndexedBag(String signal) throws Exception {
        Path bag = dir.resolve("sig.bag");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path log = dir.resolve("run.log");
        // env --default-signal: SIGINT reaches the run even when this JVM was started with it ignored (see SignalShutdownTest).
        Process p = new ProcessBuilder("env", "--default-signal=INT,TERM", java.toString(), "-cp", classpath, HilbridgeCli.class.getName(), "run", Recordings.OBSTACLE_FIELD,
                "--record", bag.toString(), "--set", "duration_s=86400", "--set", "runner.progress_every_s=0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((!Files.exists(bag) || Files.size(bag) < 100_000) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the run ended early:\n" + Files.readString(log));
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not end within 60 s of SIG" + signal);
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(signal.equals("INT") ? 130 : 143, p.exitValue(), out);
        assertTrue(out.contains("  bag           " + bag.toAbsolutePath()), out);
        try (BagReader r = BagReader.open(bag)) {
            assertNotEquals(0, r.indexPos(), "the bag was closed: index written");
            assertEquals(r.chunkCount(), r.headerChunkCount());
            assertTrue(r.messagesOn("/ground_truth/odom").size() > 10);
        }
        RosTools.Result check = ros.run(60, "rosbag", "check", bag.toString());
        assertEquals(0, check.exitCode(), check.output());
        RosTools.Result info = ros.run(60, "rosbag", "info", bag.toString());
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(!info.output().contains("unindexed"), info.output());
    }

    @Test
    void recordTopicsKeepsTheNamedTopicsAndTheRunNotes() throws Exception {
        Path bag = Recordings.record(dir.resolve("t.bag"), Recordings.OBSTACLE_FIELD, "duration_s=1");
        Path some = dir.resolve("some.bag");
        int code = HilbridgeCli.commandLine().execute("run", Recordings.OBSTACLE_FIELD, "--record", some.toString(), "--record-topics",
                "ground_truth/odom,/tf", "--set", "duration_s=1", "--set", "runner.progress_every_s=0");
        assertTrue(code == 0 || code == 1);
        try (BagReader all = BagReader.open(bag); BagReader r = BagReader.open(some)) {
            assertEquals(java.util.Set.of("/hilbridge/run", "/hilbridge/applied_command", "/ground_truth/odom", "/tf"),
                    java.util.Set.copyOf(r.connections().stream().map(BagConnection::topic).toList()));
            assertEquals(all.messagesOn("/ground_truth/odom").size(), r.messagesOn("/ground_truth/odom").size());
        }
    }

    @Test
    void badRecordingAndReplayRequestsAreRefusedByName() {
        String unknown = err("run", Recordings.OBSTACLE_FIELD, "--record", dir.resolve("x.bag").toString(), "--record-topics", "/camera/image_raw");
        assertTrue(unknown.startsWith("2 ") && unknown.contains("/camera/image_raw") && unknown.contains("/ground_truth/odom"), unknown);
        String noBag = err("run", Recordings.OBSTACLE_FIELD, "--record-topics", "/tf");
        assertTrue(noBag.startsWith("2 ") && noBag.contains("--record BAG"), noBag);
        String missing = err("replay", dir.resolve("none.bag").toString(), "--check");
        assertTrue(missing.startsWith("2 ") && missing.contains("none.bag"), missing);
        String rate = err("replay", dir.resolve("none.bag").toString(), "--rate", "-1");
        assertTrue(rate.startsWith("2 ") && rate.contains("--rate -1.0"), rate);
    }
}
