package org.hilbridge.tests.bench;

import static org.hilbridge.tests.bench.AugmentBenchmark.p;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.onnx.OnnxBackend;
import org.hilbridge.augment.onnx.OnnxModelSpec;

/**
 * The ONNX path on ONNX Runtime's CUDA provider (issue 9: "CPU by default, CUDA when configured and present"). It needs
 * the onnxruntime_gpu build on the classpath in place of onnxruntime and a GPU; where the ONNX Runtime on the classpath
 * has no CUDA provider it says so and measures nothing (the default build is CPU only).
 *
 * <ol>
 * <li>Agreement: the augment module's test models (its make_models.py, run with python3 and the onnx package) through
 * the backend with execution_provider cuda and with cpu, the grounding gate after each, on the benchmark's 1280x720
 * frames: each frame's outcome must be the same on both and the expected one (the depth-conditioned exposure change
 * passes the gate, the 3-pixel shift and the painted blob are rejected); the output codes that differ between the two
 * providers are counted (the GPU's float kernels may round differently) and must stay within one code.
 * <li>Where the model ran: ONNX Runtime's profile of the CUDA session, each node's "provider" (a node the CUDA
 * provider does not take falls back to the CPU provider, and the profile names which).
 * <li>Time at 1280x720 on CUDA, the CPU provider's in the same run as the reference: identity models, float NCHW in
 * [0, 1] and ImageNet normalisation (the conversion folded into the model, so 2.7 MB of codes cross the bus each
 * way) and uint8 NHWC: the whole call, OrtSession.run inside it, and the overhead outside the run (wall time).
 * </ol>
 */
final class OnnxCudaBenchmark implements Benchmark {
    private static final int WARMUP = 30;
    private static final int FRAMES = 200;

    @Override
    public String name() {
        return "onnx_cuda";
    }

