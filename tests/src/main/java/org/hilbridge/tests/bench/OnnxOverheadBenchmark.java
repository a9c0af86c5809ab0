package org.hilbridge.tests.bench;

import static org.hilbridge.tests.bench.AugmentBenchmark.p;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.onnx.OnnxBackend;
import org.hilbridge.augment.onnx.OnnxModelSpec;

/**
 * The ONNX path's overhead excluding the model's compute (issue 9 target: &lt;= 2 ms at 1280x720), with identity
 * models on the CPU provider and one intra-op thread (ONNX Runtime then computes on the calling thread, so the
 * thread's CPU time holds everything).
 *
 * <p>Float models, both layouts, [0, 1], ImageNet and [-1, 1] normalisation, the ways of converting, in one JVM: frame
 * by frame, the same frame through a backend that converts in Java ({@link OnnxBackend.Conversion#JAVA}: the Vector
 * API's kernels where the JVM has the module), the default ({@link OnnxBackend.Conversion#IN_GRAPH}: each side folded
 * or in Java, whichever is cheaper), one with both sides folded into the model (IN_GRAPH_BOTH_SIDES), for NCHW also
 * one folded with ONNX Runtime's uint8 Transposes (IN_GRAPH_WITH_TRANSPOSES, the way without the Vector API), and
 * OrtSession.run of the original identity model alone, the order shuffled from frame to frame. The folded
 * nodes run inside OrtSession.run, so the overhead is not "whole call minus run" there: for both ways it is
 * the whole call minus the original model's run on the same frame, in wall time and in thread CPU time. The default
 * way's overhead also over the frames that ran on a quiet core ({@link HostReferences}: a probe of the core just
 * before and just after each frame's calls), beside every frame's.
 * Besides: the uint8 NHWC identity model (no conversion at all; whole call minus its run).
 *
 * <p>The backend's call does not run the grounding gate (Augmenter does, after it): the gate has its own figure
 * in the augment benchmark.
 */
final class OnnxOverheadBenchmark implements Benchmark {
    private static final int WARMUP = 30;
    /** Frames timed per layout and normalisation: enough that the frames on a quiet core are 100 or more as a rule. */
    private static final int FRAMES = 300;

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public String description() {
        return "ONNX path overhead at 1280x720 excluding the model's compute: float NCHW / NHWC converted in Java vs folded into the model, uint8 NHWC";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        List<AugmentInput> frames = AugmentBenchmark.render();
        report.note(String.format("%d frames of %dx%d; JDK %s; %d processors; load average %s", frames.size(), frames.get(0).width(),
                frames.get(0).height(), Runtime.version(), Runtime.getRuntime().availableProcessors(), AugmentBenchmark.loadAverage()));
        measure(report, name(), frames, AugmentBenchmark.memcpyMs(frames.get(0).rgb8()));
    }

    /** The figures, printed under the benchmark name {@code bench}; the reference is a memcpy of the rgb8 frame. */
    static void measure(BenchReport report, String bench, List<AugmentInput> frames, double memcpyMs) throws Exception {
        int w = frames.get(0).width(), h = frames.get(0).height();
        String size = w + "x" + h;
        Path dir = Files.createTempDirectory("hilbridge-bench-onnx");
        try {
            Path nchw = Files.write(dir.resolve("identity.onnx"), IdentityOnnxModel.bytes(1, 3, h, w));
            Path nhwc = Files.write(dir.resolve("identity_nhwc.onnx"), IdentityOnnxModel.bytes(1, h, w, 3));
            for (Normalisation norm : Normalisation.values()) {
                floatAb(report, bench, frames, nchw, OnnxModelSpec.Layout.NCHW, norm, "onnx_overhead_" + norm.metric + size, memcpyMs);
                floatAb(report, bench, frames, nhwc, OnnxModelSpec.Layout.NHWC, norm, "onnx_overhead_nhwc_" + norm.metric + size, memcpyMs);
            }
            uint8(report, bench, frames, Files.write(dir.resolve("identity_u8.onnx"), IdentityOnnxModel.uint8(1, h, w, 3)),
                    "onnx_overhead_uint8_nhwc_" + size, memcpyMs);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The normalisations measured: [0, 1] (mean 0: one DequantizeLinear and one QuantizeLinear in the graph), ImageNet's
     * per-channel mean and std and the image-to-image GANs' [-1, 1] (mean 0.5, std 0.5): 255 x mean is not a whole code
     * (123.675..., 127.5), so no one ONNX Runtime kernel converts either way exactly.
     */
    enum Normalisation {
        UNIT("[0, 1]", "", new double[] {0, 0, 0}, new double[] {1, 1, 1}),
        IMAGENET("ImageNet", "imagenet_", new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}),
        SYMMETRIC("[-1, 1]", "symmetric_", new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5});

        final String label;
        final String metric;
        final double[] mean;
        final double[] std;

        Normalisation(String label, String metric, double[] mean, double[] std) {
            this.label = label;
            this.metric = metric;
            this.mean = mean;
            this.std = std;
        }
    }

