package org.hilbridge.augment.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.AugmentedPixels;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.sim.pool.Pool;
import org.hilbridge.sim.pool.Pooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stages' holds on pooled memory (AugmentStage; CameraFrame's rule): the real-time stage holds a submitted
 * frame's image while its worker reads it, even after the frame went out LATE; a frame sent raw holds the raw
 * image; an augmented frame holds its pixels, which the augmenter writes again only once every holder let them
 * go; a result thrown away gives its buffer back. The raw images here are a test's pooled stand-ins (the counts
 * are sim-core's), the backend is RealtimeAugmentStageTest's slow one and the clock is the test's.
 */
@Timeout(30)
class AugmentStageHoldsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RealtimeAugmentStageTest.SlowBackend backend = new RealtimeAugmentStageTest.SlowBackend();
    private final List<AugmentStage> stages = new ArrayList<>();
    private final Pool<Image> images = new Pool<>("test image", Image::new, 1);
    private final ParameterSet params = backend.space().identity();

    /** Stands for a camera's pooled image: what an AugmentInput's arrays belong to. */
    private static final class Image extends Pooled<Image> {
        Image(Pool<Image> pool) {
            super(pool);
        }

        @Override
        protected String describe() {
            return "test image";
        }
    }

    @AfterEach
    void close() {
        backend.permits.release(1000);
        stages.forEach(AugmentStage::close);
    }

    private RealtimeAugmentStage realtime(Augmenter augmenter) {
        RealtimeAugmentStage s = new RealtimeAugmentStage(augmenter, RealtimeAugmentStageTest.PERIOD, 4, now::get);
        stages.add(s);
        return s;
    }

    private Augmenter augmenter() {
        return new Augmenter(backend, new GroundingGate(GateThresholds.DEFAULT), 1);
    }

    /** Frame {@code sequence}'s channels, owned by {@code image} (the caller's hold). */
    private static AugmentInput pooled(long sequence, Image image) {
        AugmentInput f = RealtimeAugmentStageTest.frame(sequence);
        return new AugmentInput(f.streamId(), f.sequence(), f.captureNanos(), f.frameId(), f.width(), f.height(), f.rgb8(), f.rangeM(),
                f.depthM(), f.semantic(), f.normals(), f.fxPx(), f.fyPx(), f.cxPx(), f.cyPx(), f.scene(), image);
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            Thread.sleep(1);
        }
    }

    @Test
    void theWorkerHoldsTheRawImageUntilItIsDoneEvenAfterTheFrameWentOutLate() throws Exception {
        Augmenter augmenter = augmenter();
        RealtimeAugmentStage s = realtime(augmenter);
        Image image = images.acquire();
        s.submit(pooled(0, image), params);
        assertEquals(3, image.holders(), "the caller's, the frame's place in the order, the worker's");
        image.release(); // the camera has published it and lets go
        await(() -> backend.started.get() == 1);
        now.addAndGet(RealtimeAugmentStageTest.PERIOD);
        List<AugmentedFrame> out = new ArrayList<>();
        assertEquals(1, s.poll(out::add));
        AugmentedFrame late = out.get(0);
        assertEquals(Outcome.LATE, late.outcome());
        assertSame(image, late.owner(), "sent with the raw pixels: it holds the raw image");
        assertEquals(2, image.holders(), "the LATE frame's and the worker's, still reading");
        late.release();
        assertEquals(1, image.holders(), "the worker still reads the raw image: it is not rendered into");
        assertEquals(0, images.available());
        backend.permits.release();
        await(() -> image.holders() == 0);
        assertEquals(1, images.available(), "the worker done, the image is back");
        assertEquals(0, augmenter.pixelsMadeBeyondPool(), "the result thrown away gave its buffer back");
    }

    @Test
    void anAugmentedFrameHoldsItsPixelsAndNotTheRawImage() throws Exception {
        Augmenter augmenter = augmenter();
        RealtimeAugmentStage s = realtime(augmenter);
        List<AugmentedFrame> out = new ArrayList<>();
        List<AugmentedFrame> kept = new ArrayList<>();
        List<byte[]> keptCopies = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            Image image = images.acquire();
            s.submit(pooled(k, image), params);
            image.release();
            backend.permits.release();
            int handed = k + 1;
            while (out.size() < handed) {
                s.poll(out::add);
                Thread.sleep(1);
            }
            AugmentedFrame f = out.get(k);
            assertEquals(Outcome.AUGMENTED, f.outcome());
            assertNotSame(image, f.owner());
            assertTrue(f.owner() instanceof AugmentedPixels && f.owner().pooled());
            await(() -> image.holders() == 0); // the worker's hold goes once it is done: the raw image is free
            if (k % 4 == 0) {
                kept.add(f); // a consumer keeps every fourth frame (with the hold it came with)
                keptCopies.add(f.rgb8().clone());
            } else {
                f.release();
            }
        }
        assertEquals(1, images.created(), "one raw image served every frame");
        // Four buffers in the pool: three kept frames hold three, the other frames took turns in the rest.
        assertEquals(0, augmenter.pixelsMadeBeyondPool());
        for (int i = 0; i < kept.size(); i++) {
            assertArrayEquals(keptCopies.get(i), kept.get(i).rgb8(), "kept frame " + i + " unchanged");
            kept.get(i).release();
        }
        IllegalStateException twice = assertThrows(IllegalStateException.class, kept.get(0)::release);
        assertTrue(twice.getMessage().contains("released once more"), twice.getMessage());
    }

    @Test
    void aSynchronousStageReadsDuringSubmitAndHandsOutOneHold() {
        SynchronousAugmentStage s = new SynchronousAugmentStage(augmenter());
        stages.add(s);
        backend.permits.release(2);
        Image image = images.acquire();
        s.submit(pooled(0, image), params);
        assertEquals(1, image.holders(), "the frame was read during submit: the stage keeps no hold on it");
        backend.failOnSequence = 1;
        image.release();
        Image second = images.acquire();
        assertSame(image, second, "the first image is free again");
        s.submit(pooled(1, second), params);
        List<AugmentedFrame> out = new ArrayList<>();
        assertEquals(2, s.poll(out::add));
        assertEquals(Outcome.FAILED, out.get(1).outcome());
        assertSame(second, out.get(1).owner(), "a FAILED frame carries and holds the raw image");
        second.release();
        assertEquals(1, second.holders());
        out.get(1).release();
        assertEquals(1, images.available());
        out.get(0).release();
    }
}