    @Override
    public String description() {
        return "ONNX path on CUDA (needs onnxruntime_gpu and a GPU): gate verdicts and outputs against the CPU provider, the path's time at 1280x720";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            report.note("onnx_cuda: not run: this ONNX Runtime has no CUDA provider (available: " + OrtEnvironment.getAvailableProviders()
                    + "); put com.microsoft.onnxruntime:onnxruntime_gpu on the classpath in place of onnxruntime, on a machine with a GPU");
            return;
        }
        List<AugmentInput> frames = AugmentBenchmark.render();
        int w = frames.get(0).width(), h = frames.get(0).height();
        report.note(String.format("%d frames of %dx%d; JDK %s; %d processors; ONNX Runtime %s", frames.size(), w, h, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), OrtEnvironment.getEnvironment().getVersion()));
        Path dir = Files.createTempDirectory("hilbridge-bench-onnx-cuda");
        buildTestModels(dir, w, h);
        agreement(report, frames, dir);
        providers(report, frames, dir);
        timing(report, frames, Files.write(dir.resolve("identity_bench.onnx"), IdentityOnnxModel.bytes(1, 3, h, w)),
                Files.write(dir.resolve("identity_u8_bench.onnx"), IdentityOnnxModel.uint8(1, h, w, 3)));
    }

    /**
     * The augment module's test models at the frames' size, built by a python with the onnx package: Debian's
     * /usr/bin/python3 with python3-onnx (as the tests build them), or the one -Dhilbridge.python names (a GPU machine's
     * own python); a failure says so.
     */
    private static void buildTestModels(Path dir, int w, int h) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("hilbridge.home", ".")).resolve("augment/src/test/resources/onnx/make_models.py");
        String python = System.getProperty("hilbridge.python", "/usr/bin/python3");
        Process p = new ProcessBuilder(python, script.toString(), dir.toString(), Integer.toString(w), Integer.toString(h))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("building the ONNX test models with " + python + " " + script + " failed (a python with the onnx package needed; "
                    + "-Dhilbridge.python names another):\n" + log);
        }
    }

    private static OnnxModelSpec spec(Path model, String provider) {
        Optional<String> depth = model.getFileName().toString().startsWith("exposure") ? Optional.of("depth") : Optional.empty();
        return OnnxModelSpec.simple(model, depth, Optional.empty()).withExecutionProvider(provider);
    }

    /**
     * Each test model through both providers and the gate, on every frame: the two outcomes must agree and neither be
     * FAILED, and the codes must agree within one; how many frames got the model's expected verdict is reported (the
     * gate's own figure at this size, the same on both providers), not required.
     */
    private static void agreement(BenchReport report, List<AugmentInput> frames, Path dir) throws Exception {
        // conv.onnx (a 1x1 Conv mixing the channels: cuDNN's path) has no expected verdict.
        Map<String, Outcome> expected = Map.of("exposure.onnx", Outcome.AUGMENTED, "identity.onnx", Outcome.AUGMENTED,
                "shift3.onnx", Outcome.REJECTED, "blob.onnx", Outcome.REJECTED);
        for (String model : List.of("exposure.onnx", "conv.onnx", "identity.onnx", "shift3.onnx", "blob.onnx")) {
            try (Augmenter cpu = new Augmenter(new OnnxBackend(spec(dir.resolve(model), OnnxModelSpec.CPU)), new GroundingGate(GateThresholds.DEFAULT), 1);
                 Augmenter cuda = new Augmenter(new OnnxBackend(spec(dir.resolve(model), OnnxModelSpec.CUDA)), new GroundingGate(GateThresholds.DEFAULT), 1)) {
                long differing = 0, bytes = 0;
                int largest = 0, asExpected = 0;
                StringBuilder verdicts = new StringBuilder();
                for (int k = 0; k < frames.size(); k++) {
                    AugmentInput in = frames.get(k);
                    AugmentedFrame a = cpu.apply(in, cpu.backend().space().identity());
                    AugmentedFrame b = cuda.apply(in, cuda.backend().space().identity());
                    try {
                        if (a.outcome() != b.outcome() || a.outcome() == Outcome.FAILED) {
                            throw new IllegalStateException(model + " frame " + k + ": outcome on CPU " + a.outcome() + " " + a.scores() + ", on CUDA "
                                    + b.outcome() + " " + b.scores());
                        }
                        asExpected += a.outcome() == expected.getOrDefault(model, a.outcome()) ? 1 : 0;
                        verdicts.append(verdicts.length() == 0 ? "" : "; ").append(k).append(' ').append(a.outcome())
                                .append(String.format(" (edge F1 %.3f, structure %.3f, worst tile %.3f)", a.scores().edgeF1(), a.scores().structure(),
                                        a.scores().worstTileStructure()));
                        for (int i = 0; i < a.rgb8().length; i++) {
                            int d = Math.abs((a.rgb8()[i] & 0xFF) - (b.rgb8()[i] & 0xFF));
                            differing += d == 0 ? 0 : 1;
                            largest = Math.max(largest, d);
                        }
                        bytes += a.rgb8().length;
                    } finally {
                        a.release();
                        b.release();
                    }
                }
                report.note(String.format("onnx_cuda agreement %s: %d frames, the same outcome on CPU and on CUDA every frame; %d of %d frames %s; output codes "
                                + "differing between the providers: %d of %d (largest difference %d); per frame: %s", model, frames.size(), asExpected, frames.size(),
                        expected.containsKey(model) ? expected.get(model) + " as expected" : "with the CPU's verdict", differing, bytes, largest, verdicts));
                report.figure("onnx_cuda", "agreement_" + model.replace(".onnx", "") + "_codes_differing", differing, "codes", "codes_compared", bytes);
                report.figure("onnx_cuda", "agreement_" + model.replace(".onnx", "") + "_frames_as_expected", asExpected, "frames", "frames", frames.size());
                if (largest > 1) {
                    throw new IllegalStateException(model + ": CUDA's output differs from the CPU provider's by " + largest + " codes (at most 1 expected)");
                }
            }
        }
    }

    private static final Pattern OP = Pattern.compile("\"op_name\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PROVIDER = Pattern.compile("\"provider\"\\s*:\\s*\"([^\"]+)\"");

    /** Which provider ran each node of the folded exposure model on CUDA (the profile's node events). */
    private static void providers(BenchReport report, List<AugmentInput> frames, Path dir) throws Exception {
        for (String model : List.of("exposure.onnx", "identity.onnx")) {
            try (OnnxBackend b = new OnnxBackend(spec(dir.resolve(model), OnnxModelSpec.CUDA), OnnxBackend.Conversion.IN_GRAPH,
                    Optional.of(dir.resolve("profile_" + model).toString()))) {
                byte[] out = new byte[frames.get(0).rgb8().length];
                for (int k = 0; k < 3; k++) {
                    b.augment(frames.get(k), b.space().identity(), k, out);
                }
                Path json = b.endProfiling();
                java.util.TreeMap<String, java.util.TreeSet<String>> byProvider = new java.util.TreeMap<>();
                for (String line : Files.readAllLines(json)) {
                    Matcher op = OP.matcher(line), provider = PROVIDER.matcher(line);
                    if (line.contains("\"Node\"") && op.find() && provider.find()) {
                        byProvider.computeIfAbsent(provider.group(1), x -> new java.util.TreeSet<>()).add(op.group(1));
                    }
                }
                report.note(String.format("onnx_cuda providers %s (conversion folded: input %s, output %s; planes split in Java: %s): the nodes each "
                        + "provider ran: %s", model, b.inputFolded(), b.outputFolded(), b.planesSplitInJava(), byProvider));
                if (!byProvider.containsKey("CUDAExecutionProvider")) {
                    throw new IllegalStateException(model + ": the CUDA provider ran no node: " + byProvider);
                }
            }
        }
    }

    private static void timing(BenchReport report, List<AugmentInput> frames, Path nchw, Path u8) throws Exception {
        OnnxModelSpec unit = OnnxOverheadBenchmark.spec(nchw, OnnxModelSpec.Layout.NCHW, OnnxOverheadBenchmark.Normalisation.UNIT);
        OnnxModelSpec imagenet = OnnxOverheadBenchmark.spec(nchw, OnnxModelSpec.Layout.NCHW, OnnxOverheadBenchmark.Normalisation.IMAGENET);
        OnnxModelSpec codes = OnnxOverheadBenchmark.spec(u8, OnnxModelSpec.Layout.NHWC, OnnxOverheadBenchmark.Normalisation.UNIT);
        String[] labels = {"float NCHW [0, 1]", "float NCHW ImageNet", "uint8 NHWC"};
        String[] metrics = {"nchw", "nchw_imagenet", "uint8_nhwc"};
        OnnxModelSpec[] specs = {unit, imagenet, codes};
        for (int i = 0; i < specs.length; i++) {
            double[][] cpu = time(frames, specs[i]);
            double[][] gpu = time(frames, specs[i].withExecutionProvider(OnnxModelSpec.CUDA));
            report.note(String.format("onnx_cuda identity %s, %d frames: CUDA whole call p50 %.2f ms p99 %.2f ms, OrtSession.run p50 %.2f ms, "
                            + "overhead outside the run p50 %.2f ms p99 %.2f ms; CPU provider (one thread) whole call p50 %.2f ms, run p50 %.2f ms, "
                            + "overhead p50 %.2f ms p99 %.2f ms", labels[i], FRAMES, p(gpu[0], 0.5), p(gpu[0], 0.99), p(gpu[1], 0.5), p(gpu[2], 0.5),
                    p(gpu[2], 0.99), p(cpu[0], 0.5), p(cpu[1], 0.5), p(cpu[2], 0.5), p(cpu[2], 0.99)));
            report.figure("onnx_cuda", metrics[i] + "_whole_call_p50", p(gpu[0], 0.5), "ms", "cpu_provider", p(cpu[0], 0.5));
            report.figure("onnx_cuda", metrics[i] + "_overhead_p50", p(gpu[2], 0.5), "ms", "cpu_provider", p(cpu[2], 0.5));
            report.figure("onnx_cuda", metrics[i] + "_overhead_p99", p(gpu[2], 0.99), "ms", "cpu_provider", p(cpu[2], 0.99));
            report.figure("onnx_cuda", metrics[i] + "_overhead_p50_vs_target", p(gpu[2], 0.5), "ms", "issue9_target", 2);
        }
        originalRun(report, nchw, frames.get(0).width(), frames.get(0).height());
    }

    /** Sorted wall times, ms: [0] whole call, [1] OrtSession.run inside it, [2] the difference (the path's overhead). */
    private static double[][] time(List<AugmentInput> frames, OnnxModelSpec spec) {
        try (OnnxBackend b = new OnnxBackend(spec)) {
            byte[] out = new byte[frames.get(0).rgb8().length];
            double[][] t = new double[3][FRAMES];
            for (int k = -WARMUP; k < FRAMES; k++) {
                AugmentInput in = frames.get(Math.floorMod(k, frames.size()));
                long t0 = System.nanoTime();
                b.augment(in, b.space().identity(), k, out);
                long t1 = System.nanoTime();
                if (k >= 0) {
                    t[0][k] = (t1 - t0) / 1e6;
                    t[1][k] = b.lastRunNanos() / 1e6;
                    t[2][k] = t[0][k] - t[1][k];
                }
                if (!Arrays.equals(out, in.rgb8())) {
                    throw new IllegalStateException("the identity model " + spec.model() + " on " + spec.executionProvider() + " did not return the frame");
                }
            }
            for (double[] a : t) {
                Arrays.sort(a);
            }
            return t;
        }
    }

    /** The unfolded float identity model's run on CUDA from host tensors: 11 MB of floats across the bus each way. */
    private static void originalRun(BenchReport report, Path nchw, int w, int h) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addCUDA(0);
            long[] shape = {1, 3, h, w};
            try (OrtSession s = env.createSession(nchw.toString(), options);
                 OnnxTensor x = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(12 * w * h).order(ByteOrder.nativeOrder()).asFloatBuffer(), shape);
                 OnnxTensor y = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(12 * w * h).order(ByteOrder.nativeOrder()).asFloatBuffer(), shape)) {
                double[] run = new double[FRAMES];
                for (int k = -WARMUP; k < FRAMES; k++) {
                    long t0 = System.nanoTime();
                    s.run(Map.of("rgb", x), Map.of("out", y)).close();
                    if (k >= 0) {
                        run[k] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                Arrays.sort(run);
                report.note(String.format("onnx_cuda the float identity model unfolded, host tensors (11 MB of floats each way): OrtSession.run p50 %.2f ms p99 %.2f ms",
                        p(run, 0.5), p(run, 0.99)));
            }
        }
    }
}
