package org.hilbridge.augment.onnx;

import java.nio.FloatBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * rgb8 codes to a model's normalised floats and back ({@link Rgb8Codec}), with the JDK's Vector API, straight into and
 * out of ONNX Runtime's direct float buffers: a chunk of {@link #CHUNK} floats at a time computed into a small heap
 * array that stays in L1 and moved by one bulk {@code FloatBuffer.put(int, float[], int, int)} or {@code get} (JDK 16+;
 * on a native-order view a plain memory copy). No {@code FloatVector.intoByteBuffer}: later JDKs dropped it for memory
 * segments (JEP 426), and the code runs on JDK 17 and 25.
 *
 * <p>Why chunks: the 11 MB float tensor of a 1280x720 frame written as a whole heap array and then put in bulk moves it
 * three times through memory (written, read, written again): 1.1-1.7 ms for the put alone, the "floor" measured before;
 * written from L1 the same put is the direct buffer's own write, 0.44-0.59 ms, and the whole conversion 0.50-0.68 ms
 * against 1.9 ms for the scalar table loop (scratch loop in one JVM, thread CPU p50, 1280x720, AMD EPYC with AVX-512,
 * JDK 17.0.15, load average 2.5-2.9). The way out likewise reads chunks by a bulk get: 0.54 ms against 4.4 ms for the
 * scalar loop.
 *
 * <p>The same float operations in the same order as Rgb8Codec, so the same bits and codes: in, the code widened to an
 * int, converted to float (exact), one multiply, one add ({@code Rgb8Codec.input}); out, one division (mean 0) or one
 * multiply and one add (no fused multiply-add: Java does not fuse and C2 keeps them apart), then Rgb8Codec.code's
 * clamp and rounding: a lane that is not >= 0, NaN included, becomes 0 (a compare and a blend, where Java's max keeps a
 * NaN); round half to even by the sum with 2^23 (for 0 <= x < 2^23 the sum's ulp is 1 and IEEE 754 rounds to nearest,
 * ties to even, as Math.rint; the integer is then the low bits of the sum's representation); the top clamp on those
 * bits as an int (positive floats order as their bits: a sum over 2^23 + 255, up to infinity, becomes 2^23 + 255, a
 * value from 255 up rounding to 255 as clamping first would); and the low byte taken by a narrowing cast. (Both clamps
 * as float compares and blends: 0.67 against 0.54 ms a 1280x720 NHWC frame.) {@code FloatCodesTest} pins both ways
 * against Rgb8Codec over every code, ties, values around every code and out of range, NaN and infinities.
 *
 * <p>The constants come as lane patterns of {@link #PERIOD} floats (3 vectors): for interleaved NHWC, lane i holds
 * channel i mod 3's constant, which repeats every 3 vectors since a vector's lane count is a power of two; for a plane,
 * every lane the plane's. A run starts at a multiple of 3 for NHWC. Every vector operation is written out in the loop
 * itself, float constants as vectors and the int one as a scalar operand, convertShape to constant species (photometric.BlockDctVector says why: C2 on JDK 17
 * leaves Vector API calls behind a helper method or two as plain Java). No float-to-int conversion: C2 on JDK 17
 * leaves the Vector API's F2I as Java code (photometric.MotionVector), which is why an earlier chunked attempt at the
 * way out measured 10.3 ms; the sum with 2^23 and a reinterpretation replace it. Loaded only where the JVM has the
 * module ({@link PlanarCodes#vectorApiUsable}); stateless (the caller holds the chunk). Whole chunks run as vectors,
 * the rest of a run (under a chunk) as the codec's scalar formula. Once compiled, neither way allocates (measured at
 * 1280x720, both layouts): the way out's constants are loaded from arrays, since broadcast ones held across the bulk
 * get were boxed, 80 bytes each a call (scalar operands in their place: no allocation either, but 0.69-0.71 against
 * 0.52-0.57 ms a frame).
 */
final class FloatCodesVector {
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final VectorSpecies<Integer> I = VectorShapes.INT;
    private static final int N = F.length();
    /** As many byte lanes as float lanes (a quarter of the bits). */
    private static final VectorSpecies<Byte> B = VectorShapes.BYTE;
    /** Floats per constant pattern: 3 vectors. */
    static final int PERIOD = 3 * N;
    /**
     * Floats per chunk: 16 patterns, 3 kB with 16 lanes (in L1 beside the bytes). Measured with 64 patterns (12 kB): the
     * way in the same, the way out 0.97 against 0.77 ms.
     */
    static final int CHUNK = 16 * PERIOD;
    private static final float TWO_23 = 0x1p23f;
    /**
     * The way out's vector constants, loaded from arrays: broadcast ones (FloatVector.zero, broadcast) held across the
     * loop's bulk get were boxed by C2 on JDK 17, 80 bytes each a call; loaded ones are not (measured).
     */
    private static final float[] ZEROS = new float[N];
    private static final float[] TWO_23S = filled(TWO_23);
    /** The bits of 2^23 + 255: the largest sum a code may have. */
    private static final int TOP_BITS = Float.floatToRawIntBits(TWO_23) + 255;

    private FloatCodesVector() {
    }

    private static float[] filled(float value) {
        float[] a = new float[N];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /**
     * x[at + i] = (float) codes[from + i] scale[i mod PERIOD] + offset[i mod PERIOD] for i in [0, len), through chunk
     * (CHUNK floats).
     */
    static void input(byte[] codes, int from, int len, FloatBuffer x, int at, float[] scale, float[] offset, float[] chunk) {
        FloatVector a0 = FloatVector.fromArray(F, scale, 0), a1 = FloatVector.fromArray(F, scale, N), a2 = FloatVector.fromArray(F, scale, 2 * N);
        FloatVector b0 = FloatVector.fromArray(F, offset, 0), b1 = FloatVector.fromArray(F, offset, N), b2 = FloatVector.fromArray(F, offset, 2 * N);
        int done = 0;
        for (; done <= len - CHUNK; done += CHUNK) {
            for (int u = 0; u < CHUNK; u += PERIOD) {
                int s = from + done + u;
                ((FloatVector) ByteVector.fromArray(B, codes, s).convertShape(VectorOperators.B2I, I, 0).reinterpretAsInts().and(0xFF)
                        .convertShape(VectorOperators.I2F, F, 0)).mul(a0).add(b0).intoArray(chunk, u);
                ((FloatVector) ByteVector.fromArray(B, codes, s + N).convertShape(VectorOperators.B2I, I, 0).reinterpretAsInts().and(0xFF)
                        .convertShape(VectorOperators.I2F, F, 0)).mul(a1).add(b1).intoArray(chunk, u + N);
                ((FloatVector) ByteVector.fromArray(B, codes, s + 2 * N).convertShape(VectorOperators.B2I, I, 0).reinterpretAsInts().and(0xFF)
                        .convertShape(VectorOperators.I2F, F, 0)).mul(a2).add(b2).intoArray(chunk, u + 2 * N);
            }
            x.put(at + done, chunk, 0, CHUNK);
        }
        // the rest (under a chunk) scalar, as Rgb8Codec.input; done is a multiple of PERIOD
        for (int u = 0; done + u < len; u++) {
            chunk[u] = (float) (codes[from + done + u] & 0xFF) * scale[u % PERIOD] + offset[u % PERIOD];
        }
        x.put(at + done, chunk, 0, len - done);
    }

    /** codes[from + i] = Rgb8Codec.code(y[at + i] scale[i mod PERIOD] + offset[i mod PERIOD]) for i in [0, len). */
    static void outputAffine(FloatBuffer y, int at, int len, byte[] codes, int from, float[] scale, float[] offset, float[] chunk) {
        FloatVector k0 = FloatVector.fromArray(F, scale, 0), k1 = FloatVector.fromArray(F, scale, N), k2 = FloatVector.fromArray(F, scale, 2 * N);
        FloatVector o0 = FloatVector.fromArray(F, offset, 0), o1 = FloatVector.fromArray(F, offset, N), o2 = FloatVector.fromArray(F, offset, 2 * N);
        FloatVector zero = FloatVector.fromArray(F, ZEROS, 0), magic = FloatVector.fromArray(F, TWO_23S, 0);
        int done = 0;
        for (; done <= len - CHUNK; done += CHUNK) {
            y.get(at + done, chunk, 0, CHUNK);
            for (int u = 0; u < CHUNK; u += PERIOD) {
                int s = from + done + u;
                FloatVector v = FloatVector.fromArray(F, chunk, u).mul(k0).add(o0);
                zero.blend(v, v.compare(VectorOperators.GE, zero)).add(magic).reinterpretAsInts().min(TOP_BITS)
                        .convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(codes, s);
                v = FloatVector.fromArray(F, chunk, u + N).mul(k1).add(o1);
                zero.blend(v, v.compare(VectorOperators.GE, zero)).add(magic).reinterpretAsInts().min(TOP_BITS)
                        .convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(codes, s + N);
                v = FloatVector.fromArray(F, chunk, u + 2 * N).mul(k2).add(o2);
                zero.blend(v, v.compare(VectorOperators.GE, zero)).add(magic).reinterpretAsInts().min(TOP_BITS)
                        .convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(codes, s + 2 * N);
            }
        }
        // the rest (under a chunk) scalar, as Rgb8Codec.output; done is a multiple of PERIOD
        y.get(at + done, chunk, 0, len - done);
        for (int u = 0; done + u < len; u++) {
            codes[from + done + u] = (byte) Rgb8Codec.code(chunk[u] * scale[u % PERIOD] + offset[u % PERIOD]);
        }
    }

    /** codes[from + i] = Rgb8Codec.code(y[at + i] / divisor[i mod PERIOD]) for i in [0, len): the mean-0 way out. */
    static void outputDivide(FloatBuffer y, int at, int len, byte[] codes, int from, float[] divisor, float[] chunk) {
        FloatVector q0 = FloatVector.fromArray(F, divisor, 0), q1 = FloatVector.fromArray(F, divisor, N), q2 = FloatVector.fromArray(F, divisor, 2 * N);
        FloatVector zero = FloatVector.fromArray(F, ZEROS, 0), magic = FloatVector.fromArray(F, TWO_23S, 0);
        int done = 0;
        for (; done <= len - CHUNK; done += CHUNK) {
            y.get(at + done, chunk, 0, CHUNK);
            for (int u = 0; u < CHUNK; u += PERIOD) {
                int s = from + done + u;
                FloatVector v = FloatVector.fromArray(F, chunk, u).div(q0);
                zero.blend(v, v.compare(VectorOperators.GE, zero)).add(magic).reinterpretAsInts().min(TOP_BITS)
                        .convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(codes, s);
                v = FloatVector.fromArray(F, chunk, u + N).div(q1);
                zero.blend(v, v.compare(VectorOperators.GE, zero)).add(magic).reinterpretAsInts().min(TOP_BITS)
                        .convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(codes, s + N);
                v = FloatVector.fromArray(F, chunk, u + 2 * N).div(q2);
                zero.blend(v, v.compare(VectorOperators.GE, zero)).add(magic).reinterpretAsInts().min(TOP_BITS)
                        .convertShape(VectorOperators.I2B, B, 0).reinterpretAsBytes().intoArray(codes, s + 2 * N);
            }
        }
        y.get(at + done, chunk, 0, len - done);
        for (int u = 0; done + u < len; u++) {
            codes[from + done + u] = (byte) Rgb8Codec.code(chunk[u] / divisor[u % PERIOD]);
        }
    }

    /** Whether the preferred float vectors hold 8 lanes or more (AVX2 or wider), as the other kernels ask. */
    static boolean wideEnough() {
        return VectorShapes.wideEnough();
    }
}
