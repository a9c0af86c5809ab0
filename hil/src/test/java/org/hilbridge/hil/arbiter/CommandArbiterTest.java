package org.hilbridge.hil.arbiter;

import org.hilbridge.bridge.link.SampleRef;

import org.hilbridge.bridge.link.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.events.RunEvents;
import org.hilbridge.sim.command.CommandConverter;
import org.hilbridge.sim.command.CommandSlot;
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

    @Test
    void aCommandDelayHoldsCommandsInOrderAndJudgesThemWhenTheyArrive() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        a.advanceTo(SimTime.fromSeconds(1.0));
        a.setCommandDelayNanos(SimTime.fromSeconds(0.1));
        assertEquals(Verdict.DELAYED_BY_FAULT, a.submit("socket", GO, new SampleRef("gt", 49)));
        assertEquals(Verdict.DELAYED_BY_FAULT, a.submitStamped("ros", GO, SimTime.fromSeconds(1.0)));
        assertEquals(Verdict.DELAYED_BY_FAULT, a.submitUnattributed("twist", GO));
        a.setCommandDelayNanos(0); // the fault ends: held commands still arrive at their time, and later ones queue behind
        assertEquals(Verdict.DELAYED_BY_FAULT, a.submit("socket", GO, new SampleRef("gt", 50)));
        a.advanceTo(SimTime.fromSeconds(1.099));
        assertNull(a.current(), "nothing has arrived yet");
        assertEquals(0, a.stats().verdictsBySource().size(), "a held command is not counted until it arrives");
        a.advanceTo(SimTime.fromSeconds(1.1));
        // All four arrive in order at 1.1 s; the last applied names gt #50, 100 ms after its capture.
        assertEquals(new SampleRef("gt", 50), a.current().basedOn());
        assertEquals(SimTime.fromSeconds(1.1), a.lastAcceptedNanos());
        assertEquals(3, a.stats().count(Verdict.ACCEPTED));
        assertEquals(1, a.stats().count(Verdict.ACCEPTED_UNATTRIBUTED));
        assertEquals(SimTime.fromSeconds(0.12), a.stats().loopLatency().get("gt").maxNanos(), SimTime.fromSeconds(0.12) * 1e-3);
        assertEquals(Verdict.ACCEPTED, a.submit("socket", GO, new SampleRef("gt", 50)), "no delay, nothing held: at once");
    }

    @Test
    void aCommandLossJudgesADelayedCommandWhenItArrives() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        a.advanceTo(SimTime.fromSeconds(1.0));
        a.setCommandDelayNanos(SimTime.fromSeconds(0.05));
        assertEquals(Verdict.DELAYED_BY_FAULT, a.submit("socket", GO, new SampleRef("gt", 50)));
        a.setDropping(true);
        a.advanceTo(SimTime.fromSeconds(1.05));
        assertEquals(1, a.stats().count(Verdict.DROPPED_BY_FAULT), "lost on arrival");
        assertNull(a.current());
    }

    @Test
    void stampedCommandsMatchEitherTimeBaseOfAClockJump() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        a.advanceTo(SimTime.fromSeconds(1.0));
        a.setWireClockOffsetNanos(SimTime.fromSeconds(-0.5));
        // gt #45 was captured at 0.9 s and carried 0.4 s on the wire after the jump; #46 carried 0.92 s before it.
        assertEquals(Verdict.ACCEPTED, a.submitStamped("ros", GO, SimTime.fromSeconds(0.4)));
        assertEquals(new SampleRef("gt", 45), a.current().basedOn());
        assertEquals(Verdict.ACCEPTED, a.submitStamped("ros", GO, SimTime.fromSeconds(0.92)));
        assertEquals(new SampleRef("gt", 46), a.current().basedOn());
        assertEquals(SimTime.fromSeconds(0.1), a.stats().loopLatency().get("gt").maxNanos(), SimTime.fromSeconds(0.1) * 1e-3,
                "latency in sim time, not shifted by the jump");
    }

    @Test
    void aDropoutsGapLeavesItsSequenceNumbersUnknownAndTheRestFindable() {
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        a.onSamplePublished(sample("gt", 0, 0));
        a.onSamplePublished(sample("gt", 1, 20_000_000));
        a.onSamplePublished(sample("gt", 5, 100_000_000)); // #2-#4 dropped
        a.advanceTo(100_000_000);
        assertEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, a.submit("s", GO, new SampleRef("gt", 3)));
        assertEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, a.submitStamped("s", GO, 60_000_000));
        assertEquals(Verdict.ACCEPTED, a.submitStamped("s", GO, 20_000_000));
        assertEquals(new SampleRef("gt", 1), a.current().basedOn(), "the stamp names the published sample, not a skipped number");
        assertEquals(Verdict.ACCEPTED, a.submitStamped("s", GO, 100_000_000));
        assertEquals(new SampleRef("gt", 5), a.current().basedOn());
    }

    @Test
    void aStampSeveralStreamsShareNamesTheControlStreamFirstThenTheFirstToPublish() {
        // 200 Hz IMU and 50 Hz wheel odometry both capture at 20 ms; a ROS stamp names the time only.
        CommandArbiter a = new CommandArbiter(false, 1, 0.5, events);
        a.advanceTo(20_000_000);
        for (long seq = 0; seq <= 4; seq++) {
            a.onSamplePublished(sample("imu", seq, seq * 5_000_000));
        }
        a.onSamplePublished(sample("odom", 0, 0));
        a.onSamplePublished(sample("odom", 1, 20_000_000));
        assertEquals(Verdict.ACCEPTED, a.submitStamped("ros", GO, 20_000_000));
        assertEquals(new SampleRef("imu", 4), a.current().basedOn(), "without a control stream: the stream that published first");
        a.attributeStampsFirstTo("odom");
        assertEquals(Verdict.ACCEPTED, a.submitStamped("ros", GO, 20_000_000));
        assertEquals(new SampleRef("odom", 1), a.current().basedOn(), "the control stream's sample");
        assertEquals(Verdict.ACCEPTED, a.submitStamped("ros", GO, 20_000_000));
        a.onSamplePublished(sample("imu", 5, 25_000_000));
        assertEquals(Verdict.ACCEPTED, a.submitStamped("ros", GO, 25_000_000));
        assertEquals(new SampleRef("imu", 5), a.current().basedOn(), "a stamp only another stream has is still found");
    }

    /**
     * A synchronous controller's answer in a CommandSlot (CommandArbiter.submitSynchronous) gets the verdicts
     * {@link #submit} gives the same command naming the same sample, the same loop latency, and is the command in
     * force as the same AppliedCommand; a transport's later command replaces it (the latest accepted wins).
     */
    @Test
    void aSynchronousAnswerIsJudgedAsSubmitJudgesItAndIsInForceUntilReplaced() {
        CommandArbiter bySlot = new CommandArbiter(false, 1, 0.5, events);
        CommandArbiter byRecord = new CommandArbiter(false, 1, 0.5, events);
        CommandSlot slot = new CommandSlot().twist(1, 0);
        for (CommandArbiter a : java.util.List.of(bySlot, byRecord)) {
            publishGroundTruth(a, 1.0);
            a.advanceTo(SimTime.fromSeconds(1.03));
        }
        long v0 = bySlot.inForceVersion();
        assertEquals(byRecord.submit("inproc", GO, new SampleRef("gt", 50)), bySlot.submitSynchronous("inproc", slot, "gt", 50));
        assertEquals(Verdict.ACCEPTED, bySlot.stats().verdictsBySource().get("inproc").keySet().iterator().next());
        assertEquals(byRecord.current(), bySlot.current());
        assertEquals(v0 + 1, bySlot.inForceVersion(), "a new command is in force");
        assertEquals(byRecord.stats(), bySlot.stats(), "the same verdict counts and loop latency");
        // Unknown, out of order (older than the command in force), too old: the same refusals.
        assertEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, bySlot.submitSynchronous("inproc", slot, "gt", 99));
        assertEquals(Verdict.REFUSED_STALE_SAMPLE, bySlot.submitSynchronous("inproc", slot, "gt", 49));
        bySlot.advanceTo(SimTime.fromSeconds(1.6));
        assertEquals(Verdict.REFUSED_STALE_SAMPLE, bySlot.submitSynchronous("inproc", slot, "gt", 50));
        assertEquals(v0 + 1, bySlot.inForceVersion(), "refusals change nothing in force");
        // The slot is the caller's scratch: what was accepted is the arbiter's copy.
        slot.twist(-2, 0.5);
        assertEquals(GO, bySlot.current().command());
        // Applied as the converter applies the record.
        org.hilbridge.sim.vehicle.VehicleParams params = org.hilbridge.sim.vehicle.VehicleParams.offRoadUtility();
        org.hilbridge.sim.vehicle.ActuatorDemand viaArbiter = new org.hilbridge.sim.vehicle.ActuatorDemand();
        org.hilbridge.sim.vehicle.ActuatorDemand direct = new org.hilbridge.sim.vehicle.ActuatorDemand();
        assertTrue(bySlot.applyInForce(new CommandConverter(params), 0.5, 0.001, viaArbiter));
        new CommandConverter(params).convert(GO, 0.5, 0.001, direct);
        assertEquals(direct.throttle(), viaArbiter.throttle());
        assertEquals(direct.brake(), viaArbiter.brake());
        assertEquals(direct.steeringAngleRad(), viaArbiter.steeringAngleRad());
        // A transport's command accepted later is in force instead.
        bySlot.onSamplePublished(sample("gt", 80, SimTime.fromSeconds(1.6)));
        assertEquals(Verdict.ACCEPTED, bySlot.submit("socket", new TwistCommand(2, 0), new SampleRef("gt", 80)));
        assertEquals(new TwistCommand(2, 0), bySlot.current().command());
        assertEquals("socket", bySlot.current().source());
    }

    @Test
    void aSynchronousAnswerObeysTheLeaseAndIsHeldByACommandDelay() {
        CommandArbiter a = new CommandArbiter(true, 1, 0.5, events);
        publishGroundTruth(a, 1.0);
        assertTrue(a.acquireLease("socket"));
        assertEquals(Verdict.REFUSED_NO_LEASE, a.submitSynchronous("inproc", new CommandSlot().twist(1, 0), "gt", 50));
        assertNull(a.current());
        assertFalse(new CommandArbiter(false, 1, 0.5, events).applyInForce(new CommandConverter(org.hilbridge.sim.vehicle.VehicleParams.offRoadUtility()),
                0, 0.001, new org.hilbridge.sim.vehicle.ActuatorDemand()), "no command in force yet");
        a.releaseLease("socket");
        assertTrue(a.acquireLease("inproc"));
        a.setCommandDelayNanos(SimTime.fromSeconds(0.02));
        assertEquals(Verdict.DELAYED_BY_FAULT, a.submitSynchronous("inproc", new CommandSlot().twist(1, 0), "gt", 50));
        assertNull(a.current(), "held, not yet arrived");
        a.advanceTo(SimTime.fromSeconds(1.02));
        assertEquals(new AppliedCommand(GO, "inproc", new SampleRef("gt", 50), SimTime.fromSeconds(1.02), SimTime.fromSeconds(1.0)), a.current());
    }
}
