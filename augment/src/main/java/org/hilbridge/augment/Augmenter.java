package org.hilbridge.augment;

import java.util.Objects;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.sim.pool.Pool;

/**
 * One frame through a backend and the grounding gate, on the calling thread: the augmented pixels if they pass
 * the gate, otherwise the raw pixels flagged {@link Outcome#REJECTED} (or {@link Outcome#FAILED} when the
 * backend throws). The frame's seed is derived from the run's seed, the stream and the sequence, so a frame's
 * output does not depend on which frames came before it or on which thread ran it.
 *
 * <p>The augmented pixels are written into {@link AugmentedPixels} from this augmenter's own pool (issue 7: a new
 * array per frame is 2.8 MB at 1280 x 720), made for the size of the first frame (a frame of another size starts a
 * new pool); a buffer is written again only once every holder of the frame it went out in has let it go. One
 * thread at a time calls {@link #apply} (as the backend requires).
 */
public final class Augmenter implements AutoCloseable {
    /**
     * Pixel buffers made with the pool: one being written, and three for the transports still sending earlier
     * frames (as the camera's image pool; a pool that runs empty makes another, counted).
     */
    public static final int POOLED_PIXELS = 4;
    private final AugmentBackend backend;
    private final GroundingGate gate;
    private final long runSeed;
    /** The output buffers for frames of {@code pixels}'s size; null before the first frame. Written by apply's thread, read by any. */
    private volatile Pool<AugmentedPixels> pixels;
    /** The size of {@code pixels}'s buffers, bytes; apply's thread only. */
    private int pixelsBytes;

    public Augmenter(AugmentBackend backend, GroundingGate gate, long runSeed) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.runSeed = runSeed;
    }

    public AugmentBackend backend() {
        return backend;
    }

    /** The seed of frame {@code sequence} of {@code streamId}: SplitMix64's finaliser over the three (Steele, Lea, Flood, OOPSLA 2014). */
    public long frameSeed(String streamId, long sequence) {
        long h = runSeed * 0x9E3779B97F4A7C15L + streamId.hashCode();
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L + sequence;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /**
     * {@code in} through the backend and the gate. Reads {@code in} during the call only. The frame returned comes
     * with one hold, the caller's (AugmentedFrame): on its pooled pixels when AUGMENTED, on the raw frame's image
     * otherwise; the caller releases it once it has handed the frame on (one that never does only makes garbage:
     * the pool makes another buffer, counted in {@link #pixelsMadeBeyondPool()}).
     */
    public AugmentedFrame apply(AugmentInput in, ParameterSet params) {
        long seed = frameSeed(in.streamId(), in.sequence());
        Provenance provenance = new Provenance(backend.name(), backend.modelHash(), params.asMap(), seed);
        AugmentedPixels out = outputFor(in.rgb8().length);
        try {
            backend.augment(in, params, seed, out.rgb8());
        } catch (RuntimeException e) {
            out.release();
            return AugmentedFrame.raw(in, Outcome.FAILED, provenance, GroundingScores.NOT_MEASURED);
        }
        GroundingScores scores;
        try {
            scores = gate.score(in.width(), in.height(), in.rgb8(), out.rgb8(), in.semantic());
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        if (!gate.passes(scores)) {
            out.release();
            return AugmentedFrame.raw(in, Outcome.REJECTED, provenance, scores);
        }
        return new AugmentedFrame(in.streamId(), in.sequence(), in.captureNanos(), in.frameId(), in.width(), in.height(),
                out.rgb8(), Outcome.AUGMENTED, provenance, scores, out);
    }

    /** A buffer of {@code bytes} no one holds, with the caller's hold; a new pool when the frame size changed. */
    private AugmentedPixels outputFor(int bytes) {
        Pool<AugmentedPixels> p = pixels;
        if (p == null || pixelsBytes != bytes) {
            p = new Pool<>("augmented pixels", pool -> new AugmentedPixels(bytes, pool), POOLED_PIXELS);
            pixels = p;
            pixelsBytes = bytes;
        }
        return p.acquire();
    }

    /** Output buffers made because every pooled one was still held (0 when the frames' holders let go in time). */
    public long pixelsMadeBeyondPool() {
        Pool<AugmentedPixels> p = pixels;
        return p == null ? 0 : p.createdWhenEmpty();
    }

    @Override
    public void close() throws Exception {
        backend.close();
    }
}
