package org.hilbridge.augment.photometric;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * The wet-terrain darkening of one row with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK 17):
 * the class bytes widened to int lanes, the terrain test (ids 2 to 10) as a lane mask, the factor as a blend of 1 and
 * the darkening factor, multiplied into the three planes. C2 on JDK 17 leaves the same work written as a loop scalar
 * (the class's table look-up, or any byte to float conversion, keeps a loop from vectorising), and it was a tenth of
 * the weather chain; here it is about 0.2 against 0.9 ms a 1280x720 frame (benchmark machine, AMD EPYC, AVX-512, JDK
 * 17.0.15). Bit-identical to {@link SceneRow}'s scalar path: each pixel is multiplied by the same float, 1 or the
 * factor. Loaded only where the JVM runs with {@code --add-modules jdk.incubator.vector} ({@link SceneRow#vectorApiUsable}); the
 * Vector API's gathers (a table look-up by lanes) were measured too and are slower than scalar look-ups here (1.16
 * against 0.87 ms for 2.8 M look-ups from a 1024-entry table), so the decode and encode look-ups stay scalar (the noise deviates need none since version 6: Irwin-Hall sums, SensorRow).
 * Stateless.
 */
final class WetVector {
    /**
     * The module's one float and int shape ({@link VectorShapes}) and the byte species with as many lanes (constants,
     * so C2 intrinsifies the calls). The byte shape is at least 64 bits (the smallest there is), so this class initialises on any machine;
     * under 8 float lanes it is never used ({@link SceneRow#vectorApiUsable}).
     */
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final VectorSpecies<Integer> I = VectorShapes.INT;
    private static final VectorSpecies<Byte> B = VectorShapes.BYTE;

    private WetVector() {
    }

    /**
     * Multiplies r, g, b[u] by dry where the class byte cls[base + u] is terrain (ids 2 to 10), for u in [0, w); returns
     * whether the row holds asphalt (ids 2, 3).
     */
    static boolean darken(byte[] cls, int base, float dry, float[] r, float[] g, float[] b, int w) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        VectorMask<Integer> asphalt = I.maskAll(false);
        int n = F.length(), u = 0;
        for (; u <= w - n; u += n) {
            IntVector c = ((IntVector) ByteVector.fromArray(B, cls, base + u).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
            VectorMask<Integer> fromAsphalt = c.compare(VectorOperators.GE, 2);
            VectorMask<Integer> terrain = fromAsphalt.and(c.compare(VectorOperators.LE, 10));
            asphalt = asphalt.or(fromAsphalt.and(c.compare(VectorOperators.LE, 3)));
            FloatVector k = one.blend(dry, terrain.cast(F));
            FloatVector.fromArray(F, r, u).mul(k).intoArray(r, u);
            FloatVector.fromArray(F, g, u).mul(k).intoArray(g, u);
            FloatVector.fromArray(F, b, u).mul(k).intoArray(b, u);
        }
        boolean any = asphalt.anyTrue();
        for (; u < w; u++) {
            int c = cls[base + u] & 0xFF;
            if (c >= 2 && c <= 10) {
                r[u] *= dry;
                g[u] *= dry;
                b[u] *= dry;
                any |= c <= 3;
            }
        }
        return any;
    }
}
