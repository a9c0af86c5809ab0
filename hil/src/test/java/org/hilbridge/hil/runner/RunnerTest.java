package org.hilbridge.hil.runner;

import org.hilbridge.bridge.link.SampleSink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.time.SimTime;
import org.hilbridge.sim.world.CylinderObstacle;
import org.junit.jupiter.api.Test;

class RunnerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** Wraps a controller so it answers on its own thread after a delay, or goes silent after a sim time. */
    private static final class Flaky implements Controller {
        private final Controller inner;
        private final long maxDelayMillis;
        private final double silentAfterS;
        private final Random random = new Random(7);

        Flaky(Controller inner, long maxDelayMillis, double silentAfterS) {
            this.inner = inner;
            this.maxDelayMillis = maxDelayMillis;
            this.silentAfterS = silentAfterS;
        }

        @Override
        public String name() {
            return "test:flaky";
        }

        @Override
        public boolean wants(SensorSample sample) {
            return inner.wants(sample);
        }

        @Override
        public VehicleCommand onSample(SensorSample sample) throws Exception {
            if (SimTime.toSeconds(sample.captureNanos()) >= silentAfterS) {
                return null;
            }
            if (maxDelayMillis > 0) {
                Thread.sleep(random.nextInt((int) maxDelayMillis + 1));
            }
            return inner.onSample(sample);
        }
    }

    @Test
    void lockstepGivesTheSameTrajectoryWithALateControllerAsWithAnOnTimeOne() throws Exception {
        Scenario s = TestScenarios.straight(4);
        Runner onTime = new Runner(s, TestScenarios.config("lockstep"), QUIET);
        onTime.attachAsync(new Flaky(TestScenarios.follower(s, 8), 0, Double.POSITIVE_INFINITY));
        RunSummary a = onTime.run();
        Runner late = new Runner(s, TestScenarios.config("lockstep"), QUIET);
        late.attachAsync(new Flaky(TestScenarios.follower(s, 8), 6, Double.POSITIVE_INFINITY));
        RunSummary b = late.run();
        assertTrue(b.wallSeconds() > 0.3, "the late controller really was late (200 answers, up to 6 ms each): " + b.wallSeconds() + " s");
        assertTrue(a.trajectoryXyM().length > 70);
        assertArrayEquals(a.trajectoryXyM(), b.trajectoryXyM(), "bit-identical trajectories");
        assertEquals(200, a.arbiter().count(Verdict.ACCEPTED), "one command per ground-truth sample at 50 Hz for 4 s");
        assertEquals(200, b.arbiter().count(Verdict.ACCEPTED));
        assertTrue(a.events().stream().noneMatch(e -> e.kind() == RunEvent.Kind.WATCHDOG_STOP));
    }

    @Test
    void theWatchdogStopsTheVehicleWithinItsTimeoutWhenTheControllerGoesSilent() throws Exception {
        Scenario s = TestScenarios.straight(12);
        Runner r = new Runner(s, TestScenarios.config("fast"), QUIET);
        r.attachSynchronous(new Flaky(TestScenarios.follower(s, 8), 0, 6.0));
        AtomicLong stoppedSamples = new AtomicLong();
        r.attach(TestScenarios.sink("speed-probe", sample -> {
            if (SimTime.toSeconds(sample.captureNanos()) > 11 && Math.abs(((GroundTruthSample) sample).forwardSpeedMps()) < 0.05) {
                stoppedSamples.incrementAndGet();
            }
        }));
        RunSummary sum = r.run();
        List<RunEvent> stops = sum.events().stream().filter(e -> e.kind() == RunEvent.Kind.WATCHDOG_STOP).toList();
        assertEquals(1, stops.size(), sum.events().toString());
        // Last command answered the sample at 5.98 s; the watchdog (0.5 s) must trip right after 6.48 s.
        double tripS = SimTime.toSeconds(stops.get(0).simNanos());
        assertEquals(5.98 + 0.5, tripS, 0.0015, "tripped at " + tripS);
        assertTrue(stoppedSamples.get() > 40, "the vehicle is at rest in the last second (" + stoppedSamples.get() + " samples)");
        assertFalse(sum.criteria().stream().filter(c -> c.name().equals("no_watchdog_stop")).findFirst().orElseThrow().passed());
    }

    @Test
    void inLockstepASilentControllerStopsTheVehicleAfterTheWallClockTimeout() throws Exception {
        Scenario s = TestScenarios.straight(5);
        Runner r = new Runner(s, TestScenarios.config("lockstep"), QUIET);
        r.attachAsync(new Flaky(TestScenarios.follower(s, 8), 0, 2.0));
        RunSummary sum = r.run();
        RunEvent stop = sum.events().stream().filter(e -> e.kind() == RunEvent.Kind.WATCHDOG_STOP).findFirst().orElseThrow();
        assertEquals(2.0, SimTime.toSeconds(stop.simNanos()), 1e-9, "stops at the first unanswered control sample");
        assertTrue(stop.detail().contains("lockstep"), stop.detail());
    }

    @Test
    void aSlowSinkLosesItsOwnOldestSamplesAndNobodyElseWaits() throws Exception {
        Scenario s = TestScenarios.straight(4);
        Runner r = new Runner(s, TestScenarios.config("fast"), QUIET);
        r.attachSynchronous(TestScenarios.follower(s, 8));
        AtomicLong fastCount = new AtomicLong();
        r.attach(new SampleSink() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void accept(SensorSample sample) throws Exception {
                Thread.sleep(20);
            }
        }, 8);
        r.attach(TestScenarios.sink("fast", sample -> {
            fastCount.incrementAndGet();
        }), 1024);
        RunSummary sum = r.run();
        assertTrue(sum.sinkDrops().get("slow") > 150, "slow sink dropped " + sum.sinkDrops());
        assertEquals(0L, sum.sinkDrops().get("fast"));
        assertEquals(200, fastCount.get(), "the fast sink got every sample");
        // Had the simulation waited for the slow sink, it would have lost nothing: the drops above show it did not.
    }

    @Test
    void criteriaReportGoalAndCollisionsWithMeasuredValues() throws Exception {
        Scenario s = TestScenarios.straight(30, List.of(new CylinderObstacle("post", 60, 0, 0.3, 2)), new Scenario.Goal(120, 0, 3),
                new Scenario.Criteria(true, 25, true, false), List.of());
        Runner r = new Runner(s, TestScenarios.config("fast"), QUIET);
        r.attachSynchronous(TestScenarios.follower(s, 8));
        RunSummary sum = r.run();
        CriterionResult collision = sum.criteria().stream().filter(c -> c.name().equals("no_collision")).findFirst().orElseThrow();
        assertFalse(collision.passed());
        assertTrue(collision.measured().contains("post"), collision.measured());
        CriterionResult goal = sum.criteria().stream().filter(c -> c.name().equals("goal_reached")).findFirst().orElseThrow();
        assertTrue(goal.passed(), goal.measured());
        assertFalse(sum.passed());
    }

    @Test
    void commandLossFaultDropsCommandsAndTheWatchdogCatchesIt() throws Exception {
        Scenario s = TestScenarios.straight(6, List.of(), null, new Scenario.Criteria(false, Double.NaN, false, true),
                List.of(new Scenario.FaultSpec("command_loss", 2.0, 1.0, null, 0)));
        Runner r = new Runner(s, TestScenarios.config("fast"), QUIET);
        r.attachSynchronous(TestScenarios.follower(s, 8));
        RunSummary sum = r.run();
        // Commands for the samples at 2.00 .. 2.48 s are dropped; the last accepted one answered 1.98 s, so the
        // 0.5 s watchdog trips at 2.481 s and latches: every later command is refused as safe-stopped.
        assertEquals(25, sum.arbiter().count(Verdict.DROPPED_BY_FAULT), sum.arbiter().verdictsBySource().toString());
        assertEquals(100, sum.arbiter().count(Verdict.ACCEPTED));
        assertEquals(175, sum.arbiter().count(Verdict.REFUSED_SAFE_STOPPED));
        RunEvent stop = sum.events().stream().filter(e -> e.kind() == RunEvent.Kind.WATCHDOG_STOP).findFirst().orElseThrow();
        assertEquals(2.481, SimTime.toSeconds(stop.simNanos()), 1e-9);
        assertTrue(sum.passed(), "a watchdog stop was expected: " + sum.criteria());
        assertTrue(sum.events().stream().anyMatch(e -> e.kind() == RunEvent.Kind.FAULT_START && e.detail().equals("command_loss")));
    }

    @Test
    void unknownFaultsAndAMissingLockstepStreamAreRefusedUpFront() {
        Scenario flare = TestScenarios.straight(1, List.of(), null, Scenario.Criteria.none(), List.of(new Scenario.FaultSpec("solar_flare", 0, 1, null, 2)));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Runner.validate(flare, TestScenarios.config("fast")));
        assertTrue(e.getMessage().contains("faults(0).kind = 'solar_flare' is not allowed: allowed are sensor_dropout, sensor_latency"), e.getMessage());
        var d = TestScenarios.config("lockstep");
        var cfg = new org.hilbridge.hil.config.BridgeConfig("lockstep", "camera", d.watchdogTimeoutS(), d.safeStopBrake(), d.latchSafeStop(), d.leaseMode(),
                d.leaseTimeoutS(), d.maxSampleAgeS(), d.sinkQueueCapacity(), d.controller(), d.controllerSpeedMps(), d.controllerLookaheadM(), 0,
                d.renderThreads(), d.realtime(), d.socketEnabled(), d.socket(), d.ros());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Runner.validate(TestScenarios.straight(1), cfg));
        assertTrue(e.getMessage().contains("runner.lockstep_stream = 'camera'"), e.getMessage());
    }
}
