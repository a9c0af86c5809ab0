package org.hilbridge.bridge.socket.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Outcome;
import org.hilbridge.bridge.link.Augmentations;
import org.hilbridge.bridge.link.ImageAugmentation;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.socket.client.ImageChannels;
import org.hilbridge.bridge.socket.client.SocketClient;
import org.hilbridge.proto.v1.AugmentationOutcome;
import org.hilbridge.proto.v1.Image;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.Welcome;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9 over loopback with the Java client: an augmented camera's frames reach every client as one Image
 * frame per camera frame, holding the AugmentedFrame's pixels with the raw frame's stamp and sequence, the
 * primary image where the scenario says; a lost half is counted, never mismatched.
 */
@Timeout(60)
class SocketAugmentTest {
    private static final int W = 40;
    private static final int H = 30;
    private final RecordingIntake intake = new RecordingIntake();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private SocketServer server(ImageAugmentation a) throws InterruptedException {
        List<StreamInfo> streams = List.of(new StreamInfo("front", "camera", 30, "front_optical", TestImages.mount(), TestImages.info(W, H), null, a));
        SocketServer s = SocketServer.start(SocketServerTest.loopback().withClientQueueFrames(64), streams, intake);
        open.add(s);
        return s;
    }

    private BlockingQueue<Image> subscribe(SocketServer server, String name) throws Exception {
        BlockingQueue<Image> images = new LinkedBlockingQueue<>();
        SocketClient c = SocketClient.builder("127.0.0.1", server.port()).name(name).subscribe("front", 0)
                .onFrame(m -> {
                    if (m.getBodyCase() == ServerMessage.BodyCase.IMAGE) {
                        images.add(m.getImage());
                    }
                }).build();
        open.add(c);
        Welcome w = c.connect().get(10, SECONDS);
        assertEquals(a(server) , w.getCatalog().getStreams(0).getAugmented());
        return images;
    }

    private static boolean a(SocketServer s) {
        return s.catalog().getStreams(0).getAugmented();
    }

    private static Image next(BlockingQueue<Image> q) throws InterruptedException {
        Image i = q.poll(20, SECONDS);
        assertNotNull(i, "no Image frame within 20 s");
        return i;
    }

    @Test
    void everyClientGetsTheAugmentedPixelsWithTheRawFramesStampAndSequence() throws Exception {
        SocketServer server = server(ImageAugmentation.PRIMARY_RAW);
        List<BlockingQueue<Image>> clients = List.of(subscribe(server, "a"), subscribe(server, "b"));
        List<CameraFrame> raw = new ArrayList<>();
        List<AugmentedFrame> aug = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            CameraFrame c = TestImages.frame("front", f, 100_000_000L + f * 33_333_333L, W, H, f);
            AugmentedFrame a = Augmentations.inverted(c, f == 3 ? Outcome.REJECTED : Outcome.AUGMENTED);
            raw.add(c);
            aug.add(a);
            server.accept(c);
            server.accept(a);
        }
        for (BlockingQueue<Image> q : clients) {
            for (int f = 0; f < 5; f++) {
                Image img = next(q);
                assertEquals(raw.get(f).sequence(), img.getHeader().getSequence(), "one Image frame per camera frame, in order");
                assertEquals(raw.get(f).captureNanos(), img.getHeader().getCaptureSimNanos());
                assertArrayEquals(raw.get(f).image().rgbData(), ImageChannels.primaryPixels(img).toByteArray(), "primary raw");
                assertArrayEquals(aug.get(f).rgb8(), ImageChannels.augmentedPixels(img).toByteArray());
                assertEquals(f == 3 ? AugmentationOutcome.AUGMENTATION_OUTCOME_REJECTED : AugmentationOutcome.AUGMENTATION_OUTCOME_AUGMENTED,
                        img.getAugmented().getOutcome());
            }
        }
        assertEquals(0, server.framesWithoutAugmented());
    }

    @Test
    void primaryAugmentedSwitchesWhatTheStacksImageCarries() throws Exception {
        SocketServer server = server(ImageAugmentation.PRIMARY_AUGMENTED);
        BlockingQueue<Image> q = subscribe(server, "stack");
        CameraFrame c = TestImages.frame("front", 0, 33_333_333L, W, H, 7);
        AugmentedFrame a = Augmentations.inverted(c, Outcome.AUGMENTED);
        server.accept(c);
        server.accept(a);
        Image img = next(q);
        assertArrayEquals(a.rgb8(), img.getPixels().toByteArray(), "Image.pixels, what a stack reads, is the augmented image");
        assertArrayEquals(c.image().rgbData(), ImageChannels.rawPixels(img).toByteArray());
        assertEquals(c.captureNanos(), img.getHeader().getCaptureSimNanos());
    }

    @Test
    void aFrameWhoseAugmentedHalfIsLostGoesOutAloneAndAnOrphanIsDropped() throws Exception {
        SocketServer server = server(ImageAugmentation.PRIMARY_AUGMENTED);
        BlockingQueue<Image> q = subscribe(server, "stack");
        CameraFrame f0 = TestImages.frame("front", 0, 1_000, W, H, 1);
        CameraFrame f1 = TestImages.frame("front", 1, 2_000, W, H, 2);
        CameraFrame f2 = TestImages.frame("front", 2, 3_000, W, H, 3);
        server.accept(f0); // its augmented frame never comes
        server.accept(f1); // sends f0 alone, holds f1
        server.accept(Augmentations.inverted(f2, Outcome.AUGMENTED)); // not f1's: f1 goes out alone, the orphan is dropped
        server.accept(f2);
        server.accept(Augmentations.inverted(f2, Outcome.AUGMENTED));
        Image i0 = next(q);
        assertEquals(0, i0.getHeader().getSequence());
        assertFalse(i0.hasAugmented());
        assertArrayEquals(f0.image().rgbData(), i0.getPixels().toByteArray(), "without its augmented image the raw render is primary");
        Image i1 = next(q);
        assertEquals(1, i1.getHeader().getSequence());
        assertFalse(i1.hasAugmented());
        Image i2 = next(q);
        assertEquals(2, i2.getHeader().getSequence());
        assertTrue(i2.hasAugmented());
        assertEquals(2, server.framesWithoutAugmented());
        assertEquals(1, server.augmentedWithoutRaw());
    }
}
