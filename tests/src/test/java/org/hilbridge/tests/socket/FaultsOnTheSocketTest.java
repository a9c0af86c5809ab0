package org.hilbridge.tests.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.socket.client.SocketClient;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.arbiter.LatencySummary;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.proto.v1.CommandAck;
import org.hilbridge.proto.v1.FrameHeader;
import org.hilbridge.proto.v1.GroundTruth;
import org.hilbridge.proto.v1.SampleRef;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.TwistControl;
import org.hilbridge.proto.v1.Verdict;
import org.hilbridge.proto.v1.VehicleCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every fault kind seen on the wire by a protobuf socket client (the Java client of bridge.socket), never
 * from the logs: the gap in a dropped stream's sequence numbers, a delayed stream arriving behind samples
 * captured after it, a frozen stream's repeated content, the larger sample standard deviation of a noisy
 * IMU, the jump of the capture stamps, GNSS without a fix, and - in the command acks and the arbiter's
 * loop latency - delayed and lost commands. The scenario is flat_asphalt.yaml with an IMU and a GNSS added.
 */
@Timeout(180)
class FaultsOnTheSocketTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final long MS = 1_000_000;
    private static final List<String> SENSORS = List.of("sensors(1).name=imu", "sensors(1).type=imu", "sensors(1).rate_hz=100",
            "sensors(2).name=gnss", "sensors(2).type=gnss", "sensors(2).rate_hz=10");

    private static RunnerWithServer runner(List<String> overrides) throws Exception {
        List<String> all = new ArrayList<>(SENSORS);
        all.addAll(overrides);
        all.addAll(List.of("socket.enabled=true", "socket.port=0", "socket.client_queue_frames=100000", "sinks.queue_capacity=100000"));
        Scenario scenario = new ScenarioLoader(Map.of()).load(ROOT.resolve("launch/scenarios/flat_asphalt.yaml"), all);
        BridgeConfig config = new BridgeConfigLoader().load(null, Map.of(), all);
        Runner runner = new Runner(scenario, config, new PrintStream(OutputStream.nullOutputStream()));
        if (config.controller().equals("route_follower")) {
            // As `hilbridge run` does: the in-process route follower drives (on the simulation thread).
            runner.attachSynchronous(RouteFollower.along(scenario, config.controllerSpeedMps(), config.controllerLookaheadM()));
        }
        return new RunnerWithServer(runner, config);
    }

    private static FrameHeader header(ServerMessage m) {
        return switch (m.getBodyCase()) {
            case GROUND_TRUTH -> m.getGroundTruth().getHeader();
            case IMU -> m.getImu().getHeader();
            case GNSS -> m.getGnss().getHeader();
            default -> throw new AssertionError("unexpected frame " + m.getBodyCase());
        };
    }

    @Test
    void sensorFaultsAreSeenByASocketSubscriber() throws Exception {
        // Lockstep, the client answering every ground-truth frame: the run goes no faster than the wire (a fast run
        // would outrun the socket and end before the client has read everything).
        RunnerWithServer r = runner(List.of("duration_s=7", "criteria.max_time_to_goal_s=7", "runner.pacing=lockstep",
                "runner.lockstep_stream=ground_truth", "controller.type=none",
                "faults(0).kind=sensor_dropout", "faults(0).at_s=1", "faults(0).duration_s=0.5", "faults(0).target=imu",
                "faults(1).kind=sensor_latency", "faults(1).at_s=2", "faults(1).duration_s=1", "faults(1).target=gnss",
                "faults(1).magnitude=0.3", "faults(1).jitter_s=0.05",
                "faults(2).kind=frozen_frames", "faults(2).at_s=3.5", "faults(2).duration_s=0.5", "faults(2).target=ground_truth",
                "faults(3).kind=sensor_noise", "faults(3).at_s=4", "faults(3).duration_s=1", "faults(3).target=imu", "faults(3).magnitude=10",
                "faults(4).kind=gnss_outage", "faults(4).at_s=5", "faults(4).duration_s=0.5",
                "faults(5).kind=clock_jump", "faults(5).at_s=6", "faults(5).magnitude=3"));
        List<ServerMessage> frames = new ArrayList<>();
        SocketClient[] clients = new SocketClient[1];
        clients[0] = SocketClient.builder("127.0.0.1", r.server.port()).name("faults").subscribe("ground_truth", 0)
                .subscribe("imu", 0).subscribe("gnss", 0).subscribe("clock", 0).maxFrameBytes(1 << 20).onFrame(m -> {
                    synchronized (frames) {
                        frames.add(m);
                    }
                    if (m.hasGroundTruth()) {
                        clients[0].command(answer(m.getGroundTruth()));
                    }
                }).build();
        try (SocketClient client = clients[0]) {
            client.connect().get(10, TimeUnit.SECONDS);
            r.run();
            // 7 s: ground truth 350 at 50 Hz, IMU 700 at 100 Hz less 50 dropped, GNSS 70 at 10 Hz.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sensorFrames(frames) < 350 + 650 + 70 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            r.server.close();
        }
        List<ServerMessage> got;
        synchronized (frames) {
            got = List.copyOf(frames);
        }
        List<Long> clock = got.stream().filter(ServerMessage::hasClock).map(m -> m.getClock().getSimNanos()).toList();
        got = got.stream().filter(m -> !m.hasClock()).toList();
        List<GroundTruth> gt = got.stream().filter(ServerMessage::hasGroundTruth).map(ServerMessage::getGroundTruth).toList();
        List<org.hilbridge.proto.v1.Imu> imu = got.stream().filter(ServerMessage::hasImu).map(ServerMessage::getImu).toList();
        List<org.hilbridge.proto.v1.Gnss> gnss = got.stream().filter(ServerMessage::hasGnss).map(ServerMessage::getGnss).toList();
        assertEquals(List.of(350, 650, 70), List.of(gt.size(), imu.size(), gnss.size()), "frames received per stream");

        // sensor_dropout: IMU sequence numbers 100..149 (captured in [1.0, 1.5) s) never arrive; the rest in order.
        for (int i = 0; i < imu.size(); i++) {
            long seq = i < 100 ? i : i + 50;
            assertEquals(seq, imu.get(i).getHeader().getSequence(), "imu frame " + i);
        }

        // sensor_latency: a GNSS fix captured in [2, 3) s arrives behind ground truth captured 0.25 to 0.35 s after
        // it (one connection is one FIFO: the order on the wire is the order of hand-off); before, at once.
        long lastGtCapture = -1;
        long lastGnssSeq = -1;
        int delayed = 0;
        for (ServerMessage m : got) {
            FrameHeader h = header(m);
            if (m.hasGroundTruth()) {
                lastGtCapture = Math.max(lastGtCapture, h.getCaptureSimNanos());
            } else if (m.hasGnss()) {
                assertEquals(lastGnssSeq + 1, h.getSequence(), "GNSS in order");
                lastGnssSeq = h.getSequence();
                long capture = h.getCaptureSimNanos();
                if (capture >= 2_000 * MS && capture < 3_000 * MS) {
                    long behind = lastGtCapture - capture;
                    assertTrue(behind >= 250 * MS - 20 * MS && behind <= 350 * MS, "GNSS #" + h.getSequence() + " behind by " + behind / 1e6 + " ms");
                    delayed++;
                } else if (capture < 2_000 * MS) {
                    assertEquals(capture, lastGtCapture, "GNSS #" + h.getSequence() + " arrives right after the ground truth of its step");
                }
            }
        }
        assertEquals(10, delayed);

        // frozen_frames: ground truth #175..#199 ([3.5, 4.0) s) repeat #174's content under their own numbers and stamps.
        GroundTruth last = gt.get(174);
        for (int i = 0; i < 300; i++) {
            GroundTruth g = gt.get(i);
            assertEquals(i, g.getHeader().getSequence());
            assertEquals(i * 20 * MS, g.getHeader().getCaptureSimNanos());
            if (i >= 175 && i < 200) {
                assertEquals(last.getXM(), g.getXM(), "#" + i);
                assertEquals(last.getVxMps(), g.getVxMps(), "#" + i);
            } else if (i > 50) {
                assertTrue(g.getXM() > gt.get(i - 1).getXM(), "#" + i + ": the vehicle drives on");
            }
        }

        // sensor_noise x10: the IMU's sample standard deviation in [4, 5) s against [0.2, 1.0) s (the vehicle runs
        // straight on a plane: lateral specific force is noise). Kalibr white noise scales linearly.
        double before = std(imu.subList(20, 100));
        double during = std(imu.subList(350, 450)); // seq 400..499
        assertEquals(400, imu.get(350).getHeader().getSequence());
        assertTrue(during / before > 7 && during / before < 13, "x10 noise: " + during + " vs " + before);

        // gnss_outage: fixes #50..#54 ([5.0, 5.5) s) have no fix; their neighbours have one.
        for (org.hilbridge.proto.v1.Gnss g : gnss) {
            long seq = g.getHeader().getSequence();
            assertEquals(seq >= 50 && seq < 55 ? -1 : 0, g.getStatus(), "GNSS #" + seq);
        }

        // clock_jump +3 s at 6 s: the clock stream jumps from the last step before 6 s to 9 s, and every stamp from
        // there on is 3 s ahead; sequence numbers go on.
        int jump = clock.indexOf(9_000 * MS);
        assertTrue(jump > 0, "the clock stream reaches 9 s at the jump: " + clock.subList(Math.max(0, clock.size() - 5), clock.size()));
        assertTrue(clock.get(jump - 1) < 6_000 * MS && clock.get(jump - 1) >= 5_990 * MS, "from just before 6 s: " + clock.get(jump - 1));
        for (GroundTruth g : gt.subList(290, 350)) {
            long seq = g.getHeader().getSequence();
            assertEquals(seq * 20 * MS + (seq >= 300 ? 3_000 * MS : 0), g.getHeader().getCaptureSimNanos(), "#" + seq);
        }
    }

    private static long sensorFrames(List<ServerMessage> frames) {
        synchronized (frames) {
            return frames.stream().filter(m -> !m.hasClock()).count();
        }
    }

    private static double std(List<org.hilbridge.proto.v1.Imu> samples) {
        double[] v = samples.stream().mapToDouble(org.hilbridge.proto.v1.Imu::getAccelYMps2).toArray();
        double mean = Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    }

    @Test
    void delayedAndLostCommandsShowInTheAcksAndTheLoopLatency() throws Exception {
        // Lockstep: the run waits for the client's answer to every ground-truth sample. A command_delay holds the
        // answers of [1, 2) s for 100 ms; a command_loss drops the answer to the sample at 3.9 s (the watchdog,
        // unlatched, then stops the vehicle; the run ends 0.1 s later).
        RunnerWithServer r = runner(List.of("duration_s=4", "criteria.max_time_to_goal_s=4", "runner.pacing=lockstep", "runner.lockstep_stream=ground_truth", "controller.type=none",
                "watchdog.timeout_s=0.3", "watchdog.latch=false",
                "faults(0).kind=command_delay", "faults(0).at_s=1", "faults(0).duration_s=1", "faults(0).magnitude=0.1",
                "faults(1).kind=command_loss", "faults(1).at_s=3.9", "faults(1).duration_s=0.1"));
        Map<Long, Verdict> acks = new ConcurrentHashMap<>();
        SocketClient[] client = new SocketClient[1];
        client[0] = SocketClient.builder("127.0.0.1", r.server.port()).name("stack").subscribe("ground_truth", 0).onFrame(m -> {
            if (m.hasGroundTruth()) {
                GroundTruth g = m.getGroundTruth();
                CompletableFuture<CommandAck> ack = client[0].command(answer(g));
                ack.thenAccept(a -> acks.put(g.getHeader().getSequence(), a.getVerdict()));
            }
        }).build();
        RunSummary summary;
        try (SocketClient c = client[0]) {
            c.connect().get(10, TimeUnit.SECONDS);
            summary = r.run();
        } finally {
            r.server.close();
        }
        // The transport is told at once that the command is held; the arbiter judges it when it arrives.
        for (long seq = 50; seq < 100; seq++) {
            assertEquals(Verdict.VERDICT_DELAYED_BY_FAULT, acks.get(seq), "answer to #" + seq);
        }
        for (long seq = 0; seq < 50; seq++) {
            assertEquals(Verdict.VERDICT_ACCEPTED, acks.get(seq), "answer to #" + seq);
        }
        assertEquals(Verdict.VERDICT_DROPPED_BY_FAULT, acks.get(195L));
        // Loop latency (capture to arrival at the arbiter, sim time): 0 without the fault, 100 ms for the held ones.
        LatencySummary lat = summary.arbiter().loopLatency().get("ground_truth");
        assertEquals(100 * MS, lat.maxNanos(), 100 * MS / 1000.0, "HdrHistogram: within 0.1 %");
        assertEquals(0, lat.p50Nanos());
        assertTrue(summary.arbiter().count(org.hilbridge.bridge.link.Verdict.DROPPED_BY_FAULT) >= 1);
        assertTrue(summary.events().stream().anyMatch(e -> e.kind() == org.hilbridge.hil.events.RunEvent.Kind.WATCHDOG_STOP
                && e.simNanos() >= 3_900 * MS), "the lost command stops the vehicle: " + summary.events());
    }

    /** The stack's answer to a ground-truth frame: drive at 3 m/s, naming the frame. */
    private static VehicleCommand.Builder answer(GroundTruth g) {
        return VehicleCommand.newBuilder().setBasedOn(SampleRef.newBuilder().setStreamId("ground_truth").setSequence(g.getHeader().getSequence()))
                .setTwist(TwistControl.newBuilder().setSpeedMps(3));
    }

    /** A runner with the socket server attached, started before the run and closed by the test. */
    private static final class RunnerWithServer {
        final Runner runner;
        final SocketServer server;

        RunnerWithServer(Runner runner, BridgeConfig config) throws Exception {
            this.runner = runner;
            this.server = SocketServer.start(config.socket(), runner.streams(), runner.arbiter());
            runner.attach(server);
        }

        RunSummary run() throws InterruptedException {
            return runner.run();
        }
    }
}
