package org.hilbridge.augment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntConsumer;

/**
 * Counts what a per-frame step allocates once the JIT has compiled it, by the JVM's own count of the thread's
 * allocated bytes. Until C2 has compiled a Vector API kernel, the interpreter and C1 hold every vector in an object, so
 * a frame allocates until then: frames run until one allocates less than an allowance (never reaching it within the
 * frame or time limit fails), then a number of frames is counted. The allowance covers the counter's own bookkeeping
 * and a scores record, never a frame buffer (20 KiB or more at the tests' smallest frames).
 */
public final class SteadyAllocation {
    private SteadyAllocation() {
    }

    /**
     * @param frame     one frame's work, given the frame's number (seeds differ frame to frame)
     * @param allowance bytes a steady frame may allocate
     * @param maxFrames frames allowed for the JIT to settle
     * @param maxNanos  time allowed for the JIT to settle
     * @param counted   frames counted once settled
     * @param what      what runs, for the failure's message
     * @return bytes allocated a frame over the counted frames (already asserted under the allowance)
     */
    public static long assertNothingAllocatedOnceCompiled(IntConsumer frame, long allowance, int maxFrames, long maxNanos, int counted,
            String what) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + maxNanos;
        int k = 0;
        long last;
        do {
            long b0 = mx.getCurrentThreadAllocatedBytes();
            frame.accept(k++);
            last = mx.getCurrentThreadAllocatedBytes() - b0;
        } while (last >= allowance && k < maxFrames && System.nanoTime() < deadline);
        assertTrue(last < allowance, "still " + last + " bytes allocated by frame " + k + ": C2 never compiled the allocations away: " + what);
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int j = 0; j < counted; j++) {
            frame.accept(10_000 + j);
        }
        long perFrame = (mx.getCurrentThreadAllocatedBytes() - before) / counted;
        assertTrue(perFrame < allowance, perFrame + " bytes allocated per frame: " + what);
        return perFrame;
    }
}
