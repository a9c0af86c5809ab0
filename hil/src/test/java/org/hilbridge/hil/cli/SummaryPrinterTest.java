package org.hilbridge.hil.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hilbridge.hil.arbiter.ArbiterStats;
import org.hilbridge.hil.runner.AugmentSummary;
import org.hilbridge.hil.runner.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one-screen summary reports each augmented camera's outcomes, and in realtime pacing the deadline misses against the deadline. */
@Timeout(10)
class SummaryPrinterTest {
    private static String print(List<AugmentSummary> augment) {
        RunSummary s = new RunSummary("course", 1, "realtime", 20, 20.1, 50, 5, List.of(), new ArbiterStats(Map.of(), Map.of()), Map.of(), List.of(),
                false, new double[0], null, null, augment);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryPrinter.print(s, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRealtimeCameraLineGivesTheLateCountTheMissRateAndTheDeadline() {
        String out = print(List.of(new AugmentSummary("front_camera", AugmentSummary.REALTIME, 33_333_333, 580, 5, 15, 0)));
        assertTrue(out.contains("  augment       front_camera 600 frames: 580 augmented, 5 rejected by the gate, 15 late (2.5 % missed the 33.3 ms deadline), "
                + "0 failed\n"), out);
    }

    @Test
    void aSynchronousCameraLineSaysEveryResultWasWaitedFor() {
        String out = print(List.of(new AugmentSummary("front", AugmentSummary.SYNCHRONOUS, 0, 10, 0, 0, 0)));
        assertTrue(out.contains("  augment       front        10 frames: 10 augmented, 0 rejected by the gate, 0 late (synchronous: every result waited for), "
                + "0 failed\n"), out);
        assertFalse(print(List.of()).contains("augment"), "no line without augmentation");
    }
}
