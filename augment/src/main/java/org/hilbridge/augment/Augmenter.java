package org.hilbridge.augment;

import java.util.Objects;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.param.ParameterSet;

/**
 * One frame through a backend and the grounding gate, on the calling thread: the augmented pixels if they pass
 * the gate, otherwise the raw pixels flagged {@link Outcome#REJECTED} (or {@link Outcome#FAILED} when the
 * backend throws). The frame's seed is derived from the run's seed, the stream and the sequence, so a frame's
 * output does not depend on which frames came before it or on which thread ran it.
 */
public final class Augmenter implements AutoCloseable {
    private final AugmentBackend backend;
    private final GroundingGate gate;
    private final long runSeed;

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

    public AugmentedFrame apply(AugmentInput in, ParameterSet params) {
        long seed = frameSeed(in.streamId(), in.sequence());
        Provenance provenance = new Provenance(backend.name(), backend.modelHash(), params.asMap(), seed);
        byte[] out = new byte[in.rgb8().length];
        try {
            backend.augment(in, params, seed, out);
        } catch (RuntimeException e) {
            return AugmentedFrame.raw(in, Outcome.FAILED, provenance, GroundingScores.NOT_MEASURED);
        }
        GroundingScores scores = gate.score(in.width(), in.height(), in.rgb8(), out, in.semantic());
        if (!gate.passes(scores)) {
            return AugmentedFrame.raw(in, Outcome.REJECTED, provenance, scores);
        }
        return new AugmentedFrame(in.streamId(), in.sequence(), in.captureNanos(), in.frameId(), in.width(), in.height(),
                out, Outcome.AUGMENTED, provenance, scores);
    }

    @Override
    public void close() throws Exception {
        backend.close();
    }
}
