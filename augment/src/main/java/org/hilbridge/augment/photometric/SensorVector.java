package org.hilbridge.augment.photometric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * The two steps of the sensor pass that C2 on JDK 17 leaves scalar and the Vector API does not: the noise deviates'
 * int-to-float step ({@link SensorRow#deviate}) and the sRGB encode's cell from a float's bits ({@link SrgbCurve#cell}),
 * a vector of pixels at a time with the JDK's Vector API (module
 * jdk.incubator.vector, an incubator in JDK 17). The deviate's bits (the byte sum under the exponent of 2^23) are
 * reinterpreted as floats, which is no arithmetic at all, then centred and scaled: the same two float operations in
 * the same order as the scalar path's, so the same bits ({@code SensorVectorTest}). Everything else of the pass
 * (the counter hash and byte sum in int, the Poisson-Gaussian noise in float) is plain loops that C2's superword pass
 * vectorises.
 *
 * <p>Why so little here: a kernel that did the whole noisy exposure of a plane in registers (hash, byte sum,
 * deviate, noise, saturation, gain, cell: 26 lanewise operations in one loop) allocated every frame in a JVM that
 * had run the wet pass first ({@link WetVector}): C2 adds up the class_check traps recorded in every method it inlines,
 * once per inlining, and {@code IntVector.lanewiseTemplate} and {@code FloatVector.lanewiseTemplate} carried 4 each by
 * then; 26 x 4 = 104 passed PerMethodTrapLimit (100), so C2 compiled the calls past it as guarded virtual calls, the
 * store's vector type was no longer exact and the result became an object (16.6 MB a 1280x720 frame; -XX:+LogCompilation,
 * {@code <observe trap='class_check' count='4' total='104'/>}). These kernels have 2 and 3 such operations. Loaded
 * only where the JVM runs with {@code --add-modules jdk.incubator.vector} ({@link SceneRow#vectorApiUsable}). Stateless.
 */
final class SensorVector {
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final VectorSpecies<Integer> I = VectorShapes.INT;

    private SensorVector() {
    }

    /** z[u] = {@link SensorRow#deviateOfBits}(bits[u]) for u in [0, w). */
    static void deviates(int[] bits, float[] z, int w) {
        int n = F.length(), u = 0;
        for (; u <= w - n; u += n) {
            // reinterpretShape to the constant species, not reinterpretAsFloats(): C2 on JDK 17 does not see the latter's
            // species (looked up by lane type) as a constant and leaves the cast as Java code.
            ((FloatVector) IntVector.fromArray(I, bits, u).reinterpretShape(F, 0))
                    .sub(SensorRow.TWO_23_PLUS_MEAN).mul(SensorRow.INV_SD).intoArray(z, u);
        }
        for (; u < w; u++) {
            z[u] = SensorRow.deviateOfBits(bits[u]);
        }
    }

    /**
     * x[u] = {@link SrgbCurve#cellAsFloat}(x[u]) for u in [0, w), each x[u] at most 1 or NaN (the sensor pass's clamp):
     * the float's bits as ints (reinterpretShape: no arithmetic), clamped and shifted as {@link SrgbCurve#cell} does
     * after its clamp to 1, which such a value passes unchanged; so the same bits as the plain path ({@code
     * SensorVectorTest}). Three int operations a vector, in place of a float square root in the noise loop.
     */
    static void cellsInPlace(float[] x, int w) {
        int n = F.length(), u = 0;
        for (; u <= w - n; u += n) {
            // reinterpretShape to the constant species, not reinterpretAsInts(): see deviates.
            IntVector bits = (IntVector) FloatVector.fromArray(F, x, u).reinterpretShape(I, 0);
            IntVector cells = bits.max(SrgbCurve.LOWEST_BITS).min(SrgbCurve.NAN_CELL_BITS)
                    .lanewise(VectorOperators.ASHR, SrgbCurve.CELL_SHIFT);
            ((FloatVector) cells.reinterpretShape(F, 0)).intoArray(x, u);
        }
        SrgbCurve.cellsInPlace(x, u, w);
    }
}
