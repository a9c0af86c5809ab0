package org.hilbridge.augment.stage;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.GroundingScores;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.Provenance;
import org.hilbridge.augment.param.ParameterSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real-time discipline: frames are augmented on a worker thread of the stage's own, each with a deadline
 * ({@code deadlineNanos} after its submission, by default one frame period); a frame whose result is not
 * ready by then goes out raw, flagged {@link Outcome#LATE} and counted, and its result is thrown away when it
 * comes. Frames leave in submission order with their own stamps: a later frame's result waits for the
 * earlier frame's (result or deadline). Nothing blocks the caller: {@link #submit} only enqueues (when
 * {@code capacity} frames are already waiting it sends the new one raw and LATE at once), {@link #poll} only
 * looks. The worker skips frames already past their deadline, so a backlog drains instead of growing, and
 * frames that even the fastest of the last 8 frames would not finish in time (every 8th of those is computed
 * anyway, to measure again): on an overloaded machine the cores go to the simulation, not to results that
 * would be thrown away.
 *
 * <p>Single caller: submit and poll are called from one thread (the simulation thread); the worker is the
 * only other thread.
 *
 * <p>Holds (CameraFrame's rule; issue 7's pooled images): the worker reads a frame after {@link #submit} has
 * returned, so submit takes two holds on the frame's image, one for its place in the order (given up when its
 * result is handed out) and one for the worker (given up when the worker is done with it, or skips it); a frame
 * handed out comes with its own hold (AugmentStage), on the augmented pixels or, sent raw, on the raw image. A result
 * thrown away gives its hold back at once.
 */
public final class RealtimeAugmentStage implements AugmentStage {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeAugmentStage.class);

    private final Augmenter augmenter;
    private final long deadlineNanos;
    private final int capacity;
    private final LongSupplier clock;
    private final ArrayDeque<Pending> inOrder = new ArrayDeque<>();
    private final LinkedBlockingQueue<Pending> work = new LinkedBlockingQueue<>();
    private final StageStats stats = new StageStats();
    private final Thread worker;
    private volatile boolean closed;
    /** Worker only: how long the last frames took (a ring), and how many frames in a row were left as hopeless. */
    private static final int RECENT = 8;
    private static final int PROBE_EVERY = 8;
    private final long[] recentNanos = new long[RECENT];
    private int recentNext;
    private int recentCount;
    private int hopelessInARow;

    /** A frame in flight: its result slot is taken once, by the worker's result or by the deadline's raw frame. */
    private static final class Pending {
        final AugmentInput input;
        final ParameterSet params;
        final long deadline;
        final AtomicReference<AugmentedFrame> result = new AtomicReference<>();

        Pending(AugmentInput input, ParameterSet params, long deadline) {
            this.input = input;
            this.params = params;
            this.deadline = deadline;
        }
    }

    /**
     * @param deadlineNanos how long after submission a frame's result may arrive, &gt; 0
     * @param capacity      frames waiting for the worker at most, &gt;= 1
     * @param clock         monotonic nanoseconds (System::nanoTime; tests pass their own)
     */
    public RealtimeAugmentStage(Augmenter augmenter, long deadlineNanos, int capacity, LongSupplier clock) {
        if (deadlineNanos <= 0) {
            throw new IllegalArgumentException("augment.deadline_ms = " + deadlineNanos / 1e6 + " is not allowed: it must be > 0");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("augment.queue_capacity = " + capacity + " is not allowed: it must be >= 1");
        }
        this.augmenter = Objects.requireNonNull(augmenter, "augmenter");
        this.deadlineNanos = deadlineNanos;
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.worker = new Thread(this::work, "augment");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void submit(AugmentInput frame, ParameterSet params) {
        Pending p = new Pending(frame.retain(), params, clock.getAsLong() + deadlineNanos); // the in-order slot's hold
        inOrder.add(p);
        if (work.size() >= capacity) {
            p.result.set(raw(p, Outcome.LATE));   // no room: raw at once, the caller never waits
        } else {
            frame.retain(); // the worker's hold: it reads the frame after this call returns
            work.add(p);
        }
    }

    @Override
    public int poll(Consumer<AugmentedFrame> out) {
        return handOut(out, false);
    }

    @Override
    public int expire(Consumer<AugmentedFrame> out) {
        return handOut(out, true);
    }

    /** Hands out the head frames in order while each has a result, or is past its deadline (or all are, with {@code all}): raw and LATE then. */
    private int handOut(Consumer<AugmentedFrame> out, boolean all) {
        int n = 0;
        long now = clock.getAsLong();
        while (!inOrder.isEmpty()) {
            Pending head = inOrder.peek();
            AugmentedFrame f = head.result.get();
            if (f == null && (all || now - head.deadline >= 0)) {
                AugmentedFrame late = raw(head, Outcome.LATE);
                if (head.result.compareAndSet(null, late)) {
                    f = late;
                } else {
                    late.release(); // the worker's result came meanwhile
                    f = head.result.get();
                }
            }
            if (f == null) {
                break;
            }
            inOrder.poll();
            head.input.release(); // the slot's hold: f holds what it carries
            stats.add(f.outcome());
            out.accept(f);
            n++;
        }
        return n;
    }

    @Override
    public int drain(Consumer<AugmentedFrame> out) throws InterruptedException {
        int n = 0;
        while (!inOrder.isEmpty()) {
            n += poll(out);
            if (!inOrder.isEmpty()) {
                Thread.sleep(0, 200_000);
            }
        }
        return n;
    }

    @Override
    public StageStats stats() {
        return stats;
    }

    private void work() {
        while (!closed) {
            Pending p;
            try {
                p = work.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (p == null) {
                continue;
            }
            try {
                work(p);
            } finally {
                p.input.release(); // the worker's hold, taken in submit
            }
        }
    }

    /** The worker with one frame: its result, unless it was sent raw already or cannot make its deadline. */
    private void work(Pending p) {
        if (p.result.get() != null) {
            return;   // already sent raw
        }
        long start = clock.getAsLong();
        if (start - p.deadline >= 0 || (start + fastestRecentNanos() - p.deadline > 0 && hopelessInARow < PROBE_EVERY)) {
            // Past its deadline, or one that even the fastest recent frame could not make: left to go out raw
            // and LATE at its deadline rather than computed for nobody, so that an overloaded machine's cores
            // go to the simulation. Every PROBE_EVERY-th such frame is computed anyway, to measure again.
            hopelessInARow += start - p.deadline >= 0 ? 0 : 1;
            return;
        }
        hopelessInARow = 0;
        AugmentedFrame f;
        try {
            f = augmenter.apply(p.input, p.params);
        } catch (RuntimeException e) {
            LOG.warn("augment: frame {} of {} failed: {}", p.input.sequence(), p.input.streamId(), e.toString());
            f = raw(p, Outcome.FAILED);
        }
        recentNanos[recentNext] = clock.getAsLong() - start;
        recentNext = (recentNext + 1) % RECENT;
        recentCount = Math.min(recentCount + 1, RECENT);
        if (!p.result.compareAndSet(null, f)) {
            f.release(); // sent raw and LATE at its deadline: this result goes to nobody
        }
    }

    /** The shortest of the last {@code RECENT} frames' times (0 before any): what a frame takes at best now. */
    private long fastestRecentNanos() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < recentCount; i++) {
            min = Math.min(min, recentNanos[i]);
        }
        return recentCount == 0 ? 0 : min;
    }

    private AugmentedFrame raw(Pending p, Outcome why) {
        long seed = augmenter.frameSeed(p.input.streamId(), p.input.sequence());
        return AugmentedFrame.raw(p.input, why, new Provenance(augmenter.backend().name(), augmenter.backend().modelHash(), p.params.asMap(), seed),
                GroundingScores.NOT_MEASURED);
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(5000);
            augmenter.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("closing the augmentation backend failed: " + e.getMessage(), e);
        }
    }
}
