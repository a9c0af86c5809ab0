package org.hilbridge.bridge.socket.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Outcome;
import org.hilbridge.bridge.link.Augmentations;
import org.hilbridge.bridge.link.ImageAugmentation;
import org.hilbridge.bridge.socket.client.ImageChannels;
import org.hilbridge.proto.v1.AugmentationOutcome;
import org.hilbridge.proto.v1.AugmentedImage;
import org.hilbridge.proto.v1.Image;
import org.hilbridge.proto.v1.ImageSource;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.StreamDescriptor;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9 on the protobuf wire: an Image frame carrying its augmented image, read back with protobuf's own
 * parseDelimitedFrom (the reference decoder): each image once, the primary one in pixels, provenance, outcome
 * and scores with it; the pixels in the frame are the arrays themselves, not copies.
 */
@Timeout(30)
class SampleEncoderAugmentTest {
    private static final long WALL = 1_700_000_000_000_000_000L;
    private final ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;

    private static Image parse(ByteBuf frame) throws Exception {
        try (ByteBufInputStream in = new ByteBufInputStream(frame.duplicate())) {
            ServerMessage m = ServerMessage.parseDelimitedFrom(in);
            assertEquals(0, in.available(), "the frame holds exactly one delimited message");
            return m.getImage();
        }
    }

    /** The heap arrays the composite frame references (wrapped components). */
    private static List<byte[]> arrays(ByteBuf frame) {
        List<byte[]> out = new ArrayList<>();
        CompositeByteBuf c = (CompositeByteBuf) frame;
        for (int i = 0; i < c.numComponents(); i++) {
            ByteBuf part = c.internalComponent(i);
            if (part.hasArray()) {
                out.add(part.array());
            }
        }
        return out;
    }

    @Test
    void primaryRawCarriesTheRawRenderInPixelsAndTheAugmentedImageInItsChannel() throws Exception {
        CameraFrame c = TestImages.frame("front", 9, 300_000_000L, 32, 24, 4);
        AugmentedFrame a = Augmentations.inverted(c, Outcome.AUGMENTED);
        ByteBuf frame = new SampleEncoder(alloc, false, true, true).encodeImage(c, a, false, WALL);
        assertTrue(arrays(frame).stream().anyMatch(x -> x == c.image().rgbData()), "raw pixels wrapped, not copied");
        assertTrue(arrays(frame).stream().anyMatch(x -> x == a.rgb8()), "augmented pixels wrapped, not copied");
        Image img = parse(frame);
        frame.release();
        assertEquals(9, img.getHeader().getSequence());
        assertEquals(300_000_000L, img.getHeader().getCaptureSimNanos());
        assertEquals(c.frameId(), img.getHeader().getFrameId());
        assertEquals(ImageSource.IMAGE_SOURCE_RAW, img.getPrimary());
        assertArrayEquals(c.image().rgbData(), img.getPixels().toByteArray());
        assertTrue(img.getRawPixels().isEmpty());
        assertEquals(4 * 32 * 24, img.getDepthMF32Le().size(), "the other channels still travel");
        AugmentedImage aug = img.getAugmented();
        assertArrayEquals(a.rgb8(), aug.getPixels().toByteArray());
        assertEquals(AugmentationOutcome.AUGMENTATION_OUTCOME_AUGMENTED, aug.getOutcome());
        assertEquals("photometric", aug.getProvenance().getBackend());
        assertEquals("ab12", aug.getProvenance().getModelSha256());
        assertEquals(77, aug.getProvenance().getSeed());
        assertEquals(150.0, aug.getProvenance().getParameterValuesOrThrow("fog.visibility_m"));
        assertEquals("150.0", aug.getProvenance().getParametersOrThrow("fog.visibility_m"));
        assertEquals(Double.POSITIVE_INFINITY, aug.getProvenance().getParameterValuesOrThrow("noise.full_well_e"));
        assertEquals(0.91, aug.getScores().getEdgeF1());
        assertEquals(0.62, aug.getScores().getBlurSsim());
        assertEquals(0.97, aug.getScores().getStructure());
        assertEquals(0.83, aug.getScores().getWorstTileStructure());
        assertEquals(0.88, aug.getScores().getBoundaryRecall());
        assertEquals(0.62, aug.getProvenance().getGroundingScore(), "the lowest score");
        assertArrayEquals(c.image().rgbData(), ImageChannels.rawPixels(img).toByteArray());
        assertArrayEquals(a.rgb8(), ImageChannels.augmentedPixels(img).toByteArray());
        assertArrayEquals(c.image().rgbData(), ImageChannels.primaryPixels(img).toByteArray());
    }

