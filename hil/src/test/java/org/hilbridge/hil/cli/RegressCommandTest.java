package org.hilbridge.hil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `hilbridge regress` as a user types it: exit codes 0 / 1 / 2, shards and merge. */
@Timeout(180)
class RegressCommandTest {
    private static final String SUITES = "../launch/suites/";

    private record Result(int code, String out, String err) {
    }

    private static Result execute(String... args) {
        CommandLine cl = HilbridgeCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new Result(cl.execute(args), out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void aFailingRunIsExitCodeOneWithTheFailedCriteriaInTheSummary(@TempDir Path dir) {
        Result r = execute("regress", SUITES + "broken_stack.yaml", "--out", dir.toString(), "--jobs", "2", "--pacing", "lockstep");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("1 of 2 runs passed"), r.out());
        assertTrue(r.out().contains("FAIL inverted_steering: goal_reached: not reached"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("junit.xml")) && Files.isRegularFile(dir.resolve("index.html")));
    }

    @Test
    void shardsRunTheirPartAndMergeToExitCodeZeroWhenEveryRunPassed(@TempDir Path dir) {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Result r1 = execute("regress", SUITES + "weather_sweep.yaml", "--shard", "1/2", "--out", a.toString());
        assertEquals(0, r1.code(), r1.out() + r1.err());
        assertTrue(r1.out().contains("2 runs (shard 1/2 of 3)"), r1.out());
        Result r2 = execute("regress", SUITES + "weather_sweep.yaml", "--shard", "2/2", "--out", b.toString());
        assertEquals(0, r2.code(), r2.out() + r2.err());
        Result m = execute("regress", "merge", a.toString(), b.toString(), "--out", dir.resolve("all").toString());
        assertEquals(0, m.code(), m.out() + m.err());
        assertTrue(m.out().contains("3 of 3 runs passed"), m.out());
    }

    @Test
    void aBadSuiteIsExitCodeTwoNamingTheKeyBeforeAnyRun(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("bad.yaml");
        Files.writeString(suite, "scenarios:\n  - scenario: " + Path.of("../launch/scenarios/flat_asphalt.yaml").toAbsolutePath()
                + "\n    sweep: {weather.condition: [clear, hail]}\n");
        Result r = execute("regress", suite.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("weather.condition") && r.err().contains("hail"), r.err());
        assertTrue(!Files.exists(dir.resolve("out")), "nothing ran");
        assertEquals(2, execute("regress", SUITES + "ci.yaml", "--shard", "0/2").code());
        assertEquals(2, execute("regress", SUITES + "ci.yaml", "--pacing", "realtime").code());
        assertEquals(2, execute("regress", SUITES + "ci.yaml", "--jobs", "0", "--out", dir.resolve("j").toString()).code());
        assertEquals(2, execute("regress", "merge", dir.resolve("nowhere").toString()).code());
    }
}
