package org.hilbridge.augment;

import java.util.List;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float and int vector shape every Vector API kernel of the augmentation uses (photometric {@code FogVector},
 * {@code WetVector}, {@code RelightVector}, {@code MotionVector}, {@code BlockDctVector}; gate {@code BoxVector},
 * {@code SsimMapVector}): the JIT's preferred
 * shape (512 bits with AVX-512, 256 with AVX2). Loaded only where {@link VectorApi#present()}. One shape, because
 * FloatVector's and IntVector's shared methods carry one type profile for the whole JVM: where two vector classes of
 * one element type meet (256- and 512-bit), C2 no longer binds the calls of whichever kernel it compiles second, and
 * its vectors become objects. Measured on the benchmark's frames (1280x720, one JVM, thread CPU p50, AVX-512) with the
 * photometric chain on 512-bit and the gate on 256-bit floats: the gate 11.8 ms a frame when compiled first, and the
 * full chain then 46.7 ms (34.3 alone); 39.2 ms when the chain was compiled first; the chain and then the gate on one
 * thread, as the real-time worker runs them, 84 ms a frame. (All on 256 bits instead: the JPEG pass's byte vectors
 * then came in three shapes, and the full chain never stopped allocating.)
 *
 * <p>Initialising this class also fills the Vector API's operator caches ({@link OperatorCaches}): every kernel's
 * species come from here, so that happens before any kernel runs.
 */
public final class VectorShapes {
    public static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED;
    public static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;
    /** As many byte lanes as {@link #FLOAT} has (a quarter of its bits): class bytes, the JPEG pass's and the ONNX path's codes. */
    public static final VectorSpecies<Byte> BYTE = bytes(FLOAT.length());
    /** Twice as many byte lanes: the JPEG pass's pairs of codes, read as {@link #SHORT} lanes. */
    public static final VectorSpecies<Byte> BYTE_PAIRS = bytes(2 * FLOAT.length());
    /** As many short lanes as {@link #FLOAT} has. */
    public static final VectorSpecies<Short> SHORT = ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Math.min(512, Math.max(64, FLOAT.length() * Short.SIZE))));

    static {
        OperatorCaches.fill(kernelSpecies());
        SharedProfiles.exercise(kernelSpecies());
    }

    private static VectorSpecies<Byte> bytes(int lanes) {
        return ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Math.min(512, Math.max(64, lanes * Byte.SIZE))));
    }

    /**
     * Every species a kernel uses: the float and int shape, the gate's doubles, bytes with as many lanes as the floats
     * (the class bytes, the JPEG pass's and the ONNX path's codes), with twice as many (the JPEG pass's pairs) and
     * 256-bit bytes (onnx PlaneVector), and the shorts those pairs are read as.
     */
    static List<VectorSpecies<?>> kernelSpecies() {
        java.util.Set<VectorSpecies<?>> s = new java.util.LinkedHashSet<>(List.of(FLOAT, INT, DoubleVector.SPECIES_PREFERRED, DoubleVector.SPECIES_512,
                BYTE, BYTE_PAIRS, ByteVector.SPECIES_256, ShortVector.SPECIES_256, SHORT));
        return List.copyOf(s);
    }

    private VectorShapes() {
    }

    /**
     * Initialises this class, and so fills the operator caches ({@link OperatorCaches}), for a kernel that takes none of
     * the species above (onnx {@code PlaneVector}); a no-op after the first call.
     */
    public static void ready() {
        // the static initialiser did the work
    }

    /** Whether {@link #FLOAT} holds 8 floats or more (AVX2 or wider: narrower vectors do not beat the scalar paths here). */
    public static boolean wideEnough() {
        return FLOAT.length() >= 8;
    }
}
