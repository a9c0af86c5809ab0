package org.hilbridge.augment.stage;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.param.ParameterSet;

/**
 * Fast and lockstep runs: each frame is augmented on the submitting thread before {@link #submit} returns, so
 * every frame gets its result and a run is reproducible whatever the machine's speed. The frame is read during
 * {@link #submit} only (no hold on it); its result waits for {@link #poll} with the hold it comes with.
 */
public final class SynchronousAugmentStage implements AugmentStage {
    private final Augmenter augmenter;
    private final ArrayDeque<AugmentedFrame> ready = new ArrayDeque<>();
    private final StageStats stats = new StageStats();

    public SynchronousAugmentStage(Augmenter augmenter) {
        this.augmenter = augmenter;
    }

    @Override
    public void submit(AugmentInput frame, ParameterSet params) {
        AugmentedFrame f = augmenter.apply(frame, params);
        stats.add(f.outcome());
        ready.add(f);
    }

    @Override
    public int poll(Consumer<AugmentedFrame> out) {
        int n = 0;
        while (!ready.isEmpty()) {
            out.accept(ready.poll());
            n++;
        }
        return n;
    }

    @Override
    public int expire(Consumer<AugmentedFrame> out) {
        return poll(out);   // every result is ready
    }

    @Override
    public int drain(Consumer<AugmentedFrame> out) {
        return poll(out);
    }

    @Override
    public StageStats stats() {
        return stats;
    }

    @Override
    public void close() {
        try {
            augmenter.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the augmentation backend failed: " + e.getMessage(), e);
        }
    }
}
