package org.hilbridge.bridge.ros.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Outcome;
import org.hilbridge.bridge.link.Augmentations;
import org.hilbridge.bridge.link.ImageAugmentation;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Augmented cameras on ROS (issue 9), against an in-memory graph: /camera/image_augmented carries the
 * augmented pixels under exactly the raw image's header, /camera/image the primary image (raw or augmented as
 * the scenario says), /camera/image_augmented/info a record per frame, /diagnostics the outcome counts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RosSinkAugmentTest {
    private static final MessageCatalog CATALOG = MessageCatalog.standard();
    private static final int W = 16;
    private static final int H = 12;
    private final RecordingGraph graph = new RecordingGraph();

    @AfterEach
    void release() {
        graph.releaseAll();
    }

    private RosSink sink(ImageAugmentation a) throws Exception {
        List<StreamInfo> streams = List.of(new StreamInfo("front", "camera", 30, "front_optical", TestImages.mount(), TestImages.info(W, H), null, a));
        return new RosSink(graph, CATALOG, streams, RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT);
    }

    private static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b);
    }

    /** The sensor_msgs/Image body's head: header, height, width, encoding, is_bigendian, step, data length. */
    private static int headBytes(String frameId) {
        return RosWire.headerBytes(frameId) + 4 + 4 + RosWire.stringBytes("rgb8") + 1 + 4 + 4;
    }

    @Test
    void theAugmentedImageHasTheRawImagesHeaderAndTheStackReadsTheRawRenderByDefault() throws Exception {
        RosSink sink = sink(ImageAugmentation.PRIMARY_RAW);
        CameraFrame f = TestImages.frame("front", 5, 166_666_666L, W, H, 3);
        AugmentedFrame a = Augmentations.inverted(f, Outcome.AUGMENTED);
        sink.accept(f);
        sink.accept(a);
        byte[] raw = bytes(graph.published.get("/camera/image_raw").get(0));
        byte[] aug = bytes(graph.published.get("/camera/image_augmented").get(0));
        byte[] primary = bytes(graph.published.get("/camera/image").get(0));
        int head = headBytes(f.frameId());
        assertEquals(head + 3 * W * H, aug.length);
        // Byte for byte the same head (seq, stamp, frame_id, size, encoding, step): only the pixels differ.
        assertTrue(Arrays.equals(raw, 0, head, aug, 0, head), "the augmented image's head is the raw image's");
        assertTrue(Arrays.equals(aug, head, aug.length, a.rgb8(), 0, a.rgb8().length), "the augmented pixels");
        assertTrue(Arrays.equals(raw, head, raw.length, f.image().rgbData(), 0, f.image().rgbData().length), "image_raw stays the raw render");
        assertTrue(Arrays.equals(primary, raw), "primary raw: /camera/image is the raw render");
        assertEquals(1, graph.published.get("/camera/image").size(), "one primary image per frame");
        byte[] infoBody = bytes(graph.published.get("/camera/image_augmented/info").get(0));
        assertEquals(infoBody.length - 4, java.nio.ByteBuffer.wrap(infoBody).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0), "std_msgs/String: uint32 length");
        String info = new String(infoBody, 4, infoBody.length - 4, StandardCharsets.UTF_8);
        assertTrue(info.startsWith("{\"stream\":\"front\",\"seq\":5,\"stamp_nanos\":166666666,\"stamp\":{\"secs\":0,\"nsecs\":166666666},"
                + "\"frame_id\":\"front_optical\",\"outcome\":\"AUGMENTED\",\"primary\":false,"), info);
        assertTrue(info.contains("\"parameters\":{\"fog.visibility_m\":150.0,\"noise.full_well_e\":\"inf\"}"), info);
    }

    @Test
    void primaryAugmentedPutsTheAugmentedPixelsOnCameraImage() throws Exception {
        RosSink sink = sink(ImageAugmentation.PRIMARY_AUGMENTED);
        CameraFrame f = TestImages.frame("front", 0, 33_333_333L, W, H, 1);
        AugmentedFrame a = Augmentations.inverted(f, Outcome.AUGMENTED);
        sink.accept(f);
        assertTrue(graph.published.get("/camera/image").isEmpty(), "the primary image waits for the augmented frame");
        sink.accept(a);
        byte[] primary = bytes(graph.published.get("/camera/image").get(0));
        byte[] aug = bytes(graph.published.get("/camera/image_augmented").get(0));
        byte[] raw = bytes(graph.published.get("/camera/image_raw").get(0));
        assertTrue(Arrays.equals(primary, aug), "primary augmented: /camera/image is the augmented image");
        assertFalse(Arrays.equals(primary, raw));
        String info = new String(bytes(graph.published.get("/camera/image_augmented/info").get(0)), StandardCharsets.UTF_8);
        assertTrue(info.contains("\"primary\":true"), info);
    }

    @Test
    void withoutAugmentationTheStackReadsTheRawRenderAndNoAugmentedTopicExists() throws Exception {
        RosSink sink = sink(ImageAugmentation.NONE);
        CameraFrame f = TestImages.frame("front", 0, 1, W, H, 1);
        sink.accept(f);
        assertFalse(graph.adverts.containsKey("/camera/image_augmented"));
        assertFalse(graph.adverts.containsKey("/camera/image_augmented/info"));
        assertTrue(Arrays.equals(bytes(graph.published.get("/camera/image").get(0)), bytes(graph.published.get("/camera/image_raw").get(0))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink.accept(Augmentations.inverted(f, Outcome.AUGMENTED)));
        assertTrue(e.getMessage().contains("augmentation is NONE"), e.getMessage());
    }

    @Test
    void diagnosticsCountTheOutcomesAndWarnWhenFramesWentOutRaw() throws Exception {
        RosSink sink = sink(ImageAugmentation.PRIMARY_RAW);
        CameraFrame f0 = TestImages.frame("front", 0, 0, W, H, 1);
        sink.accept(f0); // the first sample publishes diagnostics: nothing counted yet
        sink.accept(Augmentations.inverted(f0, Outcome.AUGMENTED));
        CameraFrame f1 = TestImages.frame("front", 1, 1_000_000_000L, W, H, 2);
        sink.accept(f1); // a sim second later: the second diagnostics message
        String second = new String(bytes(graph.published.get("/diagnostics").get(1)), StandardCharsets.UTF_8);
        assertTrue(second.contains("hilbridge: augmentation front") && second.contains("1 frames augmented"), second);
        sink.accept(Augmentations.inverted(f1, Outcome.LATE));
        sink.accept(TestImages.frame("front", 2, 2_000_000_000L, W, H, 3));
        ByteBuf third = graph.published.get("/diagnostics").get(2);
        String text = new String(bytes(third), StandardCharsets.UTF_8);
        assertTrue(text.contains("1 frames went out raw (rejected, late or failed) of 2"), text);
        assertNotEquals(-1, text.indexOf("late"));
    }
}
