package org.hilbridge.tests.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.onnx.OnnxBackend;
import org.hilbridge.augment.onnx.OnnxModelSpec;

/**
 * The ONNX path's overhead excluding the model's compute (issue 9 target: &lt;= 2 ms at 1280x720), with identity
 * models on the CPU provider and one intra-op thread (ONNX Runtime then computes on the calling thread, so the
 * thread's CPU time holds everything).
 *
 * <p>Float models, both layouts, the two ways of converting, A/B in one JVM: frame by frame, the same frame
 * through a backend that converts in Java ({@link OnnxBackend.Conversion#JAVA}, the old path) and through one
 * that folds the conversion into the model ({@link OnnxBackend.Conversion#IN_GRAPH}), the order alternating
 * from frame to frame. The folded nodes run inside OrtSession.run, so the overhead is not "whole call minus
 * run" there: for both ways it is the whole call minus OrtSession.run of the ORIGINAL identity model on the
 * same frame (the Java-converting backend's run, measured in the same iteration). Besides: the uint8 NHWC
 * identity model (no conversion at all; whole call minus its run).
 *
 * <p>The backend's call does not run the grounding gate (Augmenter does, after it): the gate has its own figure
 * in the augment benchmark.
 */
final class OnnxOverheadBenchmark implements Benchmark {
    private static final int WARMUP = 30;
    private static final int FRAMES = 200;

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
            floatAb(report, bench, frames, Files.write(dir.resolve("identity.onnx"), IdentityOnnxModel.bytes(1, 3, h, w)), OnnxModelSpec.Layout.NCHW,
                    "onnx_overhead_" + size, memcpyMs);
            floatAb(report, bench, frames, Files.write(dir.resolve("identity_nhwc.onnx"), IdentityOnnxModel.bytes(1, h, w, 3)), OnnxModelSpec.Layout.NHWC,
                    "onnx_overhead_nhwc_" + size, memcpyMs);
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

    private static OnnxModelSpec spec(Path model, OnnxModelSpec.Layout layout) {
        return new OnnxModelSpec(model, "rgb", Optional.empty(), Optional.empty(), Optional.empty(), layout, new double[] {0.485, 0.456, 0.406},
                new double[] {0.229, 0.224, 0.225}, 1000, OnnxModelSpec.CPU, 0, 1);
    }

    private static void floatAb(BenchReport report, String bench, List<AugmentInput> frames, Path model, OnnxModelSpec.Layout layout, String metric,
                                double memcpyMs) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (OnnxBackend java = new OnnxBackend(spec(model, layout), OnnxBackend.Conversion.JAVA);
             OnnxBackend folded = new OnnxBackend(spec(model, layout), OnnxBackend.Conversion.IN_GRAPH)) {
            if (!folded.conversionInGraph()) {
                throw new IllegalStateException("the " + layout + " identity model was not folded");
            }
            byte[] outJava = new byte[frames.get(0).rgb8().length];
            byte[] outFolded = new byte[outJava.length];
            double[][] wall = new double[2][FRAMES], cpu = new double[2][FRAMES], overhead = new double[2][FRAMES];
            double[] runOriginal = new double[FRAMES], runFolded = new double[FRAMES];
            for (int k = -WARMUP; k < FRAMES; k++) {
                AugmentInput in = frames.get(Math.floorMod(k, frames.size()));
                for (int turn = 0; turn < 2; turn++) {
                    int way = (turn + Math.floorMod(k, 2)) % 2;   // 0: Java, 1: folded; who goes first alternates
                    OnnxBackend b = way == 0 ? java : folded;
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    b.augment(in, b.space().identity(), k, way == 0 ? outJava : outFolded);
                    long t1 = System.nanoTime();
                    long c1 = mx.getCurrentThreadCpuTime();
                    if (k >= 0) {
                        wall[way][k] = (t1 - t0) / 1e6;
                        cpu[way][k] = (c1 - c0) / 1e6;
                    }
                }
                if (k >= 0) {
                    runOriginal[k] = java.lastRunNanos() / 1e6;
                    runFolded[k] = folded.lastRunNanos() / 1e6;
                    for (int way = 0; way < 2; way++) {
                        overhead[way][k] = wall[way][k] - runOriginal[k];
                    }
                }
                if (!Arrays.equals(outJava, in.rgb8()) || !Arrays.equals(outFolded, in.rgb8())) {
                    throw new IllegalStateException("the " + layout + " identity model did not return the frame (Java "
                            + Arrays.equals(outJava, in.rgb8()) + ", folded " + Arrays.equals(outFolded, in.rgb8()) + ")");
                }
            }
            for (double[] a : new double[][] {wall[0], wall[1], cpu[0], cpu[1], overhead[0], overhead[1], runOriginal, runFolded}) {
                Arrays.sort(a);
            }
            String load = AugmentBenchmark.loadAverage();
            report.note(String.format("onnx identity, float %s, ImageNet normalisation, A/B in one JVM (%d frames each, alternating): converted in Java: "
                            + "whole call p50 %.2f ms (thread CPU %.2f ms); folded into the model: whole call p50 %.2f ms (thread CPU %.2f ms), "
                            + "its OrtSession.run p50 %.2f ms (the conversion nodes and the identity); OrtSession.run of the original model p50 %.2f ms "
                            + "(the Identity op copies the tensor); overhead = whole call - original run: Java p50 %.2f ms p99 %.2f ms, folded p50 %.2f ms "
                            + "p99 %.2f ms; load average %s", layout, FRAMES, p(wall[0], 0.5), p(cpu[0], 0.5), p(wall[1], 0.5), p(cpu[1], 0.5),
                    p(runFolded, 0.5), p(runOriginal, 0.5), p(overhead[0], 0.5), p(overhead[0], 0.99), p(overhead[1], 0.5), p(overhead[1], 0.99), load));
            report.figure(bench, metric + "_p50", p(overhead[1], 0.5), "ms", "java_conversion", p(overhead[0], 0.5));
            report.figure(bench, metric + "_p99", p(overhead[1], 0.99), "ms", "java_conversion", p(overhead[0], 0.99));
            report.figure(bench, metric + "_cpu_whole_call_p50", p(cpu[1], 0.5), "ms", "java_conversion", p(cpu[0], 0.5));
            report.figure(bench, metric + "_p50_vs_memcpy", p(overhead[1], 0.5), "ms", "memcpy_rgb8_" + metric.substring(metric.lastIndexOf('_') + 1), memcpyMs);
            report.figure(bench, metric + "_p50_vs_target", p(overhead[1], 0.5), "ms", "issue9_target", 2);
        }
    }

    private static void uint8(BenchReport report, String bench, List<AugmentInput> frames, Path model, String metric, double memcpyMs) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (OnnxBackend onnx = new OnnxBackend(new OnnxModelSpec(model, "rgb", Optional.empty(), Optional.empty(), Optional.empty(),
                OnnxModelSpec.Layout.NHWC, new double[] {0, 0, 0}, new double[] {1, 1, 1}, 1000, OnnxModelSpec.CPU, 0, 1))) {
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

    private static double p(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
