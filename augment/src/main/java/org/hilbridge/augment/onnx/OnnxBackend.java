package org.hilbridge.augment.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hilbridge.augment.AugmentBackend;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.param.ParameterSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backend 2: a learned image-to-image model through ONNX Runtime's Java API (ai.onnxruntime; "Get started with
 * ORT for Java", onnxruntime.ai/docs/get-started/with-java.html). No model ships with hilbridge: the scenario
 * names one (see {@link OnnxModelSpec}) and the grounding gate judges every frame it makes.
 *
 * <p>Per frame: the rgb8 pixels (and the conditioning channels the model takes) are written into direct
 * buffers that back the input tensors, the model runs with its output pinned to a direct buffer of our own
 * ({@code OrtSession.run(inputs, pinnedOutputs)}), and the output is read back in place as rgb8. A float RGB
 * tensor is normalised on the way in and denormalised, rounded and clamped on the way out ({@link Rgb8Codec}), the
 * same pixels either way: by default, on the CPU where the JVM has the Vector API, in Java by vector kernels straight
 * into and out of the tensors' direct buffers ({@link FloatCodes}, FloatCodesVector: about 0.5 ms a way at 1280x720,
 * where a normalisation whose 255 x mean is not a whole code, such as ImageNet's or [-1, 1], takes two graph passes a
 * way); otherwise (CUDA, or a JVM without the module) folded into the model when the session is made
 * ({@link Rgb8Folding}: the session then takes and gives uint8 NHWC, one bulk copy each way, and ONNX Runtime converts
 * in native code, 3-9x less CPU time than the scalar Java loops), and in Java's scalar loops where it cannot be folded.
 * Tensors and buffers are made once per frame size and reused (no tensor is created or
 * closed per frame), so the steady state allocates no image-sized memory; what a frame still allocates is
 * ONNX Runtime's Java API's own per run: the arrays of input and output names and native handles, the
 * OnnxValue array and the {@code OrtSession.Result} (a small map) that {@code run} returns and we close. The model's input and output shapes are checked against the frame when they are fixed; names
 * are checked when the backend is built.
 *
 * <p>CUDA: with execution provider "cuda" the session asks ONNX Runtime for its CUDA provider, which the GPU
 * build (artifact onnxruntime_gpu) brings; when that provider is not present the backend refuses to start and
 * says so, rather than falling back silently.
 */
