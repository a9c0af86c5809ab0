package org.hilbridge.tests.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.bridge.socket.client.SocketClient;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.proto.v1.GroundTruth;
import org.hilbridge.proto.v1.LeaseReply;
import org.hilbridge.proto.v1.LeaseRequest;
import org.hilbridge.proto.v1.SampleRef;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.TwistControl;
import org.hilbridge.proto.v1.VehicleCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control lease through the socket with the runner's real arbiter and watchdog (lockstep): client A
 * holds the lease and drives; B is refused while A holds it; A falls silent, the watchdog stops the
 * vehicle and A's lease expires; B then acquires it, its commands are accepted, and the vehicle resumes.
 */
@Timeout(120)
class SocketLeaseTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int A_ANSWERS = 50; // 1 s of ground truth at 50 Hz

    @Test
    void anExpiredLeaseHandsControlToTheWatchdogAndThenToAnotherClient() throws Exception {
        // Once safe-stopped the lockstep runner no longer waits and races ahead, so the run is long enough
        // for B to catch up; B ends it once it drives.
        List<String> overrides = List.of("duration_s=300", "criteria.max_time_to_goal_s=300", "runner.pacing=lockstep", "runner.lockstep_stream=ground_truth",
                "watchdog.timeout_s=0.2", "watchdog.latch=false", "controller.type=none", "arbiter.lease_mode=exclusive",
                "arbiter.lease_timeout_s=1", "arbiter.max_sample_age_s=5", "socket.enabled=true", "socket.port=0", "socket.client_queue_frames=1024");
        Scenario scenario = new ScenarioLoader(Map.of()).load(ROOT.resolve("launch/scenarios/flat_asphalt.yaml"), overrides);
        BridgeConfig config = new BridgeConfigLoader().load(null, Map.of(), overrides);
        Runner runner = new Runner(scenario, config, new PrintStream(OutputStream.nullOutputStream()));
        SocketServer server = SocketServer.start(config.socket(), runner.streams(), runner.arbiter());
        runner.attach(server);
        BlockingQueue<GroundTruth> seenByB = new LinkedBlockingQueue<>();
        long[] lastAnsweredByA = {-1};
        SocketClient[] a = new SocketClient[1];
        a[0] = SocketClient.builder("127.0.0.1", server.port()).name("a").subscribe("ground_truth", 0).onFrame(m -> {
            if (m.getBodyCase() == ServerMessage.BodyCase.GROUND_TRUTH && m.getGroundTruth().getHeader().getSequence() < A_ANSWERS) {
                lastAnsweredByA[0] = m.getGroundTruth().getHeader().getCaptureSimNanos();
                a[0].command(answer(m.getGroundTruth()));
            }
        }).build();
        SocketClient b = SocketClient.builder("127.0.0.1", server.port()).name("b").subscribe("ground_truth", 0)
                .onFrame(m -> seenByB.add(m.getGroundTruth())).build();
        SocketClient aClient = a[0];
        try (aClient; b) {
            String aSource = "socket:a#" + a[0].connect().get(10, TimeUnit.SECONDS).getSessionId();
            String bSource = "socket:b#" + b.connect().get(10, TimeUnit.SECONDS).getSessionId();
            assertTrue(a[0].lease(LeaseRequest.Action.ACTION_ACQUIRE).get(10, TimeUnit.SECONDS).getHeld());
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            boolean refusedWhileAHeld = false;
            boolean holding = false;
            long bAccepted = 0;
            while (!run.isDone() || !seenByB.isEmpty()) {
                GroundTruth gt = seenByB.poll(100, TimeUnit.MILLISECONDS);
                if (gt == null) {
                    continue;
                }
                long seq = gt.getHeader().getSequence();
                if (seq == 10) {
                    LeaseReply r = b.lease(LeaseRequest.Action.ACTION_ACQUIRE).get(10, TimeUnit.SECONDS);
                    assertFalse(r.getHeld());
                    assertEquals(aSource, r.getHolder());
                    refusedWhileAHeld = true;
                }
                // 1.1 s of sim time after A's last answer its 1 s lease has expired.
                if (!holding && seq > A_ANSWERS && gt.getHeader().getCaptureSimNanos() - lastAnsweredByA[0] >= 1_100_000_000L) {
                    LeaseReply r = b.lease(LeaseRequest.Action.ACTION_ACQUIRE).get(10, TimeUnit.SECONDS);
                    assertTrue(r.getHeld(), "after A's lease expired B gets it: " + r);
                    holding = true;
                }
                if (holding) {
                    // Safe-stopped, the runner no longer waits in lockstep and runs ahead: answer the newest sample.
                    for (GroundTruth newer; (newer = seenByB.poll()) != null; ) {
                        gt = newer;
                    }
                    try {
                        var ack = b.command(answer(gt)).get(10, TimeUnit.SECONDS);
                        if (ack.getVerdict() == org.hilbridge.proto.v1.Verdict.VERDICT_REFUSED_NO_LEASE) {
                            // The unpaced run let B's lease expire before its command came: take it again.
                            assertTrue(b.lease(LeaseRequest.Action.ACTION_ACQUIRE).get(10, TimeUnit.SECONDS).getHeld());
                        }
                        if (ack.getVerdictValue() == org.hilbridge.proto.v1.Verdict.VERDICT_ACCEPTED_VALUE && ++bAccepted == 20) {
                            // B drives in lockstep again: enough seen, end the run (300 s of sim time is only a bound).
                            runner.requestStop();
                        }
                    } catch (java.util.concurrent.ExecutionException e) {
                        // The run ended and the server closed: frames still queued here need no answer.
                        assertTrue(run.isDone() || server.sessionCount() == 0, e.toString());
                    }
                }
            }
            RunSummary summary = run.get(60, TimeUnit.SECONDS);
            assertTrue(refusedWhileAHeld);
            assertTrue(holding);
            assertEquals(Map.of(Verdict.ACCEPTED, (long) A_ANSWERS), summary.arbiter().verdictsBySource().get(aSource));
            assertTrue(bAccepted >= 20, "B drove after A: " + bAccepted + "; " + summary.arbiter().verdictsBySource() + " " + summary.events());
            List<RunEvent.Kind> kinds = summary.events().stream().map(RunEvent::kind).toList();
            int granted = kinds.indexOf(RunEvent.Kind.LEASE_GRANTED);
            int stop = kinds.indexOf(RunEvent.Kind.WATCHDOG_STOP);
            int expired = kinds.indexOf(RunEvent.Kind.LEASE_EXPIRED);
            int resumed = kinds.indexOf(RunEvent.Kind.WATCHDOG_RESUMED);
            assertTrue(granted >= 0 && stop > granted && expired > granted && resumed > Math.max(stop, expired),
                    "lease granted to A, then watchdog stop and lease expiry, then resumed under B: " + summary.events());
            assertTrue(summary.events().stream().anyMatch(e -> e.kind() == RunEvent.Kind.LEASE_GRANTED && e.toString().contains(bSource)),
                    summary.events().toString());
        } finally {
            server.close();
        }
    }

    private static VehicleCommand.Builder answer(GroundTruth gt) {
        return VehicleCommand.newBuilder().setBasedOn(SampleRef.newBuilder().setStreamId(gt.getHeader().getStreamId())
                .setSequence(gt.getHeader().getSequence())).setTwist(TwistControl.newBuilder().setSpeedMps(3));
    }
}
