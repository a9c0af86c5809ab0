package org.hilbridge.tests.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which frames {@code ./hilbridge bench augment} counts as run on a quiet core: both core probes around the frame
 * within the allowed slowdown of the probes' 10th percentile, whatever the frame itself took.
 */
class QuietCoreTest {
    @Test
    void aFrameCountsOnlyWhereBothItsProbesRanNearTheFloor() {
        // Twenty frames with probes of 0.50 ms, then a slow spell (probes 0.62 ms, +24 %) that starts during frame 20
        // (its probe before is quiet, its probe after is not) and ends during frame 24.
        int n = 30;
        double[] before = new double[n], after = new double[n];
        for (int k = 0; k < n; k++) {
            before[k] = k >= 21 && k <= 24 ? 0.62 : 0.50;
            after[k] = k >= 20 && k <= 23 ? 0.62 : 0.50;
        }
        boolean[] quiet = HostReferences.quiet(before, after, 0.10);
        for (int k = 0; k < n; k++) {
            assertEquals(k < 20 || k > 24, quiet[k], "frame " + k);
        }
    }

    @Test
    void theLimitIsTheFastestProbeTimesOnePlusTheSlowdown() {
        // The fastest probe is 1.00 ms: 1.10 passes, 1.11 does not.
        double[] before = {1.02, 1.00, 1.05, 1.10, 1.11, 1.01, 1.01, 1.01, 1.01, 1.01};
        double[] after = {1.01, 1.01, 1.01, 1.01, 1.01, 1.10, 1.11, 1.01, 1.01, 1.01};
        boolean[] quiet = HostReferences.quiet(before, after, 0.10);
        assertArrayEquals(new boolean[] {true, true, true, true, false, true, false, true, true, true}, quiet);
    }

    @Test
    void aRunSpentMostlyInASpellKeepsOnlyTheFramesAtTheCoresSpeed() {
        // Probes at 1.25 ms (a spell) for 95 frames of 100, at 1.00 for the last 5: only those 5 are quiet (the 10th
        // percentile as the floor would have taken the spell's speed for the core's and kept them all).
        double[] before = new double[100], after = new double[100];
        for (int k = 0; k < 100; k++) {
            before[k] = after[k] = k < 95 ? 1.25 : 1.00;
        }
        boolean[] quiet = HostReferences.quiet(before, after, 0.10);
        for (int k = 0; k < 100; k++) {
            assertEquals(k >= 95, quiet[k], "frame " + k);
        }
    }

    @Test
    void theFiguresOnAQuietCoreAreTheQuietFramesOwnSorted() {
        double[] inOrder = {9.0, 14.0, 8.5, 13.0, 9.5};
        boolean[] quiet = {true, false, true, false, true};
        assertArrayEquals(new double[] {8.5, 9.0, 9.5}, HostReferences.onQuietCore(inOrder, quiet));
    }

    @Test
    void aP99NeedsAHundredQuietFrames() {
        double[] ninetyNine = new double[99], hundred = new double[100];
        for (int k = 0; k < hundred.length; k++) {
            hundred[k] = 1 + k / 100.0;   // 1.00 .. 1.99 ms: the p99 (nearest rank) is the 99th, 1.98
            if (k < ninetyNine.length) {
                ninetyNine[k] = hundred[k];
            }
        }
        String few = report(ninetyNine);
        assertTrue(few.contains("99 of 600 frames, too few for a p99 (100 needed)"), few);
        assertTrue(!few.contains("bench "), few);
        String enough = report(hundred);
        assertTrue(enough.contains("100 of 600 frames; p50 1.49 ms, p99 1.98 ms, worst 1.99 ms"), enough);
        assertTrue(enough.contains("bench augment full_p99_quiet_core 1.980 ms ref issue9_target 10.00"), enough);
    }

    private static String report(double[] quiet) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        HostReferences.reportQuietCore(new BenchReport(new java.io.PrintStream(bytes, true)), "augment", "full", "full chain", quiet, 600, 10);
        return bytes.toString();
    }

    @Test
    void withoutProbesNoFrameIsQuietAndMismatchedProbesAreRefused() {
        assertEquals(0, HostReferences.none().quietCore().length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostReferences.quiet(new double[3], new double[2], 0.10));
        assertTrue(e.getMessage().contains("3 and 2"), e.getMessage());
    }
}
