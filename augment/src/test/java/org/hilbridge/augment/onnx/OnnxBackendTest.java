package org.hilbridge.augment.onnx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Optional;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learned backend through ONNX Runtime with models built at test time: the positive control (a colour and
 * exposure change driven by the depth input) passes the grounding gate; the negative controls (a 3-pixel
 * shift, a painted blob) are rejected and the raw frame goes out instead.
 */
@Timeout(120)
class OnnxBackendTest {
    static final int W = 256;
    static final int H = 192;
    @TempDir
    static Path dir;
    static AugmentInput raw;

    @BeforeAll
    static void models() throws Exception {
        TestModels.build(dir, W, H);
        raw = TestFrames.render(W, H);
    }

    private static AugmentedFrame run(OnnxModelSpec spec) throws Exception {
        try (Augmenter a = new Augmenter(new OnnxBackend(spec), new GroundingGate(GateThresholds.DEFAULT), 1)) {
            return a.apply(raw, a.backend().space().identity());
        }
    }

    @Test
    void theIdentityModelReturnsTheRawPixelsExactly() throws Exception {
        AugmentedFrame f = run(OnnxModelSpec.simple(dir.resolve("identity.onnx"), Optional.empty(), Optional.empty()));
        assertEquals(Outcome.AUGMENTED, f.outcome());
        assertArrayEquals(raw.rgb8(), f.rgb8());
        assertEquals("onnx", f.provenance().backend());
        assertEquals(64, f.provenance().modelHash().length());
    }

    @Test
    void anExposureChangeDrivenByDepthPassesTheGateInBothLayouts() throws Exception {
        for (OnnxModelSpec spec : new OnnxModelSpec[] {
                OnnxModelSpec.simple(dir.resolve("exposure.onnx"), Optional.of("depth"), Optional.empty()),
                OnnxModelSpec.simple(dir.resolve("exposure_nhwc.onnx"), Optional.of("depth"), Optional.empty()).withLayout(OnnxModelSpec.Layout.NHWC)}) {
            AugmentedFrame f = run(spec);
            assertEquals(Outcome.AUGMENTED, f.outcome(), spec.model() + " " + f.scores());
            // The model's formula, per pixel: red x 1.15 (x dimming), blue x 0.8; pixel (10, 150) is near ground.
            int p = 150 * W + 10;
            double dimming = 1 - 0.003 * Math.min(raw.depthM()[p], 100);
            assertEquals(Math.min(255, Math.round((raw.rgb8()[3 * p] & 0xFF) * 1.15 * dimming)), f.rgb8()[3 * p] & 0xFF, 1);
            assertEquals(Math.round((raw.rgb8()[3 * p + 2] & 0xFF) * 0.8 * dimming), f.rgb8()[3 * p + 2] & 0xFF, 1);
            assertNotEquals(raw.rgb8()[3 * p], f.rgb8()[3 * p]);
        }
    }

    @Test
    void semanticIdsReachAnInt64InputByName() throws Exception {
        AugmentedFrame f = run(OnnxModelSpec.simple(dir.resolve("semantic.onnx"), Optional.empty(), Optional.of("classes")));
        assertEquals(Outcome.AUGMENTED, f.outcome(), f.scores().toString());
        int checked = 0;
        for (int p = 0; p < W * H; p += 97) {
            double factor = 1 - 0.02 * raw.semantic()[p];
            assertEquals(Math.round((raw.rgb8()[3 * p + 1] & 0xFF) * factor), f.rgb8()[3 * p + 1] & 0xFF, 1, "pixel " + p);
            checked++;
        }
        assertTrue(checked > 100);
    }

    /** ImageNet-style normalisation (torchvision's mean and std), x = (code / 255 - mean) / std. */
    private static OnnxModelSpec imagenet(OnnxModelSpec s) {
        return new OnnxModelSpec(s.model(), s.rgbInput(), s.depthInput(), s.semanticInput(), s.output(), s.layout(),
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, s.depthMaxM(), s.executionProvider(), s.cudaDevice(),
                s.intraOpThreads());
    }

    @Test
    void theIdentityModelUnderImagenetNormalisationStillReturnsTheRawPixelsExactly() throws Exception {
        AugmentedFrame f = run(imagenet(OnnxModelSpec.simple(dir.resolve("identity.onnx"), Optional.empty(), Optional.empty())));
        assertEquals(Outcome.AUGMENTED, f.outcome());
        assertArrayEquals(raw.rgb8(), f.rgb8());
    }

    @Test
    void normalisationIsAppliedOnTheWayInAndInvertedOnTheWayOut() throws Exception {
        // The semantic model scales its input: y = x (1 - 0.02 id). With x = (c / 255 - m) / s in and
        // c' = 255 (y s + m) out, c' = c f + 255 m (1 - f) with f = 1 - 0.02 id: unlike c f (what an
        // un-normalised run gives), it moves dark pixels of a high class id up by 255 m (1 - f).
        AugmentedFrame f = run(imagenet(OnnxModelSpec.simple(dir.resolve("semantic.onnx"), Optional.empty(), Optional.of("classes"))));
        int checked = 0;
        int moved = 0;
        for (int p = 0; p < W * H; p += 97) {
            double factor = 1 - 0.02 * raw.semantic()[p];
            int c = raw.rgb8()[3 * p + 1] & 0xFF;
            long expected = Math.min(255, Math.round(c * factor + 255 * 0.456 * (1 - factor)));
            assertEquals(expected, f.rgb8()[3 * p + 1] & 0xFF, 1, "pixel " + p);
            if (Math.abs(expected - Math.round(c * factor)) > 2) {
                moved++;
            }
            checked++;
        }
        assertTrue(checked > 100);
        assertTrue(moved > 10, "only " + moved + " pixels tell normalised from un-normalised: the test frame needs more class ids");
    }

