package org.hilbridge.tests.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The host's own tail beside a benchmark's frames: {@link FixedWork} of each kind, lasting the frames' CPU p50, timed
 * as many times as the frames, between them. Run in blocks, {@value #BLOCK} runs of each after every {@value #BLOCK}
 * frames: the host's bursts last seconds (tens of frames), so a block (0.1-0.2 s) sees the same minutes as its frames,
 * and only one frame in {@value #BLOCK} follows the stream from memory, whose 128 MB evict the frames' rows and tables
 * from the caches (run after every frame, it put the full chain's p50 0.15 ms up: augment/PERFORMANCE.md).
 *
 * <p>And a probe of the core, frame by frame: {@link FixedWork.Kind#CORE} work lasting {@value #PROBE_MS} ms of CPU
 * time just before and just after every frame. A frame whose two probes both ran within {@value #QUIET_SLOWDOWN_PERCENT}
 * % of the fastest probe ran on a core of its own ({@link #quiet}); in the host's slow spells (another hardware thread
 * on the physical core) the probe runs 18-30 % slower (augment/PERFORMANCE.md). The floor is the fastest probe, not a
 * percentile, so that a run spent mostly in a spell keeps few frames rather than taking the spell for the core's
 * speed (the work is fixed: nothing makes it faster than the core). Chosen by work that is not the frame's, so the
 * frames kept are not chosen by their own times.
 */
final class HostReferences {
    static final int BLOCK = 20;
    /** The core probe's CPU time before and after each frame. */
    static final double PROBE_MS = 0.5;
    /** How much slower than the fastest probe a probe may run for its frame to count as on a quiet core. */
    static final int QUIET_SLOWDOWN_PERCENT = 10;
    /** Frames on a quiet core needed for a p99 of them (the worst of 100). */
    static final int QUIET_FRAMES_FOR_P99 = 100;

    /** One kind's wall times in milliseconds, sorted ascending, and the CPU time it was calibrated to last. */
    record Tail(FixedWork.Kind kind, double lastingMs, double[] wall) {
    }

    private final List<FixedWork> works = new ArrayList<>();
    private final double[][] wall;
    /** The core probe (null: none), and its CPU milliseconds just before and just after each frame. */
    private final FixedWork probe;
    private final double[] before;
    private final double[] after;

    private HostReferences(List<FixedWork> works, FixedWork probe, int frames) {
        this.works.addAll(works);
        this.wall = new double[works.size()][frames];
        this.probe = probe;
        this.before = new double[probe == null ? 0 : frames];
        this.after = new double[before.length];
    }

    /** Every kind of fixed work lasting {@code lastingMs}, and the core probe, for {@code frames} frames. */
    static HostReferences lasting(double lastingMs, int frames) {
        List<FixedWork> works = new ArrayList<>();
        for (FixedWork.Kind kind : FixedWork.Kind.values()) {
            works.add(FixedWork.lasting(kind, lastingMs));
        }
        return new HostReferences(works, FixedWork.lasting(FixedWork.Kind.CORE, PROBE_MS), frames);
    }

    /** The core probe alone, for {@code frames} frames: {@link #tails} is empty. */
    static HostReferences probeOnly(int frames) {
        return new HostReferences(List.of(), FixedWork.lasting(FixedWork.Kind.CORE, PROBE_MS), frames);
    }

    /** No reference: {@link #beforeFrame} and {@link #afterFrame} do nothing, {@link #tails} and {@link #quietCore} are empty. */
    static HostReferences none() {
        return new HostReferences(List.of(), null, 0);
    }

    /** Just before frame k: the core probe. */
    void beforeFrame(int k) {
        if (probe != null) {
            before[k] = probe.runCpuMs();
        }
    }

    /**
     * Just after frame k of {@code frames}: the core probe; at the end of a block, each kind timed once for each of the
     * block's frames.
     */
    void afterFrame(int k, int frames) {
        if (probe != null) {
            after[k] = probe.runCpuMs();
        }
        if ((k + 1) % BLOCK != 0 && k != frames - 1) {
            return;
        }
        for (int j = 0; j < works.size(); j++) {
            for (int i = k - k % BLOCK; i <= k; i++) {
                long t0 = System.nanoTime();
                works.get(j).run();
                wall[j][i] = (System.nanoTime() - t0) / 1e6;
            }
        }
    }

    /** Each kind's times, sorted (call after the last frame). */
    List<Tail> tails() {
        List<Tail> tails = new ArrayList<>();
        for (int j = 0; j < works.size(); j++) {
            double[] sorted = wall[j].clone();
            Arrays.sort(sorted);
            tails.add(new Tail(works.get(j).kind(), works.get(j).lastingMs(), sorted));
        }
        return tails;
    }

    /** Per frame, in order: whether it ran on a quiet core by its probes ({@link #quiet}); empty without references. */
    boolean[] quietCore() {
        return quiet(before, after, QUIET_SLOWDOWN_PERCENT / 100.0);
    }

    /**
     * Per frame: whether both its probes, before[k] and after[k], took at most (1 + slowdown) times the fastest of all
     * the probes (the core's own speed, as long as one probe saw it).
     */
    static boolean[] quiet(double[] before, double[] after, double slowdown) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("probes before and after the frames differ in count: " + before.length + " and " + after.length);
        }
        boolean[] quiet = new boolean[before.length];
        double fastest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < quiet.length; k++) {
            fastest = Math.min(fastest, Math.min(before[k], after[k]));
        }
        double limit = (1 + slowdown) * fastest;
        for (int k = 0; k < quiet.length; k++) {
            quiet[k] = before[k] <= limit && after[k] <= limit;
        }
        return quiet;
    }

    /** The values of the frames on a quiet core, sorted: inOrder[k] where quiet[k]. */
    static double[] onQuietCore(double[] inOrder, boolean[] quiet) {
        double[] kept = new double[quiet.length];
        int n = 0;
        for (int k = 0; k < quiet.length; k++) {
            if (quiet[k]) {
                kept[n++] = inOrder[k];
            }
        }
        kept = Arrays.copyOf(kept, n);
        Arrays.sort(kept);
        return kept;
    }

    /**
     * Notes the p50, p99 and worst of what the frames on a quiet core measured (sorted), with a figure {@code metric}_p99_quiet_core
     * against the target, where there are {@value #QUIET_FRAMES_FOR_P99} or more; else that there are too few.
     */
    static void reportQuietCore(BenchReport report, String bench, String metric, String what, double[] quiet, int frames, double targetMs) {
        String which = String.format(Locale.ROOT, "%s on a quiet core (the core probe, %.1f ms of work in L1, just before and just after the frame within %d %% of the "
                + "fastest probe): %d of %d frames", what, PROBE_MS, QUIET_SLOWDOWN_PERCENT, quiet.length, frames);
        if (quiet.length < QUIET_FRAMES_FOR_P99) {
            report.note(String.format(Locale.ROOT, "%s, too few for a p99 (%d needed)", which, QUIET_FRAMES_FOR_P99));
            return;
        }
        report.note(String.format(Locale.ROOT, "%s; p50 %.2f ms, p99 %.2f ms, worst %.2f ms", which, AugmentBenchmark.p(quiet, 0.5), AugmentBenchmark.p(quiet, 0.99),
                quiet[quiet.length - 1]));
        report.figure(bench, metric + "_p99_quiet_core", AugmentBenchmark.p(quiet, 0.99), "ms", "issue9_target", targetMs);
    }
}
