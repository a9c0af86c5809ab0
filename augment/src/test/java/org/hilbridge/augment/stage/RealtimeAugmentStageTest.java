package org.hilbridge.augment.stage;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.augment.AugmentBackend;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.SceneContext;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.param.ParameterSpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real-time stage with a deliberately slow backend: it finishes a frame only when the test releases a
 * permit, and the stage's clock is the test's, so "late" is decided by the test, not by the machine's speed.
 */
@Timeout(30)
class RealtimeAugmentStageTest {
    static final long PERIOD = 33_333_333L;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SlowBackend backend = new SlowBackend();
    private final List<AugmentStage> stages = new ArrayList<>();

    /** Copies the raw pixels (so the gate passes) once a permit is released; throws on request. */
    static final class SlowBackend implements AugmentBackend {
        final Semaphore permits = new Semaphore(0);
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile long failOnSequence = -1;

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public String modelHash() {
            return "0";
        }

        @Override
        public ParameterSpace space() {
            return new ParameterSpace(List.of());
        }

        @Override
        public void augment(AugmentInput in, ParameterSet params, long seed, byte[] out) {
            started.incrementAndGet();
            try {
                if (!permits.tryAcquire(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released the frame");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (in.sequence() == failOnSequence) {
                throw new IllegalStateException("deliberate failure");
            }
            System.arraycopy(in.rgb8(), 0, out, 0, out.length);
            finished.incrementAndGet();
        }
    }

    private RealtimeAugmentStage stage(int capacity) {
        RealtimeAugmentStage s = new RealtimeAugmentStage(new Augmenter(backend, new GroundingGate(GateThresholds.DEFAULT), 1), PERIOD, capacity, now::get);
        stages.add(s);
        return s;
    }

    @AfterEach
    void close() {
        backend.permits.release(1000);
        stages.forEach(AugmentStage::close);
    }

    static AugmentInput frame(long sequence) {
        int w = 16, h = 12, n = w * h;
        byte[] rgb = new byte[3 * n];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7 + sequence);
        }
        return new AugmentInput("front", sequence, 5_000_000L * sequence + 17, "front_optical", w, h, rgb, new float[n], new float[n], new byte[n],
                new float[3 * n], 10, 10, 7.5, 5.5, SceneContext.STILL_DAYLIGHT);
    }

    private static void awaitStarted(SlowBackend b, int count) throws InterruptedException {
        while (b.started.get() < count) {
            Thread.sleep(1);
        }
    }

