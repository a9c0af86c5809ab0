package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.time.SimTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Realtime pacing, overloaded on purpose: a synchronous controller that holds the simulation thread far
 * longer than a step every time it answers (ground truth at 50 Hz, 25 ms a sample, against 1 ms steps and a
 * 5 ms tolerance). Each policy must then do what runner.overrun_policy says. Wall-clock assertions are lower
 * bounds only (pacing must never run ahead of the wall clock), never speed requirements.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealtimePacingTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final long HOLD_MILLIS = 25;
    private static final double RUN_S = 1.0;

    /** Answers each sample like the route follower, after holding the thread for HOLD_MILLIS (a stand-in for an overloaded loop). */
    private static final class Slow implements Controller {
        private final Controller inner;

        Slow(Controller inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "test:slow";
        }

        @Override
        public VehicleCommand onSample(SensorSample sample) throws Exception {
            Thread.sleep(HOLD_MILLIS);
            return inner.onSample(sample);
        }
    }

    private static RunSummary overloaded(String policy) throws InterruptedException {
        Scenario s = TestScenarios.straight(RUN_S);
        Runner r = new Runner(s, TestScenarios.realtime(new BridgeConfig.Realtime(1.0, policy, 5.0, 200)), QUIET);
        r.attachSynchronous(new Slow(TestScenarios.follower(s, 5)));
        return r.run();
    }

    @Test
    void catchUpKeepsSimTimeLockedToWallTimeAndCountsEachLateEpisode() throws Exception {
        RunSummary sum = overloaded(BridgeConfig.Realtime.CATCH_UP);
        RealtimeStats rt = sum.realtime();
        assertEquals(RUN_S, sum.simSeconds(), 1e-9, "the whole run is simulated");
        // 50 samples, each holding the thread 25 ms > 5 ms tolerance: one overrun episode per sample (the
        // catch-up after each takes ~25 steps, well before the next sample 20 steps later... or merges with it).
        assertTrue(rt.overruns() >= 1, "overruns counted: " + rt);
        assertEquals(0, rt.slippedNanos(), "catch_up never moves the schedule");
        assertTrue(rt.worstLatenessNanos() >= HOLD_MILLIS * 1_000_000L * 9 / 10, "a step was as late as the controller held it: " + rt);
        // Locked to the wall clock: the last step cannot start before its deadline (1 s after the first).
        assertTrue(sum.wallSeconds() >= RUN_S * 0.99, "never ahead of the wall clock: " + sum.wallSeconds() + " s");
        assertTrue(sum.passed(), "catch_up does not fail a run");
    }

    @Test
    void slipMovesTheScheduleByEachLatenessSoSimTimeFallsBehindForGood() throws Exception {
        RunSummary sum = overloaded(BridgeConfig.Realtime.SLIP);
        RealtimeStats rt = sum.realtime();
        assertEquals(RUN_S, sum.simSeconds(), 1e-9);
        // 50 samples; the one at t = 0 comes before the first paced step (the schedule is anchored after it),
        // so 49 make a step late by ~25 ms, each slipping the schedule by at least 20 ms (25 ms less the 5 ms tolerance).
        assertTrue(rt.slippedNanos() >= 49 * 20 * 1_000_000L, "slipped " + rt.slippedNanos() / 1e6 + " ms: " + rt);
        assertTrue(rt.overruns() >= 49, "one overrun per held sample after the first: " + rt);
        // The wall clock ran at least the sim time plus everything that slipped.
        assertTrue(sum.wallSeconds() >= RUN_S + rt.slippedNanos() / 1e9 * 0.99, sum.wallSeconds() + " s wall, " + rt);
        assertTrue(sum.passed());
    }

    @Test
    void failStopsTheRunAtTheFirstOverrunAndTheRunFails() throws Exception {
        RunSummary sum = overloaded(BridgeConfig.Realtime.FAIL);
        List<RunEvent> overruns = sum.events().stream().filter(e -> e.kind() == RunEvent.Kind.REALTIME_OVERRUN).toList();
        assertEquals(1, overruns.size(), sum.events().toString());
        // The first ground-truth sample (t = 0) holds the thread; the step after it is the first late one.
        assertTrue(sum.simSeconds() < 0.05, "stopped at once, at " + sum.simSeconds() + " s");
        assertTrue(overruns.get(0).detail().contains("runner.overrun_policy = fail"), overruns.get(0).detail());
        assertTrue(sum.overrunStopped());
        assertFalse(sum.passed(), "an overrun under the fail policy fails the run");
    }

    @Test
    void aRunThatKeepsUpHasNoOverrunsUnderTheFailPolicy() throws Exception {
        Scenario s = TestScenarios.straight(0.5);
        // A generous tolerance: a loaded CI machine may preempt the simulation thread for tens of milliseconds.
        Runner r = new Runner(s, TestScenarios.realtime(new BridgeConfig.Realtime(1.0, BridgeConfig.Realtime.FAIL, 2000, 200)), QUIET);
        r.attachSynchronous(TestScenarios.follower(s, 5));
        RunSummary sum = r.run();
        assertEquals(0.5, sum.simSeconds(), 1e-9);
        assertEquals(0, sum.realtime().overruns());
        assertEquals(500, sum.realtime().steps(), "every step paced");
        assertTrue(sum.wallSeconds() >= 0.5 * 0.99);
    }

    @Test
    void aFasterRealTimeFactorPacesProportionally() throws Exception {
        Scenario s = TestScenarios.straight(2);
        Runner r = new Runner(s, TestScenarios.realtime(new BridgeConfig.Realtime(4.0, BridgeConfig.Realtime.CATCH_UP, 5, 200)), QUIET);
        r.attachSynchronous(TestScenarios.follower(s, 5));
        RunSummary sum = r.run();
        assertTrue(sum.wallSeconds() >= 0.5 * 0.99, "2 s of sim at 4x take at least 0.5 s: " + sum.wallSeconds());
        assertEquals(4.0, sum.realtime().realTimeFactor());
    }

    @Test
    void theWatchdogStopsTheVehicleInRealtimeWhenNoCommandArrives() throws Exception {
        Scenario s = TestScenarios.straight(1.0);
        Runner r = new Runner(s, TestScenarios.config(BridgeConfig.REALTIME), QUIET);
        RunSummary sum = r.run();
        List<RunEvent> stops = sum.events().stream().filter(e -> e.kind() == RunEvent.Kind.WATCHDOG_STOP).toList();
        assertEquals(1, stops.size(), sum.events().toString());
        // watchdog.timeout_s = 0.5 (default): the stop comes on the step after 0.5 s without a command.
        assertEquals(0.5, SimTime.toSeconds(stops.get(0).simNanos()), 0.0015);
        assertTrue(sum.wallSeconds() >= 0.99, "and it happened in real time");
    }
}