public final class OnnxBackend implements AugmentBackend {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxBackend.class);

    /** Where a float RGB tensor is converted from and to rgb8. */
    public enum Conversion {
        /**
         * In the model: at session creation the model is rewritten to take and give rgb8 codes as uint8 NHWC
         * ({@link Rgb8Folding}), so ONNX Runtime converts in native code and Java copies bytes (the default), except
         * a side that Java converts for less (Rgb8Folding.inputCheaperInJava, outputCheaperInJava: on the CPU provider
         * where this JVM has the Vector API, both sides, with FloatCodesVector).
         * A model that cannot be rewritten, or that ONNX Runtime refuses once rewritten, is converted in Java,
         * said in the log (see Rgb8Folding for what folds). On the CPU provider an NCHW model's codes stay uint8 NCHW
         * where this JVM has the Vector API ({@link PlanarCodes}): Java splits the frame into planes and merges them
         * back, in place of ONNX Runtime's two uint8 Transposes; without the module, and with CUDA (whose Transposes
         * run on the GPU), as {@link #IN_GRAPH_WITH_TRANSPOSES}.
         */
        IN_GRAPH,
        /**
         * In the model, an NCHW model's layout change too (its uint8 Transposes), each side chosen as a JVM without the
         * Vector API chooses (kept to compare).
         */
        IN_GRAPH_WITH_TRANSPOSES,
        /**
         * In the model, both sides, also where {@link #IN_GRAPH} leaves one to Java as the cheaper way; kept to compare
         * (the default before Java's Vector API kernels, but for NHWC with a scale or offset per channel, whose input went
         * through Java's table).
         */
        IN_GRAPH_BOTH_SIDES,
        /**
         * In Java, through the direct buffers of float tensors ({@link FloatCodes}: the Vector API's kernels where the
         * JVM has the module, else the scalar loops, the path before folding); kept to compare.
         */
        JAVA
    }

    private final OnnxModelSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    /** The session's names of the RGB input and output (the rgb8 ones the folding added, when folded). */
    private final String rgbTensorName;
    private final String outTensorName;
    /** The model's own name of its RGB output. */
    private final String outputName;
    private final boolean semanticAsLong;
    /** Whether the RGB input / the output are uint8 codes (0-255, no normalisation) rather than float. */
    private final boolean rgbAsBytes;
    private final boolean outAsBytes;
    /** The layouts of the RGB input and output tensors: NHWC where folded, else the configured one. */
    private final OnnxModelSpec.Layout rgbLayout;
    private final OnnxModelSpec.Layout outLayout;
    private final boolean rgbFolded;
    private final boolean outFolded;
    /** Between rgb8 and a uint8 NCHW tensor: the planes split and merged (with the Vector API where usable). */
    private final PlanarCodes planar;
    private final String modelHash;
    /** Whether ONNX Runtime's profiler records the session's runs ({@link #endProfiling}). */
    private final boolean profiling;
    private final ParameterSpace space = new ParameterSpace(List.of());

    private long lastRunNanos;
    private int width = -1;
    private int height = -1;
    private FloatBuffer rgbBuffer;
    private ByteBuffer rgbBytes;
    private ByteBuffer outBytes;
    /** The planes of a uint8 NCHW tensor on the heap, plane c at c n (one bulk copy to or from its direct buffer). */
    private byte[] planes;
    private FloatBuffer depthBuffer;
    private FloatBuffer semanticFloatBuffer;
    private LongBuffer semanticLongBuffer;
    private FloatBuffer outBuffer;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final Map<String, OnnxTensor> outputs = new HashMap<>();
    /** A float RGB side converted in Java (Rgb8Codec's formulas; with the Vector API where usable). */
    private final FloatCodes floatCodes;

    /** A backend that converts float RGB tensors in the model ({@link Conversion#IN_GRAPH}). */
    public OnnxBackend(OnnxModelSpec spec) {
        this(spec, Conversion.IN_GRAPH);
    }

    public OnnxBackend(OnnxModelSpec spec, Conversion conversion) {
        this(spec, conversion, Optional.empty());
    }

    /**
     * @param profilePrefix where ONNX Runtime's profiler writes the session's per-kernel times (a JSON file named
     *                      from this prefix and the start time, SessionOptions.enableProfiling; read it with
     *                      {@link #endProfiling}); empty: no profiling, as in normal use (the profiler costs a
     *                      little per node and run)
     */
    public OnnxBackend(OnnxModelSpec spec, Conversion conversion, Optional<String> profilePrefix) {
        this.spec = spec;
        this.profiling = profilePrefix.isPresent();
        if (!Files.isRegularFile(spec.model())) {
            throw new IllegalArgumentException("augment.onnx.model = '" + spec.model() + "' is not a readable file");
        }
        this.modelHash = sha256(spec.model());
        Rgb8Codec codec = Rgb8Codec.of(spec.mean(), spec.std());
        this.planar = new PlanarCodes(PlanarCodes.vectorApiUsable());
        this.floatCodes = new FloatCodes(codec, FloatCodes.vectorApiUsable());
        this.env = OrtEnvironment.getEnvironment();
        OrtSession original = null;
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // ALL (extended fusions and layout optimisations) is ONNX Runtime's default already; said here since the
            // folded nodes are built for it (Rgb8Folding: what its QDQ rules and transpose optimiser do with them).
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (spec.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(spec.intraOpThreads());
            }
            if (OnnxModelSpec.CUDA.equals(spec.executionProvider())) {
                if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                    throw new IllegalArgumentException("augment.onnx.execution_provider = cuda, but this ONNX Runtime has no CUDA provider "
                            + "(available: " + OrtEnvironment.getAvailableProviders() + "); put com.microsoft.onnxruntime:onnxruntime_gpu on the "
                            + "classpath instead of onnxruntime, on a machine with CUDA 12 and cuDNN 9");
                }
                options.addCUDA(spec.cudaDevice());
            }
            original = env.createSession(spec.model().toString(), options);
            OrtSession session = original;
            Map<String, NodeInfo> in = session.getInputInfo();
            requireInput(in, "augment.onnx.rgb_input", spec.rgbInput());
            boolean rgbCodes = codes(in.get(spec.rgbInput()), "input '" + spec.rgbInput() + "' (augment.onnx.rgb_input)");
            if (spec.depthInput().isPresent()) {
                requireInput(in, "augment.onnx.depth_input", spec.depthInput().get());
            }
            boolean asLong = false;
            if (spec.semanticInput().isPresent()) {
                requireInput(in, "augment.onnx.semantic_input", spec.semanticInput().get());
                asLong = ((TensorInfo) in.get(spec.semanticInput().get()).getInfo()).type == OnnxJavaType.INT64;
            }
            this.semanticAsLong = asLong;
            for (String name : in.keySet()) {
                if (!name.equals(spec.rgbInput()) && !spec.depthInput().orElse("").equals(name) && !spec.semanticInput().orElse("").equals(name)) {
                    throw new IllegalArgumentException("the model " + spec.model() + " has input '" + name + "' that no augment.onnx.*_input names: "
                            + "its inputs are " + in.keySet());
                }
            }
            String outputName;
            if (spec.output().isPresent()) {
                if (!session.getOutputNames().contains(spec.output().get())) {
                    throw new IllegalArgumentException("augment.onnx.output = '" + spec.output().get() + "' is not an output of " + spec.model()
                            + ": its outputs are " + session.getOutputNames());
                }
                outputName = spec.output().get();
            } else if (session.getOutputNames().size() == 1) {
                outputName = session.getOutputNames().iterator().next();
            } else {
                throw new IllegalArgumentException("the model " + spec.model() + " has outputs " + session.getOutputNames()
                        + ": name the RGB one with augment.onnx.output");
            }
            boolean outCodes = codes(session.getOutputInfo().get(outputName), "output '" + outputName + "'");
            Rgb8Folding.Folded folded = null;
            // Planes split and merged in Java only for the CPU provider: with CUDA the graph's two uint8 Transposes run on the
            // GPU, and Java's part is one bulk copy of the codes each way (measured on an H100 by bench onnx_cuda, PERFORMANCE.md).
            boolean planarCodes = (conversion == Conversion.IN_GRAPH || conversion == Conversion.IN_GRAPH_BOTH_SIDES) && planar.vector()
                    && OnnxModelSpec.CPU.equals(spec.executionProvider());
            // a side stays with Java where that is cheaper than the graph's nodes (Rgb8Folding.inputCheaperInJava, outputCheaperInJava)
            boolean nchw = spec.layout() == OnnxModelSpec.Layout.NCHW;
            // (with the Vector API's kernels only for IN_GRAPH: IN_GRAPH_WITH_TRANSPOSES stands for a JVM without the module;
            // and only on the CPU: with CUDA the folded nodes run on the GPU and 2.7 MB of codes cross the bus each way, not 11 MB of floats)
            boolean vectorKernels = conversion == Conversion.IN_GRAPH && floatCodes.vector() && OnnxModelSpec.CPU.equals(spec.executionProvider());
            boolean foldIn = !rgbCodes && (conversion == Conversion.IN_GRAPH_BOTH_SIDES || !Rgb8Folding.inputCheaperInJava(codec, nchw, vectorKernels));
            boolean foldOut = !outCodes && (conversion == Conversion.IN_GRAPH_BOTH_SIDES || !Rgb8Folding.outputCheaperInJava(codec, vectorKernels));
            if (conversion != Conversion.JAVA && (foldIn || foldOut)) {
                try {
                    folded = Rgb8Folding.fold(Files.readAllBytes(spec.model()), foldIn ? Optional.of(spec.rgbInput()) : Optional.empty(),
                            foldOut ? Optional.of(outputName) : Optional.empty(), nchw, planarCodes, codec);
                    // only the session that runs the frames is profiled (ONNX Runtime names the file from the prefix
                    // and the time to the second, so two sessions' profiles could share a name)
                    if (profilePrefix.isPresent()) {
                        options.enableProfiling(profilePrefix.get());
                    }
                    session = env.createSession(folded.model(), options);
                } catch (IllegalArgumentException | OrtException | IOException e) {
                    LOG.info("augment: ONNX model {}: its float RGB tensors are converted in Java, since the conversion could not be folded "
                            + "into the model: {}", spec.model(), e.getMessage());
                    folded = null;
                }
                if (folded != null) {
                    closeQuietly(original);   // its names and types were what the checks above needed
                    original = null;
                }
            }
            if (profilePrefix.isPresent() && folded == null) {
                // the model runs as it is: its session made again, now profiled
                options.enableProfiling(profilePrefix.get());
                session = env.createSession(spec.model().toString(), options);
                closeQuietly(original);
                original = session;
            }
            this.session = session;
            this.rgbFolded = folded != null && folded.rgb8Input().isPresent();
            this.outFolded = folded != null && folded.rgb8Output().isPresent();
            this.rgbTensorName = rgbFolded ? folded.rgb8Input().get() : spec.rgbInput();
            this.outputName = outputName;
            this.outTensorName = outFolded ? folded.rgb8Output().get() : outputName;
            this.rgbAsBytes = rgbCodes || rgbFolded;
            this.outAsBytes = outCodes || outFolded;
            this.rgbLayout = rgbFolded && !planarCodes ? OnnxModelSpec.Layout.NHWC : spec.layout();
            this.outLayout = outFolded && !planarCodes ? OnnxModelSpec.Layout.NHWC : spec.layout();
            String inJava = floatCodes.vector() ? "in Java with the Vector API" : "in Java";
            LOG.info("augment: ONNX model {} (sha256 {}) on {}; rgb8 conversion of the input: {}, of the output: {}{}", spec.model(), modelHash,
                    spec.executionProvider(), rgbCodes ? "none (uint8)" : rgbFolded ? "folded into the model" : inJava,
                    outCodes ? "none (uint8)" : outFolded ? "folded into the model" : inJava,
                    planarCodes && folded != null && nchw ? "; planes split and merged with the Vector API" : "");
        } catch (OrtException e) {
            closeQuietly(original);
            throw new IllegalArgumentException("augment.onnx.model = '" + spec.model() + "' could not be loaded by ONNX Runtime: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(original);
            throw e;
        }
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException | RuntimeException ignored) {
                // already closed, or closing failed: the error being reported matters more
            }
        }
    }

    /** Whether the conversion of the RGB input and of the output runs in the model (folded) rather than in Java. */
    public boolean conversionInGraph() {
        return rgbFolded || outFolded;
    }

    /** Whether the RGB input's conversion runs in the model (else Java does it, or the model takes codes). */
    public boolean inputFolded() {
        return rgbFolded;
    }

    /** Whether the output's conversion runs in the model (else Java does it, or the model gives codes). */
    public boolean outputFolded() {
        return outFolded;
    }

    /** Whether a float RGB side converted in Java runs the Vector API's kernels (FloatCodesVector) rather than the scalar loops. */
    public boolean floatsWithVectorApi() {
        return floatCodes.vector();
    }

    /**
     * Whether the frame is split into planes for a uint8 NCHW input, and merged back from one, with the Vector API
     * ({@link PlanarCodes}), rather than transposed by ONNX Runtime or converted in Java.
     */
    public boolean planesSplitInJava() {
        return planar.vector() && (rgbAsBytes && rgbLayout == OnnxModelSpec.Layout.NCHW || outAsBytes && outLayout == OnnxModelSpec.Layout.NCHW);
    }

    /**
     * Whether an RGB tensor holds uint8 codes (true) or floats (false); any other element type is refused. A
     * uint8 tensor takes and gives the sRGB codes as they are: augment.onnx.mean and std apply to float tensors.
     */
    private boolean codes(NodeInfo info, String what) {
        OnnxJavaType type = ((TensorInfo) info.getInfo()).type;
        if (type == OnnxJavaType.UINT8) {
            return true;
        }
        if (type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("the model " + spec.model() + "'s " + what + " has element type " + type
                    + ": allowed are float (normalised by augment.onnx.mean and std) and uint8 (sRGB codes 0-255)");
        }
        return false;
    }

    private static void requireInput(Map<String, NodeInfo> in, String key, String name) {
        if (!in.containsKey(name)) {
            throw new IllegalArgumentException(key + " = '" + name + "' is not an input of the model: its inputs are " + in.keySet());
        }
    }

    @Override
    public String name() {
        return "onnx";
    }

    /**
     * Ends ONNX Runtime's profiling of the session (made with a profile prefix) and gives the JSON file it wrote:
     * Chrome trace events, among them one per node and run, "cat" "Node", named after the node with
     * "_kernel_time", its "dur" in microseconds and its operator in args "op_name".
     *
     * @throws IllegalStateException when the backend was made without a profile prefix
     */
    public java.nio.file.Path endProfiling() {
        if (!profiling) {
            throw new IllegalStateException("this ONNX backend was made without a profile prefix: nothing was profiled");
        }
        try {
            return java.nio.file.Path.of(session.endProfiling());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not end profiling of " + spec.model() + ": " + e.getMessage(), e);
        }
    }

    /** Wall time of the last frame's OrtSession.run alone (the model's compute and ONNX Runtime's own overhead), ns. */
    public long lastRunNanos() {
        return lastRunNanos;
    }

    @Override
    public String modelHash() {
        return modelHash;
    }

    @Override
    public ParameterSpace space() {
        return space;
    }

    @Override
    public void augment(AugmentInput in, ParameterSet params, long seed, byte[] outRgb8) {
        try {
            prepare(in.width(), in.height());
            fill(in);
            long t0 = System.nanoTime();
            try (OrtSession.Result ignored = session.run(inputs, outputs)) {
                lastRunNanos = System.nanoTime() - t0;
                read(in.pixels(), outRgb8);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX model " + spec.model() + " failed on frame " + in.sequence() + ": " + e.getMessage(), e);
        }
    }

    private long[] shape(int channels) {
        return shape(spec.layout(), channels);
    }

    private long[] shape(OnnxModelSpec.Layout layout, int channels) {
        return layout == OnnxModelSpec.Layout.NCHW ? new long[] {1, channels, height, width} : new long[] {1, height, width, channels};
    }

    private void prepare(int w, int h) throws OrtException {
        if (w == width && h == height) {
            return;
        }
        closeTensors();
        width = w;
        height = h;
        int n = w * h;
        if (rgbAsBytes) {
            rgbBytes = ByteBuffer.allocateDirect(3 * n);
            inputs.put(rgbTensorName, OnnxTensor.createTensor(env, rgbBytes, shape(rgbLayout, 3), OnnxJavaType.UINT8));
        } else {
            rgbBuffer = floats(3 * n);
            inputs.put(spec.rgbInput(), OnnxTensor.createTensor(env, rgbBuffer, shape(3)));
        }
        if (spec.depthInput().isPresent()) {
            depthBuffer = floats(n);
            inputs.put(spec.depthInput().get(), OnnxTensor.createTensor(env, depthBuffer, shape(1)));
        }
        if (spec.semanticInput().isPresent()) {
            if (semanticAsLong) {
                semanticLongBuffer = ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asLongBuffer();
                inputs.put(spec.semanticInput().get(), OnnxTensor.createTensor(env, semanticLongBuffer, shape(1)));
            } else {
                semanticFloatBuffer = floats(n);
                inputs.put(spec.semanticInput().get(), OnnxTensor.createTensor(env, semanticFloatBuffer, shape(1)));
            }
        }
        checkShapes(session.getInputInfo().get(rgbTensorName), "input " + spec.rgbInput(), rgbFolded ? rgbLayout : spec.layout());
        checkShapes(session.getOutputInfo().get(outTensorName), "output " + outputName, outFolded ? outLayout : spec.layout());
        // the planes of an NCHW tensor of codes, or of one converted in Java with the Vector API
        if (rgbLayout == OnnxModelSpec.Layout.NCHW && (rgbAsBytes || floatCodes.vector()) || outLayout == OnnxModelSpec.Layout.NCHW && (outAsBytes || floatCodes.vector())) {
            planes = new byte[3 * n];
        }
        if (outAsBytes) {
            outBytes = ByteBuffer.allocateDirect(3 * n);
            outputs.put(outTensorName, OnnxTensor.createTensor(env, outBytes, shape(outLayout, 3), OnnxJavaType.UINT8));
        } else {
            outBuffer = floats(3 * n);
            outputs.put(outTensorName, OnnxTensor.createTensor(env, outBuffer, shape(3)));
        }
    }

    /**
     * A fixed dimension of the model that disagrees with the frame is an error naming both; symbolic ones (-1)
     * match anything. A folded tensor may be NHWC (tensorLayout) where the model's is NCHW; its shape is told in the
     * configured layout, as the model declared it.
     */
    private void checkShapes(NodeInfo info, String what, OnnxModelSpec.Layout tensorLayout) {
        long[] modelShape = ((TensorInfo) info.getInfo()).getShape();
        if (tensorLayout != spec.layout() && spec.layout() == OnnxModelSpec.Layout.NCHW && modelShape.length == 4) {
            modelShape = new long[] {modelShape[0], modelShape[3], modelShape[1], modelShape[2]};
        }
        long[] frameShape = shape(3);
        boolean ok = modelShape.length == frameShape.length;
        for (int i = 0; ok && i < modelShape.length; i++) {
            ok = modelShape[i] < 0 || modelShape[i] == frameShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("the model's " + what + " has shape " + java.util.Arrays.toString(modelShape) + ", but a "
                    + width + " x " + height + " frame in layout " + spec.layout() + " is " + java.util.Arrays.toString(frameShape));
        }
    }

    private static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Input tensors from the frame, written straight into the direct buffers that back them; a float RGB tensor
     * through {@link FloatCodes} (with the Vector API, chunks computed in L1 and put in bulk: FloatCodesVector; else
     * one tight loop per plane (NCHW) or one pass over the interleaved pixels (NHWC), a table look-up per code).
     * (Measured for the scalar way at 1280x720 on JDK 17, same JVM, frames alternating with the former way, thread CPU time on a
     * loaded 2-core machine: 2.1 ms against 3.0 ms for computing into a heap float[] and one bulk put, which
     * moves 11 MB more. The whole overhead, fill and read, is about 6 ms against 6.8 ms: each float costs about
     * a nanosecond each way, scalar; uint8 models avoid it. Measured again with a multiply-add instead of the
     * table into heap planes and one bulk put, and for the way out a bulk get and a clamp loop over the planes:
     * 3.4 ms against 1.5 ms in, 6.3 ms against 3.0 ms out; this path now serves only models that cannot be
     * folded, see Rgb8Folding.)
     */
    private void fill(AugmentInput in) {
        byte[] rgb = in.rgb8();
        int n = in.pixels();
        if (rgbAsBytes) {
            fillCodes(rgb, n, rgbLayout);
        } else {
            floatCodes.input(rgb, n, spec.layout() == OnnxModelSpec.Layout.NCHW, rgbBuffer, planar, planes);
        }
        if (depthBuffer != null) {
            float max = (float) spec.depthMaxM();
            float[] d = in.depthM();
            FloatBuffer z = depthBuffer;
            for (int p = 0; p < n; p++) {
                z.put(p, Math.min(d[p], max));
            }
        }
        byte[] cls = in.semantic();
        if (semanticLongBuffer != null) {
            LongBuffer s = semanticLongBuffer;
            for (int p = 0; p < n; p++) {
                s.put(p, cls[p]);
            }
        } else if (semanticFloatBuffer != null) {
            FloatBuffer s = semanticFloatBuffer;
            for (int p = 0; p < n; p++) {
                s.put(p, cls[p]);
            }
        }
    }

    /**
     * The output back to rgb8, read in place from the direct buffer ONNX Runtime wrote (the output is pinned to
     * it, so there is no copy: OnnxTensor.getFloatBuffer() would return a fresh copy of the whole tensor): code = 255
     * (x std + mean), clamped and rounded half to even as {@link Rgb8Codec#output} (the folded model's QuantizeLinear).
     */
    private void read(int n, byte[] out) {
        if (outAsBytes) {
            readCodes(n, out, outLayout);
        } else {
            floatCodes.output(outBuffer, n, spec.layout() == OnnxModelSpec.Layout.NCHW, out, planar, planes);
        }
    }

    /**
     * A uint8 input takes the codes as they are: NHWC is rgb8's own layout (one bulk copy), NCHW splits the planes
     * on the heap ({@link PlanarCodes}) and copies them in bulk. (ByteVector.intoByteBuffer would write the direct
     * buffer straight away, but later JDKs dropped it when the Vector API moved to memory segments (JEP 426): the code stays on arrays.)
     */
    private void fillCodes(byte[] rgb, int n, OnnxModelSpec.Layout layout) {
        ByteBuffer x = rgbBytes;
        if (layout == OnnxModelSpec.Layout.NHWC) {
            x.put(0, rgb);
            return;
        }
        planar.split(rgb, planes, n);
        x.put(0, planes);
    }

    /** A uint8 output is the codes: one bulk copy for NHWC; for NCHW one bulk copy, then the planes merged. */
    private void readCodes(int n, byte[] out, OnnxModelSpec.Layout layout) {
        ByteBuffer y = outBytes;
        if (layout == OnnxModelSpec.Layout.NHWC) {
            y.get(0, out);
            return;
        }
        y.get(0, planes);
        planar.merge(planes, out, n);
    }

    private void closeTensors() {
        inputs.values().forEach(OnnxTensor::close);
        outputs.values().forEach(OnnxTensor::close);
        inputs.clear();
        outputs.clear();
    }

    @Override
    public void close() {
        closeTensors();
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("augment: closing the ONNX session failed: {}", e.getMessage());
        }
    }

    static String sha256(java.nio.file.Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream d = (DigestInputStream) in;
            d.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(d.getMessageDigest().digest());
        } catch (IOException e) {
            throw new IllegalArgumentException("augment.onnx.model = '" + file + "' could not be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
