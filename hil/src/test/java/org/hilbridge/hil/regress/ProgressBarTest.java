package org.hilbridge.hil.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The progress line: done/total, passes and failures so far, and an ETA from the mean rate so far (a fake clock). */
@Timeout(10)
class ProgressBarTest {
    private static RunResult result(String name, boolean passed) {
        return new RunResult(0, name, "s", "x", Map.of(), passed, List.of(), 1, 1, null, Map.of(), Map.of());
    }

    @Test
    void eachFinishedRunPrintsOneLine() {
        long[] now = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), 4, () -> now[0]);
        now[0] = 10_000_000_000L; // 10 s: one run done, three left at 10 s each
        bar.finished(result("a", true));
        now[0] = 20_000_000_000L; // 20 s: two done, 10 s each, two left
        bar.finished(result("b", false));
        now[0] = 150_000_000_000L; // 150 s: three done at 50 s each, one left
        bar.finished(result("c", true));
        bar.finished(result("d", true));
        assertEquals(List.of(
                "[######------------------] 1/4  pass 1  fail 0  ETA 30s  PASS a",
                "[############------------] 2/4  pass 1  fail 1  ETA 20s  FAIL b",
                "[##################------] 3/4  pass 2  fail 1  ETA 50s  PASS c",
                "[########################] 4/4  pass 3  fail 1  ETA 0s  PASS d"), out.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
