package org.hilbridge.hil.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.hil.arbiter.AppliedCommand;
import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.command.NormalizedCommand;
import org.hilbridge.sim.command.TwistCommand;
import org.junit.jupiter.api.Test;

/** The text forms the bag keeps must give back the exact values (a replay needs the same bits). */
class CommandLogTest {
    @Test
    void everyFormRoundTripsToTheSameBits() {
        // values with long binary expansions: Double.toString / parseDouble must give the same bits back
        List<AppliedCommand> all = List.of(
                new AppliedCommand(new TwistCommand(0.1 + 0.2, -Math.PI / 7), "ros:/cmd_vel", null, 20_000_000L, -1),
                new AppliedCommand(new AckermannCommand(4.999999999999999, Math.ulp(1.0)), "sync:route follower", new SampleRef("ground_truth", 41),
                        820_000_000L, 820_000_000L),
                new AppliedCommand(new NormalizedCommand(-1, 1e-300, 1.0 / 3), "socket:#1", new SampleRef("front#camera", 7), 5, 3));
        for (AppliedCommand c : all) {
            CommandLog.Entry e = CommandLog.parse(CommandLog.applied(123_000_000L, c));
            assertEquals(123_000_000L, e.stepNanos());
            AppliedCommand back = e.command();
            assertEquals(c.command(), back.command(), "record equality compares doubles bit for bit (Double.compare)");
            assertEquals(c.basedOn(), back.basedOn());
            assertEquals(c.acceptedSimNanos(), back.acceptedSimNanos());
            assertEquals(c.sampleCaptureNanos(), back.sampleCaptureNanos());
            assertEquals(c.source().replace(' ', '_'), back.source());
        }
    }

    @Test
    void aSilenceRoundTrips() {
        CommandLog.Entry e = CommandLog.parse(CommandLog.silent(7_000_000L));
        assertTrue(e.silent());
        assertNull(e.command());
        assertEquals(7_000_000L, e.stepNanos());
    }

    @Test
    void aBadLineIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandLog.parse("step=1 accepted=1 source=x based_on=- capture=-1 form=warp speed_mps=1"));
        assertTrue(e.getMessage().contains("form 'warp'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CommandLog.parse("accepted=1 form=twist"));
        assertTrue(e.getMessage().contains("lacks step"), e.getMessage());
    }

    @Test
    void runInfoRoundTripsAndIsStable() {
        RunInfo info = new RunInfo("s", "/a/s.yaml", "name: s\nseed: 3\n# ünïcode = and : too\n", "", "", List.of("duration_s=2", "a.b=c d"),
                Map.of("HILBRIDGE__RUNNER__PACING", "fast"), 3, "lockstep", "hilbridge 0.1.0");
        assertEquals(info, RunInfo.parse(info.toText()));
        assertEquals(info.toText(), RunInfo.parse(info.toText()).toText());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunInfo.parse("seed=1\n"));
        assertTrue(e.getMessage().contains("overrides.count"), e.getMessage());
    }
}
