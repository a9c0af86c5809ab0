package org.hilbridge.augment;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.sim.math.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Once {@link VectorShapes} is initialised, no vector kernel of the augmentation (the photometric chain, the gate, the
 * ONNX path's float conversion) adds an entry to the Vector API's
 * operator caches ({@code VectorOperators.ImplCache}, read by reflection): a kernel's first use of an operator the
 * caches lacked is what gave C2's compiled {@code ImplCache.find} its class_check traps, and then the JPEG pass its
 * boxed vectors, in about half of the test JVMs (see {@link OperatorCaches}). Runs in a JVM of its own (an execution
 * of its own in augment's pom, whose argLine opens the module's package to the tests), so that no kernel has run
 * before it. Fails if the caches are not filled when VectorShapes initialises, or if a kernel uses an operator kind or
 * element type the filling does not cover (checked: with the filling switched off, the chain and the gate add 19
 * entries, to the float, double, int and short caches).
 */
class OperatorCachesTest {
    /** Every element type the kernels use. */
    private static final List<Class<?>> VECTOR_CLASSES = List.of(ByteVector.class, ShortVector.class, IntVector.class, FloatVector.class, DoubleVector.class);

    @Test
    @Timeout(120)
    void afterVectorShapesNoKernelAddsAnOperatorToTheCaches() throws Exception {
        assertTrue(VectorApi.present(), "the tests run with --add-modules " + VectorApi.MODULE + " (the root pom's surefire argLine)");
        assertTrue(VectorShapes.wideEnough(), "this test needs vectors of 8 floats or more (AVX2 or wider): the kernels run only there");
        TreeSet<String> filled = filledEntries();
        for (int[] size : new int[][] {{96, 72}, {37, 21}, {1, 1}}) {
            AugmentInput in = TestFrames.render(size[0], size[1], 3, 0.3, new Vec3(10, 0, 0));
            ParameterSet p = SPACE.of(Map.of(FOG_VISIBILITY_M, 300.0, RAIN_RATE_MM_H, 20.0, RAIN_WETNESS, 0.5, NOISE_FULL_WELL_E, 2000.0,
                    SNOW_RATE, 0.3, BLUR_EXPOSURE_MS, 10.0, LENS_DEFOCUS_PX, 2.0, LENS_DIRT, 0.5, LENS_VIGNETTING, 0.5, CODEC_JPEG_QUALITY, 50.0));
            PhotometricBackend backend = new PhotometricBackend();
            GroundingGate gate = new GroundingGate(GateThresholds.DEFAULT);
            byte[] out = new byte[in.rgb8().length];
            for (int k = 0; k < 3; k++) {
                backend.augment(in, p, k, out);
                gate.score(in.width(), in.height(), in.rgb8(), out, in.semantic());
            }
            // the ONNX path's float conversion (onnx.FloatCodesVector), both ways, both layouts
            org.hilbridge.augment.onnx.FloatCodesRuns.run(size[0], size[1]);
        }
        TreeSet<String> added = filledEntries();
        added.removeAll(filled);
        assertTrue(added.isEmpty(), "the kernels added " + added + " to the operator caches after VectorShapes had initialised: "
                + "OperatorCaches must fill them first (see its javadoc)");
        assertFalse(filled.isEmpty(), "no operator cache entry at all: the caches were not found or not filled");
    }

    /** "FloatVector.BIN_IMPL[opcode]" for each filled entry of each operator cache of each vector class. */
    private static TreeSet<String> filledEntries() throws Exception {
        Class<?> implCache = Class.forName("jdk.incubator.vector.VectorOperators$ImplCache");
        Field cache = implCache.getDeclaredField("cache");
        cache.setAccessible(true);
        TreeSet<String> entries = new TreeSet<>();
        for (Class<?> c : VECTOR_CLASSES) {
            List<Field> caches = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == implCache) {
                    caches.add(f);
                }
            }
            assertFalse(caches.isEmpty(), c.getSimpleName() + " has no ImplCache field on JDK " + Runtime.version() + ": the Vector API changed, see OperatorCaches");
            for (Field f : caches) {
                f.setAccessible(true);
                Object[] slots = (Object[]) cache.get(f.get(null));
                for (int i = 0; i < slots.length; i++) {
                    if (slots[i] != null) {
                        entries.add(c.getSimpleName() + "." + f.getName() + "[" + i + "]");
                    }
                }
            }
        }
        return entries;
    }
}
