package org.hilbridge.augment;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fills the Vector API's operator caches before any kernel runs, so that C2 never meets a cache miss in compiled code.
 *
 * <p>Why (JDK 17.0.15, {@code -XX:+LogCompilation} of failing and passing test JVMs; photometric
 * {@code BlockDct.VECTOR_PASS_IN_THE_CHAIN} has the evidence): every lanewise operation and reduction goes through
 * {@code VectorOperators.ImplCache.find(op, opcode, supplier)}, one cache per element type and kind of operation
 * (unary, binary, binary by a scalar shift count, ternary, reduction), whose first use of an operator calls
 * {@code supplier.apply}: a different lambda class for each element type and kind. {@code find} is hot and C2 compiles
 * it on its own. If that happens before a kernel's first use of an operator new to the JVM (a race between the compile
 * queue and the first frames), the compiled {@code supplier.apply} meets a lambda class its type profile never saw and
 * takes class_check traps (3 seen), counted in {@code find}'s profile for good. C2 adds up the trap counts of every
 * method it inlines into one compilation, once per inlining, and {@code find} is inlined once per vector operation
 * (3 x 100 in {@code BlockDctVector.blocks}); past {@code PerMethodTrapLimit} (100) C2 emits no more class_check traps
 * in that compilation. The Vector API calls C2 inlines late (incremental inlining, once a compilation has grown past
 * its parse-time budget: after about 23 operations in blocks) reach it with receivers typed only as
 * {@code FloatVector}; without the trap each becomes a guarded inline plus a real virtual call, the paths merge as
 * objects, intrinsics lose their constant vector class, and the kernel allocates every frame, in every recompilation.
 *
 * <p>Filled here (in the interpreter, long before {@code find} is compiled), every operator a kernel uses is found in
 * the cache, {@code supplier.apply} is never called again and {@code find} takes no trap. Every operator of every kind
 * is filled for each element type the kernels use (byte, short, int, float, double): which ones a kernel uses need not
 * be listed (a kernel edited later cannot miss one). An operator an element type does not support throws, and is skipped. Loaded through {@link VectorShapes},
 * which every vector kernel's constants come from (onnx {@code PlaneVector} calls {@link VectorShapes#ready()}). Cost:
 * 0.14 to 0.23 s once a JVM, after the first vector operations had loaded the module's classes (the class initialiser,
 * load average 4.4 on the shared 2-core machine). This does not depend on a kernel's size or on which operators it uses; what it
 * cannot cover is another library's Vector API code running hot in the same JVM before ours.
 */
final class OperatorCaches {
    private OperatorCaches() {
    }

    /** Runs every lanewise operator and reduction of {@link VectorOperators} once on a vector of each species. */
    static void fill(List<VectorSpecies<?>> species) {
        List<VectorOperators.Operator> operators = operators();
        java.util.Set<Class<?>> filled = new java.util.HashSet<>();
        for (VectorSpecies<?> s : species) {
            if (filled.add(s.elementType())) {   // the caches are per element type, not per shape: one species each
                fill(s, operators);
            }
        }
    }

    private static <E> void fill(VectorSpecies<E> s, List<VectorOperators.Operator> operators) {
        Vector<E> v = s.broadcast(1);
        VectorMask<E> m = s.maskAll(true);
        for (VectorOperators.Operator op : operators) {
            if (op instanceof VectorOperators.Unary u) {
                attempt(() -> v.lanewise(u));
                attempt(() -> v.lanewise(u, m));
            }
            if (op instanceof VectorOperators.Binary b) {
                attempt(() -> v.lanewise(b, v));
                attempt(() -> v.lanewise(b, v, m));
                attempt(() -> v.lanewise(b, 1L));   // a shift by a scalar count has a cache of its own
                attempt(() -> v.lanewise(b, 1L, m));
            }
            if (op instanceof VectorOperators.Ternary t) {
                attempt(() -> v.lanewise(t, v, v));
                attempt(() -> v.lanewise(t, v, v, m));
            }
            if (op instanceof VectorOperators.Associative a) {
                attempt(() -> v.reduceLanesToLong(a));
                attempt(() -> v.reduceLanesToLong(a, m));
            }
        }
    }

    /**
     * Runs r, skipping what throws because an element type, a pair of species or a part does not support it (e.g. AND
     * on floats): nothing to cache or profile. Also {@link SharedProfiles}'.
     */
    static void attempt(Runnable r) {
        try {
            r.run();
        } catch (UnsupportedOperationException | IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException | ClassCastException unsupported) {
            // skipped
        }
    }

    /** The public constants of {@link VectorOperators} that are operators. */
    private static List<VectorOperators.Operator> operators() {
        List<VectorOperators.Operator> ops = new ArrayList<>();
        for (Field f : VectorOperators.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && VectorOperators.Operator.class.isAssignableFrom(f.getType())) {
                try {
                    ops.add((VectorOperators.Operator) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("VectorOperators." + f.getName() + " is public but not readable", e);
                }
            }
        }
        return ops;
    }
}
