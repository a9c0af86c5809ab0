package org.hilbridge.hil.arbiter;

import org.hilbridge.bridge.link.SampleRef;

import org.hilbridge.bridge.link.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.events.RunEvents;
import org.hilbridge.sim.command.TwistCommand;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.time.SimTime;
import org.junit.jupiter.api.Test;

/** The documented handling of commands that name samples: see {@link Verdict}. */
class CommandArbiterTest {
    private static final TwistCommand GO = new TwistCommand(1, 0);
    private final RunEvents events = new RunEvents();

    private static GroundTruthSample sample(String stream, long seq, long captureNanos) {
        return new GroundTruthSample(stream, seq, captureNanos, "base_link", 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Publishes stream "gt" at 50 Hz up to {@code untilS}, advancing the clock. */
    private static void publishGroundTruth(CommandArbiter a, double untilS) {
        long period = SimTime.periodOfHz(50);
        for (long seq = 0; seq * period <= SimTime.fromSeconds(untilS); seq++) {
            a.advanceTo(seq * period);
            a.onSamplePublished(sample("gt", seq, seq * period));
        }
    }

    @Test
    void knownFreshSamplesAreAcceptedAndTheirLatencyMeasured() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        a.advanceTo(SimTime.fromSeconds(1.03));
        assertEquals(Verdict.ACCEPTED, a.submit("ros", GO, new SampleRef("gt", 50)));
        assertEquals(SimTime.fromSeconds(0.03), a.current().loopLatencyNanos());
        // HdrHistogram keeps 3 significant digits: quantiles are within 0.1 % of the recorded value.
        LatencySummary gt = a.stats().loopLatency().get("gt");
        assertEquals(1, gt.count());
        assertEquals(SimTime.fromSeconds(0.03), gt.p99Nanos(), SimTime.fromSeconds(0.03) * 1e-3);
        assertEquals(gt, a.stats().allStreams());
    }

    @Test
    void loopLatencyIsKeptPerStreamAndUsesTheFinerArrivalClockWhenGiven() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        a.advanceTo(SimTime.fromSeconds(1.0));
        // Realtime runs: the command arrives 0.4 ms after the step began, between steps.
        a.useArrivalClock(() -> SimTime.fromSeconds(1.0004));
        assertEquals(Verdict.ACCEPTED, a.submit("socket", GO, new SampleRef("gt", 50)));
        LatencySummary gt = a.stats().loopLatency().get("gt");
        assertEquals(400_000, gt.maxNanos(), 400);
        assertEquals(null, a.stats().loopLatency().get("imu"), "no commands named imu samples");
    }

    @Test
    void unknownStreamsAndUnpublishedSequencesAreRefusedAsUnknown() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        assertEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, a.submit("ros", GO, new SampleRef("camera", 3)));
        assertEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, a.submit("ros", GO, new SampleRef("gt", 51)), "a sample from the future");
        assertEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, a.submitStamped("ros", GO, SimTime.fromSeconds(0.99)), "no sample has that stamp");
        assertNull(a.current());
        assertEquals(-1, a.lastAcceptedNanos(), "refusals do not feed the watchdog");
    }

    @Test
    void samplesOlderThanTheAgeLimitOrOlderThanTheCommandInForceAreStale() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 2.0);
        assertEquals(Verdict.REFUSED_STALE_SAMPLE, a.submit("ros", GO, new SampleRef("gt", 70)), "captured 0.6 s ago");
        assertEquals(Verdict.ACCEPTED, a.submit("ros", GO, new SampleRef("gt", 98)));
        assertEquals(Verdict.REFUSED_STALE_SAMPLE, a.submit("ros", GO, new SampleRef("gt", 97)), "out of order");
        assertEquals(Verdict.ACCEPTED, a.submit("ros", GO, new SampleRef("gt", 98)), "the same sample again is fine");
        assertEquals(Verdict.REFUSED_STALE_SAMPLE, a.submitStamped("ros", GO, SimTime.fromSeconds(0.2)), "stamped long ago");
    }

    @Test
    void stampedCommandsFindTheirSampleByCaptureTimeAndPlainTwistsAreUnattributed() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        assertEquals(Verdict.ACCEPTED, a.submitStamped("ros", GO, SimTime.fromSeconds(0.98)));
        assertEquals(new SampleRef("gt", 49), a.current().basedOn());
        assertEquals(Verdict.ACCEPTED_UNATTRIBUTED, a.submitUnattributed("ros:/cmd_vel", GO));
        assertNull(a.current().basedOn());
        assertEquals(-1, a.current().loopLatencyNanos());
    }

    @Test
    void anExclusiveLeaseAdmitsOnlyItsHolderAndExpiresWithoutRenewal() {
        CommandArbiter a = new CommandArbiter(true, 1.0, 0.5, events);
        publishGroundTruth(a, 1.0);
        assertEquals(Verdict.REFUSED_NO_LEASE, a.submit("alice", GO, new SampleRef("gt", 50)));
        assertTrue(a.acquireLease("alice"));
        assertFalse(a.acquireLease("bob"), "bob is refused while alice holds it");
        assertEquals(Verdict.ACCEPTED, a.submit("alice", GO, new SampleRef("gt", 50)));
        assertEquals(Verdict.REFUSED_NO_LEASE, a.submit("bob", GO, new SampleRef("gt", 50)));
        a.advanceTo(SimTime.fromSeconds(2.5));
        assertNull(a.leaseHolder(), "1 s without renewal expires it");
        assertEquals(1, events.of(RunEvent.Kind.LEASE_EXPIRED).size());
        assertTrue(a.acquireLease("bob"));
    }

    @Test
    void aLatchedSafeStopAndACommandLossFaultRefuseEverything() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        a.setDropping(true);
        assertEquals(Verdict.DROPPED_BY_FAULT, a.submit("ros", GO, new SampleRef("gt", 50)));
        a.setDropping(false);
        a.latchSafeStop();
        assertEquals(Verdict.REFUSED_SAFE_STOPPED, a.submit("ros", GO, new SampleRef("gt", 50)));
        assertEquals(1, a.stats().verdictsBySource().get("ros").get(Verdict.DROPPED_BY_FAULT));
    }
}
