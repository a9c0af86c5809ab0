package org.hilbridge.augment.onnx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM without module jdk.incubator.vector (the hil tests' child JVMs, a launcher without --add-modules) keeps the
 * path before the Vector API's kernels: the scalar Java loops (FloatCodes without FloatCodesVector, whose class must
 * not even load there) and the folding rule before them (ImageNet and [-1, 1] folded into the graph, the input of
 * NHWC with a scale or offset per channel by Java's table), and still gives every code back. Run in a child JVM of
 * this one's java and class path, without the module.
 */
@Timeout(180)
class WithoutVectorApiTest {
    static final int W = 96;
    static final int H = 64;

    @TempDir
    Path dir;

    @Test
    void aJvmWithoutTheModuleKeepsTheScalarPathAndTheFoldingRuleBeforeIt() throws Exception {
        TestModels.build(dir, W, H);
        ChildJvm.run(List.of(), Child.class, "every code back, 8 specs x 2 conversions", dir.toString());
    }

    /** The child: checks and exits non-zero on the first failure (an AssertionError). */
    public static final class Child {
        public static void main(String[] args) {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                throw new AssertionError("the child JVM has module jdk.incubator.vector");
            }
            Path dir = Path.of(args[0]);
            AugmentInput allCodes = Rgb8FoldingTest.allCodes(W, H);
            double[][][] norms = {{{0, 0, 0}, {1, 1, 1}}, {{0.485, 0.456, 0.406}, {0.229, 0.224, 0.225}}, {{0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}},
                    {{0, 0, 0}, {0.5, 0.25, 1}}};
            int specs = 0;
            for (String file : List.of("identity.onnx", "identity_nhwc.onnx")) {
                OnnxModelSpec.Layout layout = file.contains("nhwc") ? OnnxModelSpec.Layout.NHWC : OnnxModelSpec.Layout.NCHW;
                for (double[][] ms : norms) {
                    OnnxModelSpec s = OnnxModelSpec.simple(dir.resolve(file), Optional.empty(), Optional.empty()).withLayout(layout);
                    OnnxModelSpec spec = new OnnxModelSpec(s.model(), s.rgbInput(), s.depthInput(), s.semanticInput(), s.output(), s.layout(), ms[0], ms[1],
                            s.depthMaxM(), s.executionProvider(), s.cudaDevice(), s.intraOpThreads());
                    String what = file + " mean " + ms[0][0] + " std " + ms[1][0] + "/" + ms[1][1];
                    boolean perChannelNhwc = layout == OnnxModelSpec.Layout.NHWC && (ms[0][0] != ms[0][1] || ms[1][0] != ms[1][1]);
                    for (OnnxBackend.Conversion conversion : new OnnxBackend.Conversion[] {OnnxBackend.Conversion.IN_GRAPH, OnnxBackend.Conversion.JAVA}) {
                        try (OnnxBackend b = new OnnxBackend(spec, conversion)) {
                            check(!b.floatsWithVectorApi(), what + ": the Vector API's kernels without the module");
                            check(!b.planesSplitInJava(), what + ": planes split with the Vector API without the module");
                            if (conversion == OnnxBackend.Conversion.IN_GRAPH) {
                                check(b.inputFolded() == !perChannelNhwc, what + ": input folded " + b.inputFolded());
                                check(b.outputFolded(), what + ": output not folded");
                            } else {
                                check(!b.conversionInGraph(), what + ": JAVA folded");
                            }
                            b.augment(allCodes, b.space().identity(), 1);
                            check(java.util.Arrays.equals(allCodes.rgb8(), b.augment(allCodes, b.space().identity(), 2)), what + " " + conversion + ": codes changed");
                        }
                    }
                    specs++;
                }
            }
            System.out.println("every code back, " + specs + " specs x 2 conversions");
        }

        private static void check(boolean ok, String what) {
            if (!ok) {
                throw new AssertionError(what);
            }
        }
    }
}
