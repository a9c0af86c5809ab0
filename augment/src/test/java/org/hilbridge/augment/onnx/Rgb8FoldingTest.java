package org.hilbridge.augment.onnx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rgb8 conversion folded into the model ({@link OnnxBackend.Conversion#IN_GRAPH}) gives the same pixels as
 * the conversion in Java, over all 256 codes of every channel, in both layouts, with [0, 1] and with ImageNet
 * normalisation, for models whose outputs leave the range and fall between codes (the rounding and the clamp);
 * the conditioning inputs keep working; and the rewritten models are valid ONNX by the reference checker
 * (Debian's python3-onnx, onnx.checker.check_model with full_check: the schema, every node against its
 * operator's definition at the model's opset, and shape inference).
 */
@Timeout(180)
class Rgb8FoldingTest {
    static final int W = 256;
    static final int H = 192;
    @TempDir
    static Path dir;
    /** A rendered frame (depth, semantic ids) whose rgb8 holds every code in every channel, in differing orders per channel. */
    static AugmentInput allCodes;

    @BeforeAll
    static void models() throws Exception {
        TestModels.build(dir, W, H);
        allCodes = allCodes(W, H);
    }

    /** A rendered frame of w x h (depth, semantic ids) whose rgb8 holds every code in every channel, in differing orders per channel. */
    static AugmentInput allCodes(int w, int h) {
        AugmentInput r = TestFrames.render(w, h);
        byte[] rgb = new byte[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            rgb[3 * p] = (byte) p;
            rgb[3 * p + 1] = (byte) (255 - p);
            rgb[3 * p + 2] = (byte) (p * 37 + p / 256);
        }
        return new AugmentInput(r.streamId(), r.sequence(), r.captureNanos(), r.frameId(), w, h, rgb, r.rangeM(), r.depthM(), r.semantic(),
                r.normals(), r.fxPx(), r.fyPx(), r.cxPx(), r.cyPx(), r.scene());
    }

    static OnnxModelSpec imagenet(OnnxModelSpec s) {
        return new OnnxModelSpec(s.model(), s.rgbInput(), s.depthInput(), s.semanticInput(), s.output(), s.layout(),
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, s.depthMaxM(), s.executionProvider(), s.cudaDevice(),
                s.intraOpThreads());
    }

    /** The image-to-image GANs' [-1, 1]: mean 0.5, std 0.5 (255 x 0.5 = 127.5, not a whole code). */
    static OnnxModelSpec symmetric(OnnxModelSpec s) {
        return new OnnxModelSpec(s.model(), s.rgbInput(), s.depthInput(), s.semanticInput(), s.output(), s.layout(),
                new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5}, s.depthMaxM(), s.executionProvider(), s.cudaDevice(), s.intraOpThreads());
    }

    /** Mean 0 with a different std per channel: the input side folds to a per-channel DequantizeLinear (opset 13+). */
    static OnnxModelSpec perChannelScale(OnnxModelSpec s) {
        return new OnnxModelSpec(s.model(), s.rgbInput(), s.depthInput(), s.semanticInput(), s.output(), s.layout(),
                new double[] {0, 0, 0}, new double[] {0.5, 0.25, 1}, s.depthMaxM(), s.executionProvider(), s.cudaDevice(), s.intraOpThreads());
    }

    private static OnnxModelSpec spec(String file, OnnxModelSpec.Layout layout) {
        return OnnxModelSpec.simple(dir.resolve(file), Optional.empty(), Optional.empty()).withLayout(layout);
    }

    /**
     * The frame through the model, converted in the graph (both sides folded, IN_GRAPH_BOTH_SIDES, which must fold)
     * and in Java (JAVA: with the Vector API's kernels in this JVM, which has the module: FloatCodesTest pins them
     * against the scalar loops). For an NCHW model the folded conversion runs both ways, its uint8 planes split and
     * merged in Java with the Vector API and by ONNX Runtime's Transposes (IN_GRAPH_WITH_TRANSPOSES), which must give
     * the same bytes; and the default (IN_GRAPH: each side folded or in Java, whichever is cheaper) must too.
     */
    private static byte[][] bothWays(OnnxModelSpec spec, AugmentInput in) {
        try (OnnxBackend folded = new OnnxBackend(spec, OnnxBackend.Conversion.IN_GRAPH_BOTH_SIDES);
             OnnxBackend transposed = new OnnxBackend(spec, OnnxBackend.Conversion.IN_GRAPH_WITH_TRANSPOSES);
             OnnxBackend byDefault = new OnnxBackend(spec, OnnxBackend.Conversion.IN_GRAPH);
             OnnxBackend java = new OnnxBackend(spec, OnnxBackend.Conversion.JAVA)) {
            assertTrue(folded.inputFolded() && folded.outputFolded(), spec.model() + " was not folded");
            assertTrue(transposed.conversionInGraph(), spec.model() + " was not folded with Transposes");
            assertFalse(java.conversionInGraph());
            assertTrue(java.floatsWithVectorApi(), "the Java conversion without the Vector API in the test JVM");
            boolean nchw = spec.layout() == OnnxModelSpec.Layout.NCHW;
            assertEquals(nchw, folded.planesSplitInJava(), spec.model() + ": planes split in Java");
            assertFalse(transposed.planesSplitInJava());
            String what = spec.model() + " mean " + spec.mean()[0] + " std " + spec.std()[0];
            // twice: the second frame reuses the tensors
            folded.augment(in, folded.space().identity(), 1);
            transposed.augment(in, transposed.space().identity(), 1);
            byDefault.augment(in, byDefault.space().identity(), 1);
            java.augment(in, java.space().identity(), 1);
            byte[] viaPlanes = folded.augment(in, folded.space().identity(), 2);
            assertArrayEquals(transposed.augment(in, transposed.space().identity(), 2), viaPlanes, what + ": planes in Java against ONNX Runtime's Transposes");
            assertArrayEquals(byDefault.augment(in, byDefault.space().identity(), 2), viaPlanes, what + ": the default against both sides folded");
            return new byte[][] {viaPlanes, java.augment(in, java.space().identity(), 2)};
        }
    }

    @Test
    void theIdentityModelGivesBackEveryCodeInBothLayoutsAndNormalisations() {
        for (OnnxModelSpec s : new OnnxModelSpec[] {spec("identity.onnx", OnnxModelSpec.Layout.NCHW), spec("identity_nhwc.onnx", OnnxModelSpec.Layout.NHWC)}) {
            for (OnnxModelSpec spec : new OnnxModelSpec[] {s, imagenet(s), symmetric(s), perChannelScale(s)}) {
                byte[][] out = bothWays(spec, allCodes);
                assertArrayEquals(allCodes.rgb8(), out[0], spec.model() + " mean " + spec.mean()[0] + " folded");
                assertArrayEquals(allCodes.rgb8(), out[1], spec.model() + " mean " + spec.mean()[0] + " in Java");
            }
        }
    }

    @Test
    void anAffineModelGivesTheSamePixelsFoldedAsInJavaRoundingAndClampingIncluded() {
        for (OnnxModelSpec s : new OnnxModelSpec[] {spec("affine.onnx", OnnxModelSpec.Layout.NCHW), spec("affine_nhwc.onnx", OnnxModelSpec.Layout.NHWC),
                spec("affine_opset10.onnx", OnnxModelSpec.Layout.NCHW), spec("affine_opset7.onnx", OnnxModelSpec.Layout.NCHW)}) {
            for (OnnxModelSpec spec : new OnnxModelSpec[] {s, imagenet(s), symmetric(s), perChannelScale(s)}) {
                byte[][] out = bothWays(spec, allCodes);
                assertArrayEquals(out[1], out[0], spec.model() + " mean " + spec.mean()[0] + " std " + spec.std()[0]);
                // The model's formula (gains 1.37, -0.6, 0.93) must have clamped codes at both ends and left others
                // in between, or the test would not pin the clamp.
                int zeros = 0, full = 0, between = 0;
                for (byte b : out[0]) {
                    int c = b & 0xFF;
                    if (c == 0) {
                        zeros++;
                    } else if (c == 255) {
                        full++;
                    } else {
                        between++;
                    }
                }
                assertTrue(zeros > 100 && full > 100 && between > 10000, zeros + " zeros, " + full + " at 255, " + between + " between");
            }
        }
        // Plain normalisation, red: code' = clamp(trunc(255 (1.37 c / 255 - 0.11) + 0.5)), computed in double here;
        // float rounding may move a value that lies within 1e-3 of a half-code boundary, so those are left out.
        byte[] out = bothWays(spec("affine_nhwc.onnx", OnnxModelSpec.Layout.NHWC), allCodes)[0];
        int checked = 0;
        for (int p = 0; p < W * H; p++) {
            int c = allCodes.rgb8()[3 * p] & 0xFF;
            double v = 255 * (1.37 * c / 255 - 0.11) + 0.5;
            if (Math.abs(v - Math.rint(v)) > 1e-3) {
                assertEquals((int) Math.min(255, Math.max(0, Math.floor(v))), out[3 * p] & 0xFF, "red code " + c);
                checked++;
            }
        }
        assertTrue(checked > W * H / 2);
    }

    @Test
    void tiesRoundHalfToEvenFoldedAndInJava() {
        // ONNX QuantizeLinear rounds "to nearest ties to even" (Operators.md), and so does the Java path. With std
        // 256/255 the input is code / 256 exactly (a power-of-two scale, offset -0.5 for mean 128/255), the models
        // add 2^-9, so 255 (y std + mean) is code + 0.5 exactly: even codes stay, odd ones go up by one, 255 saturates.
        // Both ways of the output (QuantizeLinear alone for mean 0, multiply-add then QuantizeLinear 1 otherwise), both
        // layouts, and opset 7, where the rounding is Clip, + 2^23, - 2^23, Cast.
        double std = 256.0 / 255;
        for (OnnxModelSpec s : new OnnxModelSpec[] {spec("half_shift.onnx", OnnxModelSpec.Layout.NCHW), spec("half_shift_nhwc.onnx", OnnxModelSpec.Layout.NHWC),
                spec("half_shift_opset7.onnx", OnnxModelSpec.Layout.NCHW)}) {
            for (double mean : new double[] {0, 128.0 / 255}) {
                OnnxModelSpec spec = new OnnxModelSpec(s.model(), s.rgbInput(), s.depthInput(), s.semanticInput(), s.output(), s.layout(),
                        new double[] {mean, mean, mean}, new double[] {std, std, std}, s.depthMaxM(), s.executionProvider(), s.cudaDevice(),
                        s.intraOpThreads());
                byte[][] out = bothWays(spec, allCodes);
                for (int i = 0; i < out[0].length; i++) {
                    int c = allCodes.rgb8()[i] & 0xFF;
                    int expected = Math.min(255, c % 2 == 0 ? c : c + 1);
                    assertEquals(expected, out[0][i] & 0xFF, spec.model() + " mean " + mean + " folded, code " + c);
                    assertEquals(expected, out[1][i] & 0xFF, spec.model() + " mean " + mean + " in Java, code " + c);
                }
            }
        }
    }

    /** The graph's operators in order, Constants left out, each with " axis" where it has that attribute (onnx.proto field numbers, see Rgb8Folding). */
    private static List<String> ops(byte[] model) {
        List<String> ops = new ArrayList<>();
        for (ProtoWire.Field g : ProtoWire.parse(model)) {
            if (g.number() != 7) {
                continue;
            }
            for (ProtoWire.Field n : ProtoWire.parse(g.payload())) {
                if (n.number() != 1 || n.wireType() != ProtoWire.LEN) {
                    continue;
                }
                String op = "";
                boolean axis = false;
                for (ProtoWire.Field f : ProtoWire.parse(n.payload())) {
                    if (f.number() == 4 && f.wireType() == ProtoWire.LEN) {
                        op = f.string();
                    } else if (f.number() == 5 && f.wireType() == ProtoWire.LEN) {
                        axis |= ProtoWire.parse(f.payload()).stream().anyMatch(a -> a.number() == 1 && a.wireType() == ProtoWire.LEN && a.string().equals("axis"));
                    }
                }
                if (!op.equals("Constant")) {
                    ops.add(op + (axis ? " axis" : ""));
                }
            }
        }
        return ops;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFoldedNodesAreTheFewestThatKeepThePixels() throws Exception {
        // The kernels ONNX Runtime runs for the conversion (each a pass over an 11 MB float tensor at 1280x720):
        // the way out is one QuantizeLinear for mean 0 (Operators.md: divide, saturate, round half to even, cast),
        // the multiply-add and a QuantizeLinear with scale 1 otherwise; the way in a DequantizeLinear for mean 0,
        // per channel (axis) before a Conv (ONNX Runtime's WeightBiasQuantization takes a scalar one as its cue).
        Rgb8Codec unit = Rgb8Codec.of(new double[] {0, 0, 0}, new double[] {1, 1, 1});
        Rgb8Codec imagenet = Rgb8Codec.of(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
        Object[][] cases = {
                {"identity.onnx", true, unit, List.of("Transpose", "DequantizeLinear", "Identity", "QuantizeLinear", "Transpose")},
                {"identity.onnx", true, imagenet, List.of("Transpose", "Cast", "BatchNormalization", "Identity", "BatchNormalization", "QuantizeLinear", "Transpose")},
                {"identity_nhwc.onnx", false, unit, List.of("DequantizeLinear", "Identity", "QuantizeLinear")},
                {"conv.onnx", true, unit, List.of("Transpose", "DequantizeLinear axis", "Conv", "QuantizeLinear", "Transpose")},
                {"conv_nhwc.onnx", false, unit, List.of("Cast", "BatchNormalization", "Transpose", "Conv", "Transpose", "QuantizeLinear")},
                {"affine_opset10.onnx", true, unit, List.of("Transpose", "DequantizeLinear", "Mul", "Add", "QuantizeLinear", "Transpose")},
                {"affine_opset7.onnx", true, unit, List.of("Transpose", "Cast", "BatchNormalization", "Mul", "Add", "Div", "Clip", "Add", "Add", "Cast", "Transpose")}};
        for (Object[] c : cases) {
            Rgb8Folding.Folded f = Rgb8Folding.fold(Files.readAllBytes(dir.resolve((String) c[0])), Optional.of("rgb"), Optional.of("out"), (Boolean) c[1],
                    (Rgb8Codec) c[2]);
            assertEquals(c[3], ops(f.model()), c[0] + (c[2] == unit ? " [0, 1]" : " ImageNet"));
            // With the planes split and merged in Java (PlanarCodes): the same nodes less the two Transposes.
            List<String> planar = new ArrayList<>((List<String>) c[3]);
            if ((Boolean) c[1]) {
                planar.remove(planar.size() - 1);
                planar.remove(0);
            }
            Rgb8Folding.Folded p = Rgb8Folding.fold(Files.readAllBytes(dir.resolve((String) c[0])), Optional.of("rgb"), Optional.of("out"), (Boolean) c[1],
                    true, (Rgb8Codec) c[2]);
            assertEquals(planar, ops(p.model()), c[0] + (c[2] == unit ? " [0, 1]" : " ImageNet") + ", planes in Java");
        }
    }

    @Test
    void onTheCpuWithTheVectorApiJavaConvertsBothSidesAndWithoutItTheGraphDoes() throws Exception {
        // Rgb8Folding.inputCheaperInJava, outputCheaperInJava, with the Vector API's kernels (this JVM) on the CPU: Java
        // converts both sides of every normalisation (a mean that is not 0 would take two graph passes each way, and
        // even [0, 1]'s DequantizeLinear and QuantizeLinear with the copies of the codes cost more). The pixels are
        // pinned against the Java conversion and both sides folded over all codes by the tests above (bothWays),
        // which run these same specs.
        OnnxModelSpec nhwc = spec("identity_nhwc.onnx", OnnxModelSpec.Layout.NHWC), nchw = spec("identity.onnx", OnnxModelSpec.Layout.NCHW);
        Object[][] cases = {{nhwc, false, false}, {imagenet(nhwc), false, false}, {symmetric(nhwc), false, false}, {perChannelScale(nhwc), false, false},
                {nchw, false, false}, {imagenet(nchw), false, false}, {symmetric(nchw), false, false}, {perChannelScale(nchw), false, false}};
        for (Object[] c : cases) {
            OnnxModelSpec s = (OnnxModelSpec) c[0];
            boolean isNchw = s.layout() == OnnxModelSpec.Layout.NCHW;
            Rgb8Codec codec = Rgb8Codec.of(s.mean(), s.std());
            try (OnnxBackend b = new OnnxBackend(s, OnnxBackend.Conversion.IN_GRAPH)) {
                String what = s.model().getFileName() + " mean " + s.mean()[0] + " std " + s.std()[0] + "/" + s.std()[1];
                assertEquals(c[1], b.inputFolded(), what + ": input folded");
                assertEquals(c[2], b.outputFolded(), what + ": output folded");
                assertEquals(!(Boolean) c[1], Rgb8Folding.inputCheaperInJava(codec, isNchw, true), what);
                assertEquals(!(Boolean) c[2], Rgb8Folding.outputCheaperInJava(codec, true), what);
                assertArrayEquals(allCodes.rgb8(), b.augment(allCodes, b.space().identity(), 1), what);
            }
            // without the Vector API's kernels (the rule before them, and IN_GRAPH_WITH_TRANSPOSES's): only NHWC with a
            // scale or offset per channel keeps its input in Java (the table), and every output folds
            boolean perChannelNhwc = !isNchw && (s.mean()[0] != s.mean()[1] || s.std()[0] != s.std()[1]);
            assertEquals(perChannelNhwc, Rgb8Folding.inputCheaperInJava(codec, isNchw, false), s.model() + " without the kernels");
            assertFalse(Rgb8Folding.outputCheaperInJava(codec, false));
            try (OnnxBackend b = new OnnxBackend(s, OnnxBackend.Conversion.IN_GRAPH_WITH_TRANSPOSES)) {
                assertEquals(!perChannelNhwc, b.inputFolded(), s.model() + ": IN_GRAPH_WITH_TRANSPOSES's input folded");
                assertTrue(b.outputFolded(), s.model() + ": IN_GRAPH_WITH_TRANSPOSES's output folded");
                assertArrayEquals(allCodes.rgb8(), b.augment(allCodes, b.space().identity(), 1), s.model() + " with Transposes");
            }
            // kept to compare (the benchmark's third way): both sides folded, the same pixels
            try (OnnxBackend b = new OnnxBackend(s, OnnxBackend.Conversion.IN_GRAPH_BOTH_SIDES)) {
                assertTrue(b.inputFolded() && b.outputFolded(), s.model() + ": IN_GRAPH_BOTH_SIDES folds both sides");
                assertArrayEquals(allCodes.rgb8(), b.augment(allCodes, b.space().identity(), 1), s.model() + " both sides folded");
            }
        }
        // The model IN_GRAPH_WITH_TRANSPOSES runs for NHWC ImageNet: the output side only.
        Rgb8Folding.Folded f = Rgb8Folding.fold(Files.readAllBytes(dir.resolve("identity_nhwc.onnx")), Optional.empty(), Optional.of("out"), false,
                Rgb8Codec.of(imagenet(nhwc).mean(), imagenet(nhwc).std()));
        assertEquals(List.of("Identity", "Mul", "Add", "QuantizeLinear"), ops(f.model()));
    }

    @Test
    void theJavaRoundingIsQuantizeLinears() {
        // Operators.md, QuantizeLinear: saturate(round(x / scale) + zero_point), ties to even; ONNX Runtime's kernel
        // (mlas quantize.cpp) gives 0 for NaN.
        float[] v = {0.5f, 1.5f, 2.5f, 3.5f, 254.5f, -0.5f, -3f, 255.49998f, 255.5f, 1e9f, 0.49999997f, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        int[] code = {0, 2, 2, 4, 254, 0, 0, 255, 255, 255, 0, 0, 255, 0};
        for (int i = 0; i < v.length; i++) {
            assertEquals(code[i], Rgb8Codec.code(v[i]), "value " + v[i]);
        }
    }

    @Test
    void aModelEndingInAConvGivesTheSamePixels() {
        // ONNX Runtime may fuse a multiply-add that follows a Conv into the Conv's weights (its ConvBNFusion /
        // ConvMulFusion / ConvAddFusion), which would change the float rounding: pinned here that it does not
        // change the codes, in both normalisations.
        // Likewise its WeightBiasQuantization, which quantizes a Conv's weights to int8 between a DequantizeLinear
        // with one scale and a QuantizeLinear (see Rgb8Folding): in NCHW and in NHWC (a Conv between Transposes).
        OnnxModelSpec s = spec("conv.onnx", OnnxModelSpec.Layout.NCHW);
        OnnxModelSpec t = spec("conv_nhwc.onnx", OnnxModelSpec.Layout.NHWC);
        for (OnnxModelSpec spec : new OnnxModelSpec[] {s, imagenet(s), symmetric(s), perChannelScale(s), t, imagenet(t), symmetric(t)}) {
            byte[][] out = bothWays(spec, allCodes);
            int differ = 0;
            for (int i = 0; i < out[0].length; i++) {
                differ += out[0][i] != out[1][i] ? 1 : 0;
            }
            assertEquals(0, differ, spec.model() + " mean " + spec.mean()[0] + ": codes that differ");
        }
    }

    @Test
    void conditioningInputsKeepWorkingWhenTheRgbConversionIsFolded() {
        OnnxModelSpec[] specs = {
                OnnxModelSpec.simple(dir.resolve("exposure.onnx"), Optional.of("depth"), Optional.empty()),
                OnnxModelSpec.simple(dir.resolve("exposure_nhwc.onnx"), Optional.of("depth"), Optional.empty()).withLayout(OnnxModelSpec.Layout.NHWC),
                imagenet(OnnxModelSpec.simple(dir.resolve("semantic.onnx"), Optional.empty(), Optional.of("classes")))};
        AugmentInput rendered = TestFrames.render(W, H);
        for (OnnxModelSpec spec : specs) {
            byte[][] out = bothWays(spec, rendered);
            assertArrayEquals(out[1], out[0], spec.model().toString());
            assertFalse(java.util.Arrays.equals(rendered.rgb8(), out[0]), spec.model() + " changed nothing: the conditioning did not arrive");
        }
    }

    @Test
    void aModelThatCannotBeFoldedIsConvertedInJavaAndStillGivesEveryCodeBack() {
        // Symbolic height and width in NHWC: [0, 1] folds (scalars), a scale per channel needs the width fixed (both
        // sides asked for in the graph: by default this JVM converts in Java anyway).
        OnnxModelSpec s = spec("identity_dynamic_nhwc.onnx", OnnxModelSpec.Layout.NHWC);
        for (OnnxModelSpec spec : new OnnxModelSpec[] {s, imagenet(s)}) {
            try (OnnxBackend b = new OnnxBackend(spec, OnnxBackend.Conversion.IN_GRAPH_BOTH_SIDES)) {
                assertEquals(spec == s, b.conversionInGraph(), spec.model() + " mean " + spec.mean()[0]);
                assertArrayEquals(allCodes.rgb8(), b.augment(allCodes, b.space().identity(), 1));
            }
        }
    }

    @Test
    void oddFrameSizesGiveEveryCodeBackEveryWay() {
        // The symbolic-size model at frame sizes that leave vector and chunk tails (FloatCodesVector: 3 vectors a
        // pattern, 16 patterns a chunk; PlaneVector: 32 pixels), a size of one pixel and the size changing between
        // frames (the tensors made again): the default (Java's kernels), the Java path and both sides folded where
        // that folds, in every normalisation.
        OnnxModelSpec s = spec("identity_dynamic_nhwc.onnx", OnnxModelSpec.Layout.NHWC);
        for (OnnxModelSpec spec : new OnnxModelSpec[] {s, imagenet(s), symmetric(s), perChannelScale(s)}) {
            for (OnnxBackend.Conversion conversion : new OnnxBackend.Conversion[] {OnnxBackend.Conversion.IN_GRAPH, OnnxBackend.Conversion.JAVA,
                    OnnxBackend.Conversion.IN_GRAPH_BOTH_SIDES}) {
                try (OnnxBackend b = new OnnxBackend(spec, conversion)) {
                    for (int[] size : new int[][] {{37, 21}, {1, 1}, {255, 3}, {17, 97}, {256, 192}}) {
                        int w = size[0], h = size[1];
                        AugmentInput in = allCodes(w, h);
                        byte[] rgb = in.rgb8();
                        assertArrayEquals(rgb, b.augment(in, b.space().identity(), 1), spec.mean()[0] + " " + conversion + " " + w + "x" + h);
                    }
                }
            }
        }
    }

    @Test
    void theNewTensorsTakeNamesTheModelDoesNotUse() throws Exception {
        Rgb8Folding.Folded f = Rgb8Folding.fold(Files.readAllBytes(dir.resolve("identity_named.onnx")), Optional.of("rgb"), Optional.of("out"), true,
                Rgb8Codec.of(new double[] {0, 0, 0}, new double[] {1, 1, 1}));
        assertEquals(Optional.of("hilbridge_fold2_rgb8"), f.rgb8Input());
        byte[][] out = bothWays(spec("identity_named.onnx", OnnxModelSpec.Layout.NCHW), allCodes);
        assertArrayEquals(allCodes.rgb8(), out[0]);
    }

    @Test
    void uint8ModelsAreLeftAsTheyAre() {
        try (OnnxBackend b = new OnnxBackend(spec("tint_u8_nhwc.onnx", OnnxModelSpec.Layout.NHWC))) {
            assertFalse(b.conversionInGraph());
        }
    }

    @Test
    void aModelReadAndRewrittenFieldByFieldIsTheSameBytes() throws Exception {
        for (String name : new String[] {"identity.onnx", "exposure.onnx", "semantic.onnx", "blob.onnx", "affine_opset10.onnx"}) {
            byte[] model = Files.readAllBytes(dir.resolve(name));
            ProtoWire.Writer w = new ProtoWire.Writer();
            ProtoWire.parse(model).forEach(w::copy);
            assertArrayEquals(model, w.toByteArray(), name);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProtoWire.parse(new byte[] {0x0A, 0x05, 0x01}));
        assertTrue(e.getMessage().contains("claims 5 bytes, 1 remain"), e.getMessage());
    }

    @Test
    void theRewrittenModelsPassTheOnnxChecker() throws Exception {
        // Every way of folding: ImageNet (Cast and BatchNormalization, or Mul and Add in NHWC), [0, 1] (one
        // DequantizeLinear), mean 0 with a std per channel (DequantizeLinear per channel), at opsets 17, 10 and 7.
        Rgb8Codec[] codecs = {Rgb8Codec.of(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}),
                Rgb8Codec.of(new double[] {0, 0, 0}, new double[] {1, 1, 1}), Rgb8Codec.of(new double[] {0, 0, 0}, new double[] {0.5, 0.25, 1})};
        List<String> files = new ArrayList<>();
        // "planar": NCHW with the planes split and merged in Java (uint8 NCHW tensors, no Transposes).
        String[][] models = {{"affine.onnx", "nchw"}, {"affine_nhwc.onnx", "nhwc"}, {"affine_opset10.onnx", "nchw"}, {"exposure.onnx", "nchw"},
                {"affine_opset7.onnx", "nchw"}, {"affine.onnx", "planar"}, {"affine_opset10.onnx", "planar"}, {"affine_opset7.onnx", "planar"}};
        for (int k = 0; k < models.length * codecs.length; k++) {
            String[] m = models[k % models.length];
            Rgb8Folding.Folded f = Rgb8Folding.fold(Files.readAllBytes(dir.resolve(m[0])), Optional.of("rgb"), Optional.of("out"), !m[1].equals("nhwc"),
                    m[1].equals("planar"), codecs[k / models.length]);
            assertEquals(Optional.of("hilbridge_fold_rgb8"), f.rgb8Input());
            assertEquals(Optional.of("hilbridge_fold_out_rgb8"), f.rgb8Output());
            Path out = dir.resolve("folded" + k / models.length + (m[1].equals("planar") ? "_planar_" : "_") + m[0]);
            Files.write(out, f.model());
            files.add(out.toString());
        }
        // Full check, then the graph's inputs and outputs as the checker's shape inference sees them.
        String script = String.join("\n",
                "import sys, onnx",
                "for path in sys.argv[1:]:",
                "    m = onnx.load(path)",
                "    onnx.checker.check_model(m, full_check=True)",
                "    io = [(v.name, v.type.tensor_type.elem_type, [d.dim_value for d in v.type.tensor_type.shape.dim]) for v in list(m.graph.input) + list(m.graph.output)]",
                "    print(path.split('/')[-1], io)");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(files);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "onnx.checker did not finish");
            assertEquals(0, p.exitValue(), "onnx.checker refused a rewritten model (python3-onnx needed):\n" + log);
            // uint8 (2) [1, H, W, 3] in and out, whatever the model's own layout (unless planar); the model's own float (1) output kept
            String in = "('hilbridge_fold_rgb8', 2, [1, " + H + ", " + W + ", 3])";
            String out = "('hilbridge_fold_out_rgb8', 2, [1, " + H + ", " + W + ", 3])";
            String nchw = "('out', 1, [1, 3, " + H + ", " + W + "])";
            String nhwc = "('out', 1, [1, " + H + ", " + W + ", 3])";
            for (int c = 0; c < codecs.length; c++) {
                assertTrue(log.contains("folded" + c + "_affine.onnx [" + in + ", " + nchw + ", " + out + "]"), log);
                assertTrue(log.contains("folded" + c + "_affine_nhwc.onnx [" + in + ", " + nhwc + ", " + out + "]"), log);
                assertTrue(log.contains("folded" + c + "_affine_opset10.onnx [" + in + ", " + nchw + ", " + out + "]"), log);
                assertTrue(log.contains("folded" + c + "_affine_opset7.onnx [" + in + ", " + nchw + ", " + out + "]"), log);
                assertTrue(log.contains("folded" + c + "_exposure.onnx [('depth', 1, [1, 1, " + H + ", " + W + "]), " + in + ", " + nchw + ", " + out + "]"), log);
                // planes in Java: uint8 [1, 3, H, W] in and out
                String inPlanes = "('hilbridge_fold_rgb8', 2, [1, 3, " + H + ", " + W + "])";
                String outPlanes = "('hilbridge_fold_out_rgb8', 2, [1, 3, " + H + ", " + W + "])";
                for (String model : new String[] {"affine.onnx", "affine_opset10.onnx", "affine_opset7.onnx"}) {
                    assertTrue(log.contains("folded" + c + "_planar_" + model + " [" + inPlanes + ", " + nchw + ", " + outPlanes + "]"), log);
                }
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
