package org.hilbridge.tests.socket;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Outcome;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.socket.client.ImageChannels;
import org.hilbridge.bridge.socket.client.SocketClient;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.proto.v1.AugmentationOutcome;
import org.hilbridge.proto.v1.Image;
import org.hilbridge.proto.v1.ImageSource;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.Welcome;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9 end to end: a fast run of the off-road course in fog with augment.primary = augmented, its camera
 * read by the Java client over the protobuf socket. Every camera frame reaches the client as one Image frame
 * whose pixels (what a stack reads) are the AugmentedFrame's pixels, with the raw frame's capture stamp and
 * sequence and the raw render in raw_pixels.
 */
@Timeout(300)
class AugmentedRunOnTheSocketTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theStackReadsTheAugmentedImagesOfAFoggyRun() throws Exception {
        List<String> overrides = List.of("duration_s=1", "runner.pacing=fast", "controller.type=none", "weather.condition=fog",
                "weather.intensity=0.5", "augment.enabled=true", "augment.primary=augmented", "socket.enabled=true", "socket.port=0",
                "socket.client_queue_frames=4096");
        Scenario scenario = new ScenarioLoader(Map.of()).load(ROOT.resolve("launch/scenarios/offroad_course.yaml"), overrides);
        BridgeConfig config = new BridgeConfigLoader().load(ROOT.resolve("launch/config/bridge.properties"), Map.of(), overrides);
        Runner runner = new Runner(scenario, config, new PrintStream(OutputStream.nullOutputStream()));
        Map<Long, CameraFrame> raw = new ConcurrentHashMap<>();
        Map<Long, AugmentedFrame> augmented = new ConcurrentHashMap<>();
        runner.attach(new SampleSink() {
            @Override
            public String name() {
                return "record";
            }

            @Override
            public void accept(SensorSample s) {
                if (s instanceof CameraFrame c) {
                    raw.put(c.sequence(), c.retain()); // kept past accept (CameraFrame)
                } else if (s instanceof AugmentedFrame a) {
                    augmented.put(a.sequence(), a.retain()); // kept past accept: its pixels are pooled too (AugmentedFrame)
                }
            }
        }, 100_000);
        SocketServer server = SocketServer.start(config.socket(), runner.streams(), runner.arbiter());
        runner.attach(server);
        BlockingQueue<Image> images = new LinkedBlockingQueue<>();
        try (SocketClient client = SocketClient.builder("127.0.0.1", server.port()).name("stack").subscribe("front_camera", 0)
                .maxFrameBytes(16 << 20).onFrame(m -> {
                    if (m.getBodyCase() == ServerMessage.BodyCase.IMAGE) {
                        images.add(m.getImage());
                    }
                }).build()) {
            Welcome w = client.connect().get(20, SECONDS);
            assertTrue(w.getCatalog().getStreamsList().stream().anyMatch(d -> d.getStreamId().equals("front_camera") && d.getAugmented()
                    && d.getPrimaryAugmented()), "the catalog announces the augmented camera: " + w.getCatalog());
            runner.run();
            int frames = 30; // 1 s at 30 Hz
            int augmentedFrames = 0;
            for (int i = 0; i < frames; i++) {
                Image img = images.poll(60, SECONDS);
                assertNotNull(img, "Image frame " + i + " of " + frames + " did not arrive");
                long seq = img.getHeader().getSequence();
                assertEquals(i, seq, "one Image frame per camera frame, in order");
                CameraFrame r = raw.get(seq);
                AugmentedFrame a = augmented.get(seq);
                assertNotNull(r, "raw frame " + seq);
                assertNotNull(a, "augmented frame " + seq);
                assertEquals(r.captureNanos(), img.getHeader().getCaptureSimNanos(), "the raw frame's capture stamp");
                assertEquals(r.frameId(), img.getHeader().getFrameId());
                assertEquals(ImageSource.IMAGE_SOURCE_AUGMENTED, img.getPrimary());
                assertArrayEquals(a.rgb8(), img.getPixels().toByteArray(), "Image.pixels is the AugmentedFrame's image, frame " + seq);
                assertArrayEquals(r.image().rgbData(), ImageChannels.rawPixels(img).toByteArray(), "raw_pixels is the render, frame " + seq);
                assertEquals(AugmentationOutcome.valueOf("AUGMENTATION_OUTCOME_" + a.outcome().name()), img.getAugmented().getOutcome());
                assertEquals(a.provenance().parameters().get("fog.visibility_m"),
                        img.getAugmented().getProvenance().getParameterValuesOrThrow("fog.visibility_m"));
                if (a.outcome() == Outcome.AUGMENTED) {
                    augmentedFrames++;
                    assertFalse(Arrays.equals(a.rgb8(), r.image().rgbData()), "fog changes the pixels");
                }
            }
            assertTrue(augmentedFrames > 0, "fog at intensity 0.5 passes the grounding gate on some frames");
            assertEquals(0, server.framesWithoutAugmented());
        } finally {
            server.close();
        }
    }
}