    @Test
    void primaryAugmentedPutsTheAugmentedImageInPixelsAndTheRawRenderInRawPixels() throws Exception {
        CameraFrame c = TestImages.frame("front", 2, 66_666_666L, 32, 24, 5);
        AugmentedFrame a = Augmentations.inverted(c, Outcome.AUGMENTED);
        ByteBuf frame = new SampleEncoder(alloc, false, false, false).encodeImage(c, a, true, WALL);
        Image img = parse(frame);
        frame.release();
        assertEquals(ImageSource.IMAGE_SOURCE_AUGMENTED, img.getPrimary());
        assertArrayEquals(a.rgb8(), img.getPixels().toByteArray(), "what a stack reads as its image is the augmented one");
        assertArrayEquals(c.image().rgbData(), img.getRawPixels().toByteArray());
        assertTrue(img.getAugmented().getPixels().isEmpty(), "each image is sent once");
        assertArrayEquals(a.rgb8(), ImageChannels.augmentedPixels(img).toByteArray());
        assertArrayEquals(c.image().rgbData(), ImageChannels.rawPixels(img).toByteArray());
        assertEquals(3 * 32 * 24 * 2, img.getPixels().size() + img.getRawPixels().size() + img.getAugmented().getPixels().size());
    }

    @Test
    void aLateFrameSaysSoAndItsScoresAreNotMeasured() throws Exception {
        CameraFrame c = TestImages.frame("front", 3, 1, 8, 6, 5);
        AugmentedFrame a = Augmentations.inverted(c, Outcome.LATE);
        ByteBuf frame = new SampleEncoder(alloc, true, false, false).encodeImage(c, a, false, WALL);
        Image img = parse(frame);
        frame.release();
        assertEquals(AugmentationOutcome.AUGMENTATION_OUTCOME_LATE, img.getAugmented().getOutcome());
        assertTrue(Double.isNaN(img.getAugmented().getScores().getEdgeF1()));
        assertTrue(Double.isNaN(img.getAugmented().getProvenance().getGroundingScore()));
    }

    @Test
    void anAugmentedFrameOfAnotherFrameIsRefused() {
        CameraFrame c = TestImages.frame("front", 3, 1000, 8, 6, 5);
        AugmentedFrame other = Augmentations.inverted(TestImages.frame("front", 4, 1000, 8, 6, 5), Outcome.AUGMENTED);
        SampleEncoder e = new SampleEncoder(alloc, false, false, false);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.encodeImage(c, other, false, WALL));
        assertTrue(x.getMessage().contains("front #4") && x.getMessage().contains("front #3"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.encode(other, WALL));
    }

    @Test
    void theCatalogSaysWhichCamerasAreAugmentedAndWhichImageIsPrimary() {
        StreamDescriptor none = CatalogMapping.descriptor(new org.hilbridge.bridge.link.StreamInfo("front", "camera", 30, "f", TestImages.mount(),
                TestImages.info(8, 6), null));
        StreamDescriptor aug = CatalogMapping.descriptor(new org.hilbridge.bridge.link.StreamInfo("front", "camera", 30, "f", TestImages.mount(),
                TestImages.info(8, 6), null, ImageAugmentation.PRIMARY_AUGMENTED));
        assertFalse(none.getAugmented());
        assertTrue(aug.getAugmented() && aug.getPrimaryAugmented());
    }
}
