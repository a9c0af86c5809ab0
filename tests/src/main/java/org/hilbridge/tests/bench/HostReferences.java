package org.hilbridge.tests.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The host's own tail beside a benchmark's frames: {@link FixedWork} of each kind, lasting the frames' CPU p50, timed
 * as many times as the frames, between them. Run in blocks, {@value #BLOCK} runs of each after every {@value #BLOCK}
 * frames: the host's bursts last seconds (tens of frames), so a block (0.1-0.2 s) sees the same minutes as its frames,
 * and only one frame in {@value #BLOCK} follows the stream from memory, whose 128 MB evict the frames' rows and tables
 * from the caches (run after every frame, it put the full chain's p50 0.15 ms up: augment/PERFORMANCE.md).
 */
final class HostReferences {
    static final int BLOCK = 20;

    /** One kind's wall times in milliseconds, sorted ascending, and the CPU time it was calibrated to last. */
    record Tail(FixedWork.Kind kind, double lastingMs, double[] wall) {
    }

    private final List<FixedWork> works = new ArrayList<>();
    private final double[][] wall;

    private HostReferences(List<FixedWork> works, int frames) {
        this.works.addAll(works);
        this.wall = new double[works.size()][frames];
    }

    /** Every kind of fixed work lasting {@code lastingMs}, for {@code frames} frames. */
    static HostReferences lasting(double lastingMs, int frames) {
        List<FixedWork> works = new ArrayList<>();
        for (FixedWork.Kind kind : FixedWork.Kind.values()) {
            works.add(FixedWork.lasting(kind, lastingMs));
        }
        return new HostReferences(works, frames);
    }

    /** No reference: {@link #afterFrame} does nothing, {@link #tails} is empty. */
    static HostReferences none() {
        return new HostReferences(List.of(), 0);
    }

    /** After frame k of {@code frames}: at the end of a block, each kind timed once for each of the block's frames. */
    void afterFrame(int k, int frames) {
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
}
