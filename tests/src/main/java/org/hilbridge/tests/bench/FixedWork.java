package org.hilbridge.tests.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A fixed amount of work, calibrated to last a given time on the calling thread: the host's own tail for a workload
 * of that length, as a reference for a benchmark's per-frame p99. Every run does the same instructions on the same
 * amount of data, so on a quiet core it takes the same time, and what spreads its times is the host: interrupts and,
 * on a VM, the hypervisor taking the virtual CPU away or a neighbour on the same physical core or memory. The thread's
 * CPU time includes those (on the 2-core KVM benchmark machine /proc/stat's steal column stays flat while such work
 * spreads), so a frame's CPU time carries them too. Three kinds, since the host's tail differs by what the work waits on:
 * <ul>
 * <li>{@link Kind#ALU}: a chain of dependent multiply, add, shift and xor steps in registers (a 64-bit LCG step with
 * Knuth's MMIX constants, then an xorshift): no memory traffic, no allocation, no branch but the loop's;
 * <li>{@link Kind#CORE}: a = 0.999 a + b over two float arrays of {@value #CORE_FLOATS} floats (8 KB each, in the
 * benchmark machine's 48 KB L1): vector loads, stores, multiplies and adds at the core's throughput, no memory
 * traffic. What a second hardware thread on the same physical core takes away (on a cloud VM, another tenant's
 * virtual CPU on this one's SMT sibling: the guest cannot see it) this work loses, and the ALU chain, which waits on
 * its own latency, barely does: on the benchmark machine, in the host's slow spells, this work ran 18-30 % slower
 * and the ALU chain 1-2 % (augment/PERFORMANCE.md);
 * <li>{@link Kind#MEMORY}: the same over float arrays of {@value #STREAM_MB} MB each (twice the benchmark
 * machine's 32 MB L3), a window of them a run, the next run going on where the last stopped: a vectorised stream from
 * memory, as a frame's passes over its 22 MB of inputs are.
 * </ul>
 * Run between a benchmark's frames, it sees the same minutes of the host as they do, and never the frames' own work.
 */
final class FixedWork {
    enum Kind { ALU, CORE, MEMORY }

    /** Each memory stream array's size. */
    static final int STREAM_MB = 64;
    private static final int STREAM_FLOATS = STREAM_MB << 18;
    /** Each core stream array's length: 8 KB. */
    static final int CORE_FLOATS = 2048;
    /** Runs timed to calibrate: their median time a step. */
    private static final int CALIBRATION_RUNS = 9;
    private static final long CALIBRATION_STEPS = 1 << 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Kind kind;
    private final long steps;
    private final double lastingMs;
    private long state = 1;
    private final float[] a;
    private final float[] b;
    private int position;

    private FixedWork(Kind kind, long steps, double lastingMs, float[] a, float[] b) {
        this.kind = kind;
        this.steps = steps;
        this.lastingMs = lastingMs;
        this.a = a;
        this.b = b;
    }

    /** Work of this kind lasting about {@code ms} milliseconds of this thread's CPU time (once the JIT has compiled it). */
    static FixedWork lasting(Kind kind, double ms) {
        if (!(ms > 0)) {
            throw new IllegalArgumentException("fixed work must last a positive time, got " + ms + " ms");
        }
        int length = kind == Kind.MEMORY ? STREAM_FLOATS : CORE_FLOATS;
        float[] a = kind == Kind.ALU ? null : new float[length];
        float[] b = kind == Kind.ALU ? null : new float[length];
        if (b != null) {
            Arrays.fill(b, 1f);   // a tends to 1000: no overflow, no subnormal
        }
        FixedWork probe = new FixedWork(kind, CALIBRATION_STEPS, Double.NaN, a, b);
        for (int k = 0; k < 200; k++) {   // compiled by C2 before it is timed
            probe.run();
        }
        double[] nsPerStep = new double[CALIBRATION_RUNS];
        for (int k = 0; k < CALIBRATION_RUNS; k++) {
            nsPerStep[k] = probe.runCpuMs() * 1e6 / CALIBRATION_STEPS;
        }
        Arrays.sort(nsPerStep);
        return new FixedWork(kind, Math.max(1, Math.round(ms * 1e6 / nsPerStep[CALIBRATION_RUNS / 2])), ms, a, b);
    }

    Kind kind() {
        return kind;
    }

    /** The CPU time the work was calibrated to last, in milliseconds. */
    double lastingMs() {
        return lastingMs;
    }

    /** One run of the work (its result kept in a field or an array, so the JIT cannot drop it as dead). */
    void run() {
        if (kind == Kind.ALU) {
            state = steps(steps, state);
        } else {
            for (long left = steps; left > 0; ) {
                int n = (int) Math.min(left, a.length - position);
                stream(a, b, position, position + n);
                position = (position + n) % a.length;
                left -= n;
            }
        }
    }

    /** One run, timed: the calling thread's CPU milliseconds it took. */
    double runCpuMs() {
        long c0 = THREADS.getCurrentThreadCpuTime();
        run();
        return (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
    }

    private static long steps(long n, long x) {
        for (long i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;   // Knuth's MMIX LCG
            x ^= x >>> 29;
        }
        return x;
    }

    private static void stream(float[] a, float[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = 0.999f * a[i] + b[i];
        }
    }
}
