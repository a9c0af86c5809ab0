package org.hilbridge.augment;

import java.util.List;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Runs the Vector API's shared methods once with every vector, mask and shuffle class the kernels use, in the
 * interpreter, before any kernel runs: loads and stores, comparisons, blends, mask logic and casts, conversions and
 * reinterpretations between those species, rearrangements.
 *
 * <p>Why (JDK 17.0.15, JFR {@code jdk.Deoptimization} and allocation samples of failing test JVMs): those methods
 * ({@code VectorSupport.blend}, {@code store}, {@code binaryOp}, {@code AbstractSpecies.maskFactory}, the templates'
 * fallback lambdas) are shared by every kernel and compiled on their own once hot. Compiled while only the first
 * kernel to run had reached them, their type profiles name only its classes; the next kernel's first call with another
 * vector or lambda class takes class_check and bimorphic type-check traps, recorded in those methods for good. C2 then
 * compiled the JPEG pass ({@code photometric.BlockDctVector}, run after the weather kernels in a test JVM) with part of
 * its calls left virtual, and it allocated every frame (45-276 kB a 96x72 frame, {@code FogPhysicsTest}: 2 failures in
 * 3 full runs of the module's tests after {@code FogVector} and {@code RelightVector} were added; the same with
 * 1 in 4 with {@code -XX:PerMethodTrapLimit=100000}, so not only the trap count of {@link OperatorCaches}). Run here
 * first, every class the kernels use is in those profiles before C2 compiles them. Measured: 1 failure in 10 full runs
 * with this (2 in 3 without); not none, so a race remains where many kernels start in turn in one JVM on tiny frames,
 * and {@code FogPhysicsTest} runs in a JVM of its own (the module's pom). The benchmark's figures (one JVM, the weather
 * chain, the full chain, the gate, the ONNX path in turn) were the same with and without it. Only the species the
 * kernels use: another shape of an element type in the profiles is itself harmful ({@link VectorShapes}).
 */
final class SharedProfiles {
    private SharedProfiles() {
    }

    /** Each operation on each species, and each conversion, reinterpretation and mask cast between two of them. */
    static void exercise(List<VectorSpecies<?>> species) {
        for (VectorSpecies<?> s : species) {
            exercise(s);
            for (VectorSpecies<?> t : species) {
                between(s, t);
            }
        }
    }

    private static <E> void exercise(VectorSpecies<E> s) {
        Vector<E> v = s.broadcast(1);
        VectorMask<E> m = s.maskAll(true);
        OperatorCaches.attempt(() -> s.zero());
        OperatorCaches.attempt(() -> store(s.fromArray(array(s), 0)));
        for (VectorOperators.Comparison c : COMPARISONS) {
            OperatorCaches.attempt(() -> v.compare(c, v));
            OperatorCaches.attempt(() -> v.compare(c, 1L));
        }
        OperatorCaches.attempt(() -> v.blend(v, m));
        OperatorCaches.attempt(() -> v.blend(0L, m));
        OperatorCaches.attempt(() -> m.and(m).or(m).andNot(m).not().anyTrue());
        OperatorCaches.attempt(() -> m.allTrue());
        OperatorCaches.attempt(() -> m.trueCount());
        VectorShuffle<E> iota = s.iotaShuffle(0, 1, true);
        OperatorCaches.attempt(() -> v.rearrange(iota));
        OperatorCaches.attempt(() -> v.rearrange(iota, v));
        OperatorCaches.attempt(() -> v.rearrange(s.shuffleFromOp(i -> s.length() - 1 - i)));
        OperatorCaches.attempt(() -> v.selectFrom(v));
    }

    private static <E, F> void between(VectorSpecies<E> s, VectorSpecies<F> t) {
        Vector<E> v = s.broadcast(1);
        int parts = Math.max(s.vectorBitSize(), t.vectorBitSize()) / Math.min(s.vectorBitSize(), t.vectorBitSize())
                * Math.max(s.elementSize(), t.elementSize()) / Math.min(s.elementSize(), t.elementSize());
        VectorOperators.Conversion<E, F> cast = VectorOperators.Conversion.ofCast(s.elementType(), t.elementType());
        for (int part = -parts; part <= parts; part++) {
            int p = part;
            OperatorCaches.attempt(() -> v.convertShape(cast, t, p));
            OperatorCaches.attempt(() -> v.reinterpretShape(t, p));
        }
        if (s.length() == t.length()) {
            OperatorCaches.attempt(() -> s.maskAll(true).cast(t));
        }
    }

    private static final List<VectorOperators.Comparison> COMPARISONS = List.of(VectorOperators.EQ, VectorOperators.NE,
            VectorOperators.LT, VectorOperators.LE, VectorOperators.GT, VectorOperators.GE);

    /** An array of the species' element type, one vector long. */
    private static Object array(VectorSpecies<?> s) {
        Class<?> e = s.elementType();
        int n = s.length();
        if (e == byte.class) {
            return new byte[n];
        } else if (e == short.class) {
            return new short[n];
        } else if (e == int.class) {
            return new int[n];
        } else if (e == long.class) {
            return new long[n];
        } else if (e == float.class) {
            return new float[n];
        }
        return new double[n];
    }

    /** intoArray exists only on the typed vectors. */
    private static void store(Vector<?> v) {
        Object a = array(v.species());
        if (v instanceof ByteVector b) {
            b.intoArray((byte[]) a, 0);
        } else if (v instanceof ShortVector h) {
            h.intoArray((short[]) a, 0);
        } else if (v instanceof IntVector i) {
            i.intoArray((int[]) a, 0);
        } else if (v instanceof LongVector l) {
            l.intoArray((long[]) a, 0);
        } else if (v instanceof FloatVector f) {
            f.intoArray((float[]) a, 0);
        } else if (v instanceof DoubleVector d) {
            d.intoArray((double[]) a, 0);
        }
    }
}
