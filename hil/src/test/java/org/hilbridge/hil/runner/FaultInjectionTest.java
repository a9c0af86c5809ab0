package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.Weather;
import org.hilbridge.sim.command.NormalizedCommand;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.time.SimTime;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every fault kind as a subscriber sees it: an in-process sink (what arrives, in which order, with which
 * sequence numbers, stamps and content) and the arbiter's verdicts. A 1 kHz ground-truth stream named
 * "clock" is every sink's clock: the sink's queue is FIFO across streams, so the last "clock" sample
 * received before a sample says at which physics step the runner handed it over.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultInjectionTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final long MS = SimTime.NANOS_PER_MILLI;

    /** Flat asphalt, the vehicle coasting east at 5 m/s, a 1 kHz clock stream plus the given sensors. */
    private static Scenario scenario(double durationS, List<Scenario.SensorSpec> sensors, List<Scenario.FaultSpec> faults) {
        return scenario(durationS, sensors, faults, true);
    }

    private static Scenario scenario(double durationS, List<Scenario.SensorSpec> sensors, List<Scenario.FaultSpec> faults, boolean clock) {
        World world = new World(ProceduralTerrain.plane(600, 20, MaterialCatalog.standard().get("dry_asphalt")));
        List<Scenario.SensorSpec> all = new ArrayList<>();
        if (clock) {
            all.add(sensor("clock", "ground_truth", 1000));
        }
        all.addAll(sensors);
        return new Scenario("faults", 3, durationS, world, Weather.clear(), VehicleParams.offRoadUtility(), new Scenario.InitialPose(0, 0, 0, 5),
                all, List.of(new Scenario.Waypoint(0, 0), new Scenario.Waypoint(200, 0)), null, faults, Scenario.Criteria.none());
    }

    private static Scenario.SensorSpec sensor(String name, String type, double rateHz) {
        return new Scenario.SensorSpec(name, type, rateHz, "base_link", SensorMount.atBaseLink());
    }

    /** What one sink received: each sample with the capture time of the last clock sample before it. */
    private static final class Recorder implements SampleSink {
        final List<SensorSample> samples = new ArrayList<>();
        final List<Long> handedAtNanos = new ArrayList<>();
        private long lastClockNanos = -1;

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public synchronized void accept(SensorSample s) {
            if (s.streamId().equals("clock")) {
                lastClockNanos = s.captureNanos();
                return;
            }
            samples.add(s.retain()); // kept past accept: a hold on a pooled camera frame (CameraFrame)
            handedAtNanos.add(lastClockNanos);
        }

        synchronized List<SensorSample> of(String stream) {
            return samples.stream().filter(s -> s.streamId().equals(stream)).toList();
        }

        synchronized long handedAt(SensorSample s) {
            return handedAtNanos.get(samples.indexOf(s));
        }
    }

    /** A runner with the route follower answering every ground-truth sample on the simulation thread. */
    private static Runner following(Scenario s, String pacing) {
        Runner r = unlatched(s, pacing);
        r.attachSynchronous(TestScenarios.follower(s, 8));
        return r;
    }

    private static Runner unlatched(Scenario s, String pacing) {
        return unlatched(s, pacing, "clock");
    }

    private static Runner unlatched(Scenario s, String pacing, String lockstepStream) {
        var d = TestScenarios.config(pacing);
        // Lockstep waits for the answer to each clock sample; an unlatched watchdog lets tests command after a stop.
        var cfg = new org.hilbridge.hil.config.BridgeConfig(pacing, lockstepStream, d.watchdogTimeoutS(), d.safeStopBrake(), false,
                d.leaseMode(), d.leaseTimeoutS(), d.maxSampleAgeS(), d.sinkQueueCapacity(), d.controller(), d.controllerSpeedMps(),
                d.controllerLookaheadM(), 0, d.renderThreads(), d.realtime(), d.socketEnabled(), d.socket(), d.ros());
        return new Runner(s, cfg, QUIET);
    }

    private static Recorder run(Runner r) throws InterruptedException {
        Recorder rec = new Recorder();
        r.attach(rec, 100_000);
        RunSummary sum = r.run();
        assertEquals(0L, sum.sinkDrops().get("recorder"), "no sample lost to a full queue");
        return rec;
    }

    private static boolean within(long nanos, double fromS, double toS) {
        return nanos >= SimTime.fromSeconds(fromS) && nanos < SimTime.fromSeconds(toS);
    }

    @Test
    void aDropoutLeavesAGapInTheSequenceAndCommandsNamingTheGapAreUnknown() throws Exception {
        Scenario s = scenario(2, List.of(sensor("imu", "imu", 100)), List.of(new Scenario.FaultSpec("sensor_dropout", 1.0, 0.5, "imu", 0)));
        Runner r = new Runner(s, TestScenarios.config("fast"), QUIET);
        Recorder rec = run(r);
        List<SensorSample> imu = rec.of("imu");
        // 100 Hz for 2 s = 200 samples, minus the 50 captured in [1.0, 1.5).
        assertEquals(150, imu.size());
        for (int i = 0; i < imu.size(); i++) {
            long expectedSeq = i < 100 ? i : i + 50;
            assertEquals(expectedSeq, imu.get(i).sequence(), "sequence numbers run on through the gap");
            assertEquals(expectedSeq * 10 * MS, imu.get(i).captureNanos());
        }
        // The clock stream (not targeted) has no gap; the run logged both edges with their sim time.
        assertTrue(r.events().all().stream().anyMatch(e -> e.kind() == RunEvent.Kind.FAULT_START && e.simNanos() == SimTime.fromSeconds(1.0)
                && e.detail().equals("sensor_dropout on imu")));
        assertTrue(r.events().all().stream().anyMatch(e -> e.kind() == RunEvent.Kind.FAULT_END && e.simNanos() == SimTime.fromSeconds(1.5)));
        // The arbiter knows the published samples around the gap and none inside it.
        assertEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, r.arbiter().submit("t", new NormalizedCommand(0, 0, 0), new SampleRef("imu", 120)));
        assertNotEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, r.arbiter().submit("t", new NormalizedCommand(0, 0, 0), new SampleRef("imu", 199)));
    }

    @Test
    void latencyDelaysTheTargetInOrderWithSeededJitterAndKeepsItsStamps() throws Exception {
        Scenario s = scenario(3, List.of(sensor("imu", "imu", 100)),
                List.of(new Scenario.FaultSpec("sensor_latency", 1.0, 1.0, "imu", 0.05, 0.01)));
        Recorder rec = run(new Runner(s, TestScenarios.config("fast"), QUIET));
        List<SensorSample> imu = rec.of("imu");
        assertEquals(300, imu.size(), "nothing lost");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < imu.size(); i++) {
            SensorSample x = imu.get(i);
            assertEquals(i, x.sequence(), "in order");
            assertEquals(i * 10 * MS, x.captureNanos(), "the stamp is the capture time");
            // Handed over at a physics step in [clock, clock + 1 ms]: the clock sample of that step comes after
            // the delayed samples it releases and before the samples captured at it.
            long handedFrom = rec.handedAt(x) - x.captureNanos();
            long handedTo = handedFrom + MS;
            if (within(x.captureNanos(), 1.0, 2.0)) {
                assertTrue(handedTo >= 40 * MS && handedFrom <= 60 * MS, "#" + i + " delayed 50 +/- 10 ms: " + handedFrom / 1e6 + " ms");
                delays.add(handedFrom);
            } else if (x.captureNanos() < SimTime.fromSeconds(1.0)) {
                assertEquals(0, handedFrom, "#" + i + " before the fault: at once");
            }
        }
        assertTrue(delays.stream().distinct().count() >= 10, "the jitter spreads the delays: " + delays.stream().distinct().sorted().toList());
        // After the window the held samples leave first, then the stream is at once again.
        assertEquals(0, rec.handedAt(imu.get(299)) - imu.get(299).captureNanos());

        Recorder again = run(new Runner(s, TestScenarios.config("fast"), QUIET));
        assertEquals(rec.handedAtNanos, again.handedAtNanos, "a fast run hands the samples over at the same steps every time (seeded)");
    }

    @Test
    void frozenFramesRepeatTheLastContentWithNewSequenceNumbersAndStamps() throws Exception {
        Scenario s = scenario(3, List.of(sensor("gt", "ground_truth", 50)), List.of(new Scenario.FaultSpec("frozen_frames", 1.0, 1.0, "gt", 0)));
        Recorder rec = run(following(s, "fast"));
        List<SensorSample> gt = rec.of("gt");
        assertEquals(150, gt.size());
        GroundTruthSample last = (GroundTruthSample) gt.get(49); // captured at 0.98 s
        for (int i = 0; i < gt.size(); i++) {
            GroundTruthSample g = (GroundTruthSample) gt.get(i);
            assertEquals(i, g.sequence());
            assertEquals(i * 20 * MS, g.captureNanos());
            if (within(g.captureNanos(), 1.0, 2.0)) {
                assertEquals(last.xM(), g.xM(), "#" + i + ": frozen position");
                assertEquals(last.forwardSpeedMps(), g.forwardSpeedMps());
            } else if (i > 0) {
                assertTrue(g.xM() > ((GroundTruthSample) gt.get(i - 1)).xM(), "#" + i + ": the vehicle moves on");
            }
        }
        assertTrue(((GroundTruthSample) gt.get(100)).xM() > last.xM() + 4, "after the fault the content is live again");
    }

    @Test
    void noiseScalesTheSampleStandardDeviationByTheFactor() throws Exception {
        List<Scenario.SensorSpec> imu = List.of(sensor("imu", "imu", 100));
        Scenario noisy = scenario(4, imu, List.of(new Scenario.FaultSpec("sensor_noise", 2.0, 2.0, "imu", 10)));
        Scenario clean = scenario(4, imu, List.of());
        List<SensorSample> a = run(new Runner(noisy, TestScenarios.config("fast"), QUIET)).of("imu");
        List<SensorSample> b = run(new Runner(clean, TestScenarios.config("fast"), QUIET)).of("imu");
        // Before the fault the two runs are the same to the bit: the factor does not change the draws.
        assertEquals(b.subList(0, 200), a.subList(0, 200));
        // A coasting vehicle on a plane: the lateral specific force is noise (plus a slowly walking bias), so the
        // sample standard deviation scales with the white noise's (Kalibr model: sigma_d = sigma_c / sqrt(dt)).
        double before = stdAccelY(a.subList(20, 200));
        double during = stdAccelY(a.subList(200, 400));
        double sigmaD = 2.0e-3 / Math.sqrt(0.01);
        assertEquals(sigmaD, before, 0.25 * sigmaD, "the configured noise");
        assertEquals(10, during / before, 2, "x10 in the window: " + during + " vs " + before);
        assertEquals(sigmaD, stdAccelY(b.subList(200, 400)), 0.25 * sigmaD, "the clean run keeps its noise");
    }

    private static double stdAccelY(List<SensorSample> samples) {
        double[] v = samples.stream().mapToDouble(s -> ((ImuSample) s).accelYMps2()).toArray();
        double mean = Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    }

    @Test
    void aClockJumpMovesTheStampsOnTheWireAndStampedCommandsStillAttribute() throws Exception {
        Scenario s = scenario(2, List.of(sensor("gt", "ground_truth", 50)), List.of(new Scenario.FaultSpec("clock_jump", 1.0, 0, null, 2.5)));
        // No controller: the watchdog stops the vehicle, unlatched, so the stack's commands below are judged.
        Runner r = unlatched(s, "fast");
        Recorder rec = run(r);
        List<SensorSample> gt = rec.of("gt");
        assertEquals(100, gt.size());
        for (int i = 0; i < gt.size(); i++) {
            long jump = i >= 50 ? SimTime.fromSeconds(2.5) : 0;
            assertEquals(i, gt.get(i).sequence());
            assertEquals(i * 20 * MS + jump, gt.get(i).captureNanos(), "#" + i);
        }
        assertEquals(2_500 * MS, gt.get(50).captureNanos() - gt.get(49).captureNanos() - 20 * MS, "the wire's clock jumps by 2.5 s");
        // A stack echoes the stamp it received, as a ROS node stamps a command with its input's header; the run
        // has ended (the arbiter's clock stopped at the last step, 1.999 s). The jumped stamp of #90 (1.8 s)
        // names #90; its age and loop latency are in sim time (199 ms), not 2.5 s off. A stamp in the time base
        // from before the jump still names its sample (1.9 s: #95).
        assertEquals(Verdict.ACCEPTED, r.arbiter().submitStamped("echo", new NormalizedCommand(0.1, 0, 0), gt.get(90).captureNanos()));
        assertEquals(Verdict.ACCEPTED, r.arbiter().submitStamped("echo", new NormalizedCommand(0.1, 0, 0), 1_900 * MS));
        assertEquals(Verdict.REFUSED_UNKNOWN_SAMPLE, r.arbiter().submitStamped("echo", new NormalizedCommand(0.1, 0, 0), gt.get(90).captureNanos() + MS / 2));
        LatencySummary lat = r.arbiter().stats().allStreams();
        assertEquals(2, lat.count());
        assertEquals(199 * MS, lat.maxNanos(), 199 * MS / 1000.0, "HdrHistogram: within 0.1 %");
        assertEquals(99 * MS, lat.p50Nanos(), 99 * MS / 1000.0);
        RunEvent start = r.events().all().stream().filter(e -> e.kind() == RunEvent.Kind.FAULT_START).findFirst().orElseThrow();
        assertEquals(SimTime.fromSeconds(1.0), start.simNanos(), "events keep sim time");
    }

    @Test
    void onRosAClockJumpMovesHeadersAndClockForwardAndClockHoldsWhenTheyJumpBack() throws Exception {
        // +2 s from 1 s to 2 s: the stamps jump forward at 1 s and back at 2 s. RosSink (the ROS side's sink,
        // here over an in-memory graph) sends /clock from the stamps and never backwards.
        Scenario s = scenario(3, List.of(sensor("gt", "ground_truth", 50)), List.of(new Scenario.FaultSpec("clock_jump", 1.0, 1.0, null, 2)), false);
        Runner r = unlatched(s, "fast");
        Map<String, List<Long>> stamps = new java.util.concurrent.ConcurrentHashMap<>();
        org.hilbridge.bridge.ros.sink.RosGraph graph = new org.hilbridge.bridge.ros.sink.RosGraph() {
            @Override
            public Publisher advertise(String topic, org.hilbridge.bridge.ros.msg.MessageType type, boolean latched) {
                List<Long> got = stamps.computeIfAbsent(topic, t -> java.util.Collections.synchronizedList(new ArrayList<>()));
                return new Publisher() {
                    @Override
                    public void publish(io.netty.buffer.ByteBuf body) {
                        try {
                            var reader = new org.hilbridge.bridge.ros.serial.RosReader(body, type.name());
                            // rosgraph_msgs/Clock is one time; nav_msgs/Odometry starts with a std_msgs/Header.
                            got.add(topic.equals("/clock") ? reader.readTimeNanos("clock") : topic.endsWith("ground_truth/odom")
                                    ? reader.readHeaderStampNanos("header") : -1L);
                        } finally {
                            body.release();
                        }
                    }

                    @Override
                    public long droppedTotal() {
                        return 0;
                    }
                };
            }

            @Override
            public void subscribe(String topic, org.hilbridge.bridge.ros.msg.MessageType type, java.util.function.Consumer<io.netty.buffer.ByteBuf> h) {
            }
        };
        r.attach(new org.hilbridge.bridge.ros.sink.RosSink(graph, org.hilbridge.bridge.ros.msg.MessageCatalog.standard(), r.streams(),
                org.hilbridge.bridge.ros.sink.RosSinkConfig.defaults(), io.netty.buffer.PooledByteBufAllocator.DEFAULT), 100_000);
        r.run();
        String odomTopic = stamps.keySet().stream().filter(t -> t.endsWith("ground_truth/odom")).findFirst().orElseThrow(() -> new AssertionError("no ground truth topic: " + stamps.keySet()));
        List<Long> odom = stamps.get(odomTopic);
        assertEquals(150, odom.size());
        for (int i = 0; i < odom.size(); i++) {
            assertEquals(i * 20 * MS + (i >= 50 && i < 100 ? 2_000 * MS : 0), odom.get(i), "header stamp of #" + i);
        }
        // /clock: 0 .. 0.98 s, then 3.00 .. 3.98 s; after the jump back the stamps (2.00 .. 2.98 s) are behind it: held.
        List<Long> clock = stamps.get("/clock");
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i * 20 * MS + (i >= 50 ? 2_000 * MS : 0));
        }
        assertEquals(expected, clock);
    }

    @Test
    void aCommandDelayMakesCommandsArriveLaterAndTheVehicleRespondLater() throws Exception {
        Scenario s = scenario(4, List.of(), List.of(new Scenario.FaultSpec("command_delay", 0, 1.0, null, 0.1)));
        Scenario plain = scenario(4, List.of(), List.of());
        RunSummary delayed = following(s, "fast").run();
        RunSummary direct = following(plain, "fast").run();
        // The follower answers each clock sample (1 kHz) at once: loop latency 0 outside the window, and
        // 100 ms (the delay) for the commands that came in it. The first one arrives at 0.1 s: until then
        // the vehicle has no command and coasts.
        // 1000 commands of [0, 1) s arrive 100 ms late; those of [1.000, 1.098] s queue behind the last held one
        // (1.099 s), so none overtakes another; the other 2901 arrive at once.
        LatencySummary lat = delayed.arbiter().allStreams();
        assertEquals(4000, lat.count());
        assertEquals(0, lat.p50Nanos(), "outside the window, at once");
        assertEquals(100 * MS, lat.p99Nanos(), 100 * MS / 1000.0, "the top 1 % are the delayed ones (HdrHistogram: within 0.1 %)");
        assertEquals(100 * MS, lat.maxNanos(), 100 * MS / 1000.0);
        assertEquals(0, direct.arbiter().allStreams().maxNanos(), "without the fault every command arrives at once");
        assertEquals(0, delayed.arbiter().count(Verdict.DELAYED_BY_FAULT), "the counted verdict is the one at arrival");
        assertEquals(4000, delayed.arbiter().count(Verdict.ACCEPTED), "none lost");
        assertEquals(4000, direct.arbiter().count(Verdict.ACCEPTED));
        assertNotEquals(direct.distanceM(), delayed.distanceM(), "the vehicle responds to old commands");
    }

    @Test
    void underLockstepAHeldCommandAnswersTheSampleAndNothingStalls() throws Exception {
        Scenario s = scenario(3, List.of(), List.of(new Scenario.FaultSpec("command_delay", 1.0, 1.0, null, 0.05)));
        RunSummary sum = following(s, "lockstep").run();
        assertTrue(sum.events().stream().noneMatch(e -> e.kind() == RunEvent.Kind.WATCHDOG_STOP), sum.events().toString());
        LatencySummary lat = sum.arbiter().allStreams();
        assertEquals(3000, lat.count());
        assertEquals(50 * MS, lat.maxNanos(), 50 * MS / 1000.0, "the held commands arrive 50 ms late");
        assertEquals(0, lat.p50Nanos());
    }

    @Test
    void lockstepWaitsForTheAnswerToADelayedSampleWhenItIsReleasedAndNotForADroppedOne() throws Exception {
        // A stack on its own thread (like a remote one) answers every "gt" sample it receives; lockstep waits for it.
        Scenario s = scenario(4, List.of(sensor("gt", "ground_truth", 50)), List.of(
                new Scenario.FaultSpec("sensor_latency", 1.0, 1.0, "gt", 0.1),
                new Scenario.FaultSpec("sensor_dropout", 2.5, 0.3, "gt", 0))); // shorter than the 0.5 s watchdog
        Runner r = unlatched(s, "lockstep", "gt");
        r.attachAsync(new Controller() {
            private final Controller follower = TestScenarios.follower(s, 8);

            @Override
            public String name() {
                return "remote";
            }

            @Override
            public boolean wants(SensorSample sample) {
                return sample.streamId().equals("gt");
            }

            @Override
            public org.hilbridge.sim.command.VehicleCommand onSample(SensorSample sample) throws Exception {
                return follower.onSample(sample);
            }
        });
        RunSummary sum = r.run();
        assertTrue(sum.events().stream().noneMatch(e -> e.kind() == RunEvent.Kind.WATCHDOG_STOP), "no stall, no stop: " + sum.events());
        // 200 samples less the 15 dropped, each answered once it reached the stack: at capture, or 100 ms later.
        LatencySummary lat = sum.arbiter().allStreams();
        assertEquals(185, lat.count());
        assertEquals(100 * MS, lat.maxNanos(), 100 * MS / 1000.0, "an answer arrives when its delayed sample is released");
        assertEquals(0, lat.p50Nanos());
    }

    @Test
    void inRealtimeALatencyIsHandedOverLaterInWallTime() throws Exception {
        Scenario s = scenario(1.5, List.of(sensor("gt", "ground_truth", 20)), List.of(new Scenario.FaultSpec("sensor_latency", 0.5, 0.5, "gt", 0.2)));
        Runner r = new Runner(s, TestScenarios.realtime(org.hilbridge.hil.config.BridgeConfig.Realtime.DEFAULTS), QUIET);
        List<long[]> arrivals = new ArrayList<>(); // {stream 0 clock / 1 gt, capture, wall arrival}
        r.attach(new SampleSink() {
            @Override
            public String name() {
                return "wall";
            }

            @Override
            public synchronized void accept(SensorSample x) {
                arrivals.add(new long[] {x.streamId().equals("clock") ? 0 : 1, x.captureNanos(), System.nanoTime()});
            }
        }, 100_000);
        r.run();
        Map<Long, Long> clockArrival = new java.util.HashMap<>();
        List<long[]> gt = new ArrayList<>();
        synchronized (arrivals) {
            for (long[] a : arrivals) {
                if (a[0] == 0) {
                    clockArrival.put(a[1], a[2]);
                } else {
                    gt.add(a);
                }
            }
        }
        assertEquals(30, gt.size(), "nothing lost");
        int delayed = 0;
        for (int i = 0; i < gt.size(); i++) {
            long[] a = gt.get(i);
            assertEquals(i * 50 * MS, a[1], "in order");
            if (within(a[1], 0.5, 1.0)) {
                // Never early: the timer hands it over 200 ms of wall time (factor 1) after the step that captured
                // it, and the clock sample of that step reached the sink no earlier than that step.
                long afterClock = a[2] - clockArrival.get(a[1]);
                assertTrue(afterClock >= 150 * MS, "#" + i + " arrived " + afterClock / 1e6 + " ms after its step");
                delayed++;
            }
        }
        assertEquals(10, delayed);
    }
}