    @Test
    void aUint8ModelTakesAndGivesTheCodesAsTheyAreInBothLayouts() throws Exception {
        // tint_u8: out = uint8(code x (0.5, 1, 0.75)) per channel (ONNX Cast rounds toward zero); green passes
        // unchanged, so a channel or a plane out of place shows.
        for (OnnxModelSpec spec : new OnnxModelSpec[] {
                OnnxModelSpec.simple(dir.resolve("tint_u8.onnx"), Optional.empty(), Optional.empty()),
                OnnxModelSpec.simple(dir.resolve("tint_u8_nhwc.onnx"), Optional.empty(), Optional.empty()).withLayout(OnnxModelSpec.Layout.NHWC)}) {
            try (OnnxBackend b = new OnnxBackend(spec)) {
                byte[] out = b.augment(raw, b.space().identity(), 1);
                double[] gain = {0.5, 1, 0.75};
                for (int i = 0; i < out.length; i++) {
                    int code = raw.rgb8()[i] & 0xFF;
                    assertEquals((int) (code * gain[i % 3]), out[i] & 0xFF, spec.model().getFileName() + " byte " + i);
                }
            }
        }
    }

    @Test
    void aThreePixelShiftIsRejectedAndTheRawFrameSent() throws Exception {
        AugmentedFrame f = run(OnnxModelSpec.simple(dir.resolve("shift3.onnx"), Optional.empty(), Optional.empty()));
        assertEquals(Outcome.REJECTED, f.outcome(), f.scores().toString());
        assertSame(raw.rgb8(), f.rgb8());
    }

    @Test
    void aPaintedBlobIsRejectedAndTheRawFrameSent() throws Exception {
        AugmentedFrame f = run(OnnxModelSpec.simple(dir.resolve("blob.onnx"), Optional.empty(), Optional.empty()));
        assertEquals(Outcome.REJECTED, f.outcome(), f.scores().toString());
        assertSame(raw.rgb8(), f.rgb8());
    }

    @Test
    void misnamedInputsAndAFrameOfTheWrongSizeAreRefusedNamingWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnnxBackend(OnnxModelSpec.simple(dir.resolve("exposure.onnx"), Optional.of("range"), Optional.empty())));
        assertTrue(e.getMessage().startsWith("augment.onnx.depth_input = 'range' is not an input of the model"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new OnnxBackend(OnnxModelSpec.simple(dir.resolve("exposure.onnx"), Optional.empty(), Optional.empty())));
        assertTrue(e.getMessage().contains("has input 'depth' that no augment.onnx.*_input names"), e.getMessage());
        try (OnnxBackend b = new OnnxBackend(OnnxModelSpec.simple(dir.resolve("blob.onnx"), Optional.empty(), Optional.empty()))) {
            AugmentInput small = TestFrames.synthetic(64, 48, 100, (u, v) -> 10);
            e = assertThrows(IllegalArgumentException.class, () -> b.augment(small, b.space().identity(), 1));
            assertTrue(e.getMessage().contains("has shape [1, 3, 192, 256]"), e.getMessage());
        }
    }

    /**
     * The session that runs the frames is the one profiled: the folded model's (its added nodes' kernels are in the
     * profile, by the names Rgb8Folding gives them), or the model as it is where nothing is folded (a uint8 model);
     * one profile file per backend, and asking a backend made without a prefix is an error.
     */
    @Test
    void aProfiledBackendGivesONNXRuntimesProfileOfTheSessionThatRuns() throws Exception {
        Path profiles = dir.resolve("profiles");
        java.nio.file.Files.createDirectories(profiles);
        String[][] cases = {{"identity.onnx", "\"hilbridge_fold_dequantize_kernel_time\""}, {"tint_u8.onnx", "\"op_name\" : \"Mul\""}};
        for (String[] c : cases) {
            OnnxModelSpec spec = OnnxModelSpec.simple(dir.resolve(c[0]), Optional.empty(), Optional.empty());
            Path json;
            // both sides in the graph (by default this JVM converts a float model in Java: nothing of ours to profile)
            try (OnnxBackend b = new OnnxBackend(spec, OnnxBackend.Conversion.IN_GRAPH_BOTH_SIDES, Optional.of(profiles.resolve(c[0]).toString()))) {
                assertEquals(c[0].equals("identity.onnx"), b.conversionInGraph());
                b.augment(raw, b.space().identity(), 1);
                json = b.endProfiling();
            }
            String text = java.nio.file.Files.readString(json);
            assertTrue(json.getFileName().toString().startsWith(c[0]), json.toString());
            assertTrue(text.contains(c[1]), c[0] + ": no " + c[1] + " in " + json);
        }
        try (var files = java.nio.file.Files.list(profiles)) {
            assertEquals(cases.length, files.count(), "one profile per backend: the folding's discarded session writes none");
        }
        try (OnnxBackend b = new OnnxBackend(OnnxModelSpec.simple(dir.resolve("identity.onnx"), Optional.empty(), Optional.empty()))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, b::endProfiling);
            assertTrue(e.getMessage().contains("without a profile prefix"), e.getMessage());
        }
    }

    @Test
    void cudaWithoutItsProviderIsRefusedSayingWhatToInstall() {
        if (ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA)) {
            return;   // the GPU build on a GPU machine: nothing to refuse
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxBackend(
                OnnxModelSpec.simple(dir.resolve("identity.onnx"), Optional.empty(), Optional.empty()).withExecutionProvider("cuda")));
        assertTrue(e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
    }
}