    /** The benchmarks' identity-model spec: input "rgb", no conditioning, the CPU provider, one intra-op thread. */
    static OnnxModelSpec spec(Path model, OnnxModelSpec.Layout layout, Normalisation norm) {
        return new OnnxModelSpec(model, "rgb", Optional.empty(), Optional.empty(), Optional.empty(), layout, norm.mean, norm.std,
                1000, OnnxModelSpec.CPU, 0, 1);
    }

    /**
     * Four participants per frame (five for NCHW), in an order shuffled from frame to frame: OrtSession.run of
     * the original identity model alone (float tensors pinned to direct buffers made once: the model's compute, the
     * reference), the backend converting in Java (JAVA: with the Vector API's kernels where the JVM has the module),
     * the default backend (IN_GRAPH: each side folded into the model or converted in Java, whichever measured cheaper),
     * the backend with every float side folded in (IN_GRAPH_BOTH_SIDES; for NCHW with the uint8 planes split and merged
     * in Java by the Vector API: the default before the Java kernels, for NHWC with a mean its alternative), and for
     * NCHW the backend folded with ONNX Runtime's uint8 Transposes (IN_GRAPH_WITH_TRANSPOSES, the way without the
     * Vector API). Overhead of a way = its whole call minus the reference run of the same frame, in wall time and in
     * thread CPU time.
     */
    private static void floatAb(BenchReport report, String bench, List<AugmentInput> frames, Path model, OnnxModelSpec.Layout layout, Normalisation norm,
                                String metric, double memcpyMs) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int w = frames.get(0).width(), h = frames.get(0).height();
        long[] shape = layout == OnnxModelSpec.Layout.NCHW ? new long[] {1, 3, h, w} : new long[] {1, h, w, 3};
        boolean nchw = layout == OnnxModelSpec.Layout.NCHW;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OnnxBackend java = new OnnxBackend(spec(model, layout, norm), OnnxBackend.Conversion.JAVA);
                 OnnxBackend folded = new OnnxBackend(spec(model, layout, norm), OnnxBackend.Conversion.IN_GRAPH);
                 // every float side in the graph (for [0, 1] the same model as the default)
                 OnnxBackend graph = new OnnxBackend(spec(model, layout, norm), OnnxBackend.Conversion.IN_GRAPH_BOTH_SIDES);
                 // NCHW folded with ONNX Runtime's Transposes (for NHWC not run)
                 OnnxBackend transposed = new OnnxBackend(spec(model, layout, norm), OnnxBackend.Conversion.IN_GRAPH_WITH_TRANSPOSES);
                 OrtSession original = env.createSession(model.toString(), options);
                 OnnxTensor x = OnnxTensor.createTensor(env, floats(3 * w * h), shape);
                 OnnxTensor y = OnnxTensor.createTensor(env, floats(3 * w * h), shape)) {
                if (!graph.conversionInGraph() || !transposed.conversionInGraph()) {
                    throw new IllegalStateException("the " + layout + " identity model was not folded");
                }
                Map<String, OnnxTensor> in = Map.of("rgb", x), out = Map.of("out", y);
                // ways 0..n-2 the backends, way n-1 the original model's run alone
                OnnxBackend[] backends = nchw ? new OnnxBackend[] {java, folded, graph, transposed} : new OnnxBackend[] {java, folded, graph};
                int ways = backends.length + 1, reference = backends.length;
                byte[][] outs = new byte[backends.length][frames.get(0).rgb8().length];
                double[][] wall = new double[ways][FRAMES], cpu = new double[ways][FRAMES];
                double[][] overheadWall = new double[backends.length][FRAMES], overheadCpu = new double[backends.length][FRAMES];
                // The order of the ways is shuffled from frame to frame (seeded): every pass is memory-bound on an 11 MB
                // tensor, so what ran just before matters (the cache's state); with a fixed rotation each way always
                // followed the same other way, and two backends running the same code measured up to 0.6 ms apart.
                java.util.Random shuffle = new java.util.Random(9);
                int[] order = new int[ways];
                // The core probe around each frame's calls: the frames on a quiet core (HostReferences).
                HostReferences probe = HostReferences.probeOnly(FRAMES);
                for (int k = -WARMUP; k < FRAMES; k++) {
                    AugmentInput frame = frames.get(Math.floorMod(k, frames.size()));
                    for (int i = 0; i < ways; i++) {
                        int j = shuffle.nextInt(i + 1);
                        order[i] = order[j];
                        order[j] = i;
                    }
                    if (k >= 0) {
                        probe.beforeFrame(k);
                    }
                    for (int turn = 0; turn < ways; turn++) {
                        int way = order[turn];
                        long c0 = mx.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        if (way == reference) {
                            original.run(in, out).close();
                        } else {
                            backends[way].augment(frame, backends[way].space().identity(), k, outs[way]);
                        }
                        long t1 = System.nanoTime();
                        long c1 = mx.getCurrentThreadCpuTime();
                        if (k >= 0) {
                            wall[way][k] = (t1 - t0) / 1e6;
                            cpu[way][k] = (c1 - c0) / 1e6;
                        }
                    }
                    if (k >= 0) {
                        probe.afterFrame(k, FRAMES);
                        for (int way = 0; way < backends.length; way++) {
                            overheadWall[way][k] = wall[way][k] - wall[reference][k];
                            overheadCpu[way][k] = cpu[way][k] - cpu[reference][k];
                        }
                    }
                    for (int way = 0; way < backends.length; way++) {
                        if (!Arrays.equals(outs[way], frame.rgb8())) {
                            throw new IllegalStateException("the " + layout + " identity model did not return the frame (way " + way + " of Java, default, "
                                    + "both sides folded, folded with Transposes)");
                        }
                    }
                }
                double[] quietDefault = HostReferences.onQuietCore(overheadWall[1], probe.quietCore());
                for (double[][] m : new double[][][] {wall, cpu, overheadWall, overheadCpu}) {
                    for (double[] a : m) {
                        Arrays.sort(a);
                    }
                }
                report.note(String.format("onnx identity, float %s, %s normalisation, %d frames, the ways shuffled frame by frame in one JVM: the original model's run alone p50 "
                                + "%.2f ms (thread CPU %.2f ms; the Identity op copies the tensor); whole call converting in Java%s p50 %.2f ms (CPU %.2f ms); "
                                + "whole call by default (input %s, output %s%s) p50 %.2f ms (CPU %.2f ms); overhead = whole call - the original run: Java p50 %.2f "
                                + "ms p99 %.2f ms (CPU p50 %.2f ms), default p50 %.2f ms p99 %.2f ms (CPU p50 %.2f ms); load average %s", layout, norm.label, FRAMES,
                        p(wall[reference], 0.5), p(cpu[reference], 0.5), java.floatsWithVectorApi() ? " (Vector API kernels)" : "", p(wall[0], 0.5), p(cpu[0], 0.5),
                        folded.inputFolded() ? "folded" : "in Java", folded.outputFolded() ? "folded" : "in Java",
                        folded.planesSplitInJava() ? ", planes split and merged with the Vector API" : "", p(wall[1], 0.5), p(cpu[1], 0.5),
                        p(overheadWall[0], 0.5), p(overheadWall[0], 0.99), p(overheadCpu[0], 0.5), p(overheadWall[1], 0.5), p(overheadWall[1], 0.99),
                        p(overheadCpu[1], 0.5), AugmentBenchmark.loadAverage()));
                report.note(String.format("  both sides folded (IN_GRAPH_BOTH_SIDES, in the same frames): overhead p50 %.2f ms p99 %.2f ms (CPU p50 %.2f ms)",
                        p(overheadWall[2], 0.5), p(overheadWall[2], 0.99), p(overheadCpu[2], 0.5)));
                report.figure(bench, metric + "_p50", p(overheadWall[1], 0.5), "ms", "java_conversion", p(overheadWall[0], 0.5));
                report.figure(bench, metric + "_p99", p(overheadWall[1], 0.99), "ms", "java_conversion", p(overheadWall[0], 0.99));
                report.figure(bench, metric + "_cpu_p50", p(overheadCpu[1], 0.5), "ms", "java_conversion", p(overheadCpu[0], 0.5));
                report.figure(bench, metric + "_p50_vs_graph", p(overheadWall[1], 0.5), "ms", "graph_both_sides", p(overheadWall[2], 0.5));
                report.figure(bench, metric + "_p99_vs_graph", p(overheadWall[1], 0.99), "ms", "graph_both_sides", p(overheadWall[2], 0.99));
                report.figure(bench, metric + "_cpu_p50_vs_graph", p(overheadCpu[1], 0.5), "ms", "graph_both_sides", p(overheadCpu[2], 0.5));
                if (nchw) {
                    report.note(String.format("  folded with ONNX Runtime's uint8 Transposes (IN_GRAPH_WITH_TRANSPOSES, in the same frames): overhead p50 %.2f ms "
                            + "p99 %.2f ms (CPU p50 %.2f ms)", p(overheadWall[3], 0.5), p(overheadWall[3], 0.99), p(overheadCpu[3], 0.5)));
                    report.figure(bench, metric + "_p50_vs_transposes", p(overheadWall[1], 0.5), "ms", "ort_uint8_transposes", p(overheadWall[3], 0.5));
                    report.figure(bench, metric + "_cpu_p50_vs_transposes", p(overheadCpu[1], 0.5), "ms", "ort_uint8_transposes", p(overheadCpu[3], 0.5));
                }
                HostReferences.reportQuietCore(report, bench, metric, "  the default way's overhead", quietDefault, FRAMES, 2);
                report.figure(bench, metric + "_p50_vs_memcpy", p(overheadWall[1], 0.5), "ms", "memcpy_rgb8", memcpyMs);
                report.figure(bench, metric + "_p50_vs_target", p(overheadWall[1], 0.5), "ms", "issue9_target", 2);
            }
            OrtProfile foldedKernels = profileFolded(frames, model, layout, norm);
            OrtProfile originalKernels = profileOriginal(model, shape);
            double added = foldedKernels.totalMs() - originalKernels.totalMs();
            report.note(String.format("ONNX Runtime's profiler, float %s, %s normalisation, p50 wall time per kernel over %d runs after %d (sessions of their own, "
                            + "after the timed frames): the model with both sides folded: %s (sum %.2f ms); the original model: %s (sum %.2f ms); the folding's kernels "
                            + "add %.2f ms, the rest of that way's overhead is the copies in and out and the run's bookkeeping", layout,
                    norm.label, PROFILED, PROFILE_WARMUP, foldedKernels.describe(), foldedKernels.totalMs(),
                    originalKernels.describe(), originalKernels.totalMs(), added));
            report.figure(bench, metric + "_added_kernels_p50", added, "ms", "issue9_target", 2);
        }
    }

    private static final int PROFILE_WARMUP = 10;
    private static final int PROFILED = 40;

    /**
     * The session of the backend with both sides folded (IN_GRAPH_BOTH_SIDES: the graph's conversion kernels; the default
     * converts in Java where the JVM has the Vector API) under ONNX Runtime's profiler (its JSON in the model's
     * temporary folder).
     */
    private static OrtProfile profileFolded(List<AugmentInput> frames, Path model, OnnxModelSpec.Layout layout, Normalisation norm) throws Exception {
        try (OnnxBackend b = new OnnxBackend(spec(model, layout, norm), OnnxBackend.Conversion.IN_GRAPH_BOTH_SIDES,
                Optional.of(model.resolveSibling("profile_folded").toString()))) {
            byte[] out = new byte[frames.get(0).rgb8().length];
            for (int k = 0; k < PROFILE_WARMUP + PROFILED; k++) {
                b.augment(frames.get(k % frames.size()), b.space().identity(), k, out);
            }
            return readWithoutWarmup(b.endProfiling());
        }
    }

    /** The original model's session, as the timed reference runs it, under the profiler. */
    private static OrtProfile profileOriginal(Path model, long[] shape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int n = (int) (shape[1] * shape[2] * shape[3]);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.enableProfiling(model.resolveSibling("profile_original").toString());
            try (OrtSession original = env.createSession(model.toString(), options);
                 OnnxTensor x = OnnxTensor.createTensor(env, floats(n), shape);
                 OnnxTensor y = OnnxTensor.createTensor(env, floats(n), shape)) {
                for (int k = 0; k < PROFILE_WARMUP + PROFILED; k++) {
                    original.run(Map.of("rgb", x), Map.of("out", y)).close();
                }
                return readWithoutWarmup(Path.of(original.endProfiling()));
            }
        }
    }

    /** The profile's kernels over the runs after the warm-up (each kernel's first PROFILE_WARMUP times dropped); the file is deleted. */
    private static OrtProfile readWithoutWarmup(Path json) throws Exception {
        try {
            return OrtProfile.read(json, PROFILE_WARMUP);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    private static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static void uint8(BenchReport report, String bench, List<AugmentInput> frames, Path model, String metric, double memcpyMs) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (OnnxBackend onnx = new OnnxBackend(spec(model, OnnxModelSpec.Layout.NHWC, Normalisation.UNIT))) {
            byte[] out = new byte[frames.get(0).rgb8().length];
            double[] wall = new double[FRAMES], cpu = new double[FRAMES], run = new double[FRAMES], overhead = new double[FRAMES];
            for (int k = -WARMUP; k < FRAMES; k++) {
                AugmentInput in = frames.get(Math.floorMod(k, frames.size()));
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                onnx.augment(in, onnx.space().identity(), k, out);
                long t1 = System.nanoTime();
                long c1 = mx.getCurrentThreadCpuTime();
                if (k >= 0) {
                    wall[k] = (t1 - t0) / 1e6;
                    cpu[k] = (c1 - c0) / 1e6;
                    run[k] = onnx.lastRunNanos() / 1e6;
                    overhead[k] = wall[k] - run[k];
                }
                if (!Arrays.equals(out, in.rgb8())) {
                    throw new IllegalStateException("the uint8 identity model did not return the frame");
                }
            }
            for (double[] a : new double[][] {wall, cpu, run, overhead}) {
                Arrays.sort(a);
            }
            report.note(String.format("onnx identity, uint8 NHWC (no conversion): whole call p50 %.2f ms (thread CPU %.2f ms); OrtSession.run p50 %.2f ms; "
                    + "overhead p50 %.2f ms, p99 %.2f ms; load average %s", p(wall, 0.5), p(cpu, 0.5), p(run, 0.5), p(overhead, 0.5), p(overhead, 0.99),
                    AugmentBenchmark.loadAverage()));
            report.figure(bench, metric + "_p50", p(overhead, 0.5), "ms", "memcpy_rgb8", memcpyMs);
            report.figure(bench, metric + "_p99", p(overhead, 0.99), "ms", "memcpy_rgb8", memcpyMs);
            report.figure(bench, metric + "_p50_vs_target", p(overhead, 0.5), "ms", "issue9_target", 2);
        }
    }
}