    /** Polls (the test's clock standing still, so nothing turns late) until {@code count} frames are out. */
    /**
     * Waits until the backend has started {@code count} frames and the stage's worker ("augment") is parked
     * again on its queue (TIMED_WAITING), i.e. the last of them has its result.
     */
    private static void awaitWorkerIdle(List<Long> computed, int count) throws InterruptedException {
        while (computed.size() < count || Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("augment") && t.isAlive() && t.getState() != Thread.State.TIMED_WAITING)) {
            Thread.sleep(1);
        }
    }

    private static void pollUntil(AugmentStage s, List<AugmentedFrame> out, int count) throws InterruptedException {
        while (out.size() < count) {
            s.poll(out::add);
            Thread.sleep(1);
        }
    }

    private static void awaitFinished(SlowBackend b, int count) throws InterruptedException {
        while (b.finished.get() < count) {
            Thread.sleep(1);
        }
    }

    @Test
    void aResultPastItsDeadlineIsReplacedByTheRawFrameFlaggedAndCountedAndTheCallerNeverWaits() throws Exception {
        RealtimeAugmentStage s = stage(4);
        ParameterSet p = backend.space().identity();
        AugmentInput f0 = frame(0);
        s.submit(f0, p);              // returns although the backend holds the frame until released
        awaitStarted(backend, 1);
        List<AugmentedFrame> out = new ArrayList<>();
        assertEquals(0, s.poll(out::add), "before the deadline nothing is handed out");
        now.addAndGet(PERIOD);        // the deadline passes with the backend still busy
        assertEquals(1, s.poll(out::add));
        AugmentedFrame late = out.get(0);
        assertEquals(Outcome.LATE, late.outcome());
        assertSame(f0.rgb8(), late.rgb8());
        assertEquals(f0.captureNanos(), late.captureNanos());
        assertEquals(0, late.sequence());
        assertEquals(1, s.stats().late());
        backend.permits.release();    // the late result arrives and is thrown away
        awaitFinished(backend, 1);
        assertEquals(0, s.poll(out::add));
        assertEquals(1, out.size());
    }

    @Test
    void framesLeaveInOrderWithTheirOwnStampsWhetherOnTimeOrLate() throws Exception {
        RealtimeAugmentStage s = stage(8);
        ParameterSet p = backend.space().identity();
        List<AugmentedFrame> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            s.submit(frame(i), p);
        }
        backend.permits.release(2);               // frames 0 and 1 finish in time (the clock stands still meanwhile)
        pollUntil(s, out, 2);
        now.addAndGet(PERIOD);                    // 2 .. 5 miss their deadline
        s.poll(out::add);
        assertEquals(6, out.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(i, out.get(i).sequence());
            assertEquals(frame(i).captureNanos(), out.get(i).captureNanos());
            assertEquals(i < 2 ? Outcome.AUGMENTED : Outcome.LATE, out.get(i).outcome(), "frame " + i);
        }
        assertEquals(2, s.stats().augmented());
        assertEquals(4, s.stats().late());
        assertEquals(4.0 / 6, s.stats().deadlineMissRate(), 1e-12);
    }

    @Test
    void expireHandsOutEveryFrameAtOnceReadyResultsAsTheyAreTheRestLateBeforeTheirDeadline() throws Exception {
        RealtimeAugmentStage s = stage(4);
        ParameterSet p = backend.space().identity();
        List<AugmentedFrame> out = new ArrayList<>();
        AugmentInput f1 = frame(1);
        s.submit(frame(0), p);
        s.submit(f1, p);
        backend.permits.release(1);               // frame 0 finishes; frame 1 is still with the backend
        awaitFinished(backend, 1);
        awaitStarted(backend, 2);
        assertEquals(2, s.expire(out::add), "the clock stands still: no deadline has passed, yet every frame goes out");
        assertEquals(List.of(Outcome.AUGMENTED, Outcome.LATE), out.stream().map(AugmentedFrame::outcome).toList());
        assertEquals(List.of(0L, 1L), out.stream().map(AugmentedFrame::sequence).toList());
        assertSame(f1.rgb8(), out.get(1).rgb8(), "the late frame carries the raw pixels");
        assertEquals(1, s.stats().late());
        backend.permits.release(1);               // frame 1's result comes after all and is thrown away
        awaitFinished(backend, 2);
        assertEquals(0, s.poll(out::add));
        assertEquals(0, s.expire(out::add));
        assertEquals(2, out.size());
    }

    @Test
    void framesThatEvenTheFastestRecentFrameCouldNotFinishInTimeAreNotComputedButEveryEighthIs() throws Exception {
        // A backend that takes two frame periods of the test's clock on every frame: each result would come a
        // period after its deadline.
        List<Long> computed = java.util.Collections.synchronizedList(new ArrayList<>());
        AugmentBackend twoPeriods = new AugmentBackend() {
            @Override
            public String name() {
                return "two-periods";
            }

            @Override
            public String modelHash() {
                return "0";
            }

            @Override
            public ParameterSpace space() {
                return new ParameterSpace(List.of());
            }

            @Override
            public void augment(AugmentInput in, ParameterSet params, long seed, byte[] out) {
                computed.add(in.sequence());
                now.addAndGet(2 * PERIOD);
                System.arraycopy(in.rgb8(), 0, out, 0, out.length);
            }
        };
        RealtimeAugmentStage s = new RealtimeAugmentStage(new Augmenter(twoPeriods, new GroundingGate(GateThresholds.DEFAULT), 1), PERIOD, 16, now::get);
        stages.add(s);
        ParameterSet p = twoPeriods.space().identity();
        List<AugmentedFrame> out = new ArrayList<>();
        s.submit(frame(0), p);                    // nothing measured yet: computed
        // Hand out only once the worker is done: a poll while it computes would see the test clock already past
        // the deadline and send the frame raw (the backend moves the clock on as it works).
        awaitWorkerIdle(computed, 1);
        pollUntil(s, out, 1);
        for (int i = 1; i <= 9; i++) {
            s.submit(frame(i), p);                // 1 .. 8 hopeless: left; 9: the probe, computed
        }
        awaitWorkerIdle(computed, 2);
        now.addAndGet(PERIOD);                    // every deadline passes
        pollUntil(s, out, 10);
        assertEquals(List.of(0L, 9L), computed);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, out.get(i).sequence());
            assertEquals(i == 0 || i == 9 ? Outcome.AUGMENTED : Outcome.LATE, out.get(i).outcome(), "frame " + i);
        }
    }

    @Test
    void aFullQueueSendsTheNewFrameRawAtOnce() throws Exception {
        RealtimeAugmentStage s = stage(1);
        ParameterSet p = backend.space().identity();
        s.submit(frame(0), p);
        awaitStarted(backend, 1);                 // the worker holds frame 0
        s.submit(frame(1), p);                    // waits in the queue (capacity 1)
        s.submit(frame(2), p);                    // no room: raw, late, at once
        List<AugmentedFrame> out = new ArrayList<>();
        backend.permits.release(2);
        pollUntil(s, out, 3);
        assertEquals(List.of(Outcome.AUGMENTED, Outcome.AUGMENTED, Outcome.LATE), out.stream().map(AugmentedFrame::outcome).toList());
    }

    @Test
    void aFailingBackendGivesTheRawFrameFlaggedFailed() throws Exception {
        RealtimeAugmentStage s = stage(4);
        backend.failOnSequence = 1;
        s.submit(frame(0), backend.space().identity());
        s.submit(frame(1), backend.space().identity());
        backend.permits.release(2);
        List<AugmentedFrame> out = new ArrayList<>();
        s.drain(out::add);
        assertEquals(List.of(Outcome.AUGMENTED, Outcome.FAILED), out.stream().map(AugmentedFrame::outcome).toList());
        assertEquals(1, s.stats().failed());
    }

    @Test
    void theSynchronousStageWaitsForEveryResult() {
        backend.permits.release(5);
        try (SynchronousAugmentStage s = new SynchronousAugmentStage(new Augmenter(backend, new GroundingGate(GateThresholds.DEFAULT), 1))) {
            List<AugmentedFrame> out = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                s.submit(frame(i), backend.space().identity());
                now.addAndGet(10 * PERIOD);       // no clock makes a synchronous stage give up
            }
            s.drain(out::add);
            assertEquals(5, out.size());
            assertTrue(out.stream().allMatch(f -> f.outcome() == Outcome.AUGMENTED));
            assertEquals(5, s.stats().augmented());
        }
    }
}
