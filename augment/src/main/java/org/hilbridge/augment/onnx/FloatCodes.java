package org.hilbridge.augment.onnx;

import java.nio.FloatBuffer;

/**
 * rgb8 codes to a float RGB tensor's normalised values and back ({@link Rgb8Codec}), in Java, straight into and out of
 * the direct buffers that back the tensors: with the Vector API ({@link FloatCodesVector}, chunks through L1 and bulk
 * copies) where this JVM has it, else the scalar loops (a table look-up a value in, the codec's formula a value out).
 * Both give the codec's bits and codes ({@code FloatCodesTest}). NCHW goes through the planes of {@link PlanarCodes}.
 * One thread at a time (the chunk is held).
 */
final class FloatCodes {
    private final Rgb8Codec codec;
    private final boolean vector;
    /** Per channel and code: the model's input (the scalar way in). */
    private final float[][] table;
    /** The vector way's lane patterns (FloatCodesVector.PERIOD floats each): interleaved NHWC, then per plane c. */
    private final float[] nhwcScale;
    private final float[] nhwcOffset;
    private final float[] nhwcOutScale;
    private final float[] nhwcOutOffset;
    private final float[][] planeScale = new float[3][];
    private final float[][] planeOffset = new float[3][];
    private final float[][] planeOutScale = new float[3][];
    private final float[][] planeOutOffset = new float[3][];
    private final float[] chunk;

    /** @param vector use {@link FloatCodesVector} (only where {@link #vectorApiUsable}) */
    FloatCodes(Rgb8Codec codec, boolean vector) {
        if (vector && !vectorApiUsable()) {
            throw new IllegalStateException("the Vector API path was asked for, but this JVM lacks module jdk.incubator.vector or 256-bit vectors");
        }
        this.codec = codec;
        this.vector = vector;
        this.table = codec.inputTable();
        // the way out divides by the quantum for mean 0, else multiplies and adds (Rgb8Codec.output)
        float[] outScale = codec.outMeanZero() ? codec.outQuantum() : codec.outScale();
        int period = vector ? FloatCodesVector.PERIOD : 3;
        this.nhwcScale = interleaved(codec.inScale(), period);
        this.nhwcOffset = interleaved(codec.inOffset(), period);
        this.nhwcOutScale = interleaved(outScale, period);
        this.nhwcOutOffset = interleaved(codec.outOffset(), period);
        for (int c = 0; c < 3; c++) {
            planeScale[c] = filled(codec.inScale()[c], period);
            planeOffset[c] = filled(codec.inOffset()[c], period);
            planeOutScale[c] = filled(outScale[c], period);
            planeOutOffset[c] = filled(codec.outOffset()[c], period);
        }
        this.chunk = vector ? new float[FloatCodesVector.CHUNK] : new float[0];
    }

    /** Whether this JVM can run {@link FloatCodesVector}: the module in the boot layer and vectors of 8 floats or more. */
    static boolean vectorApiUsable() {
        return PlanarCodes.vectorApiUsable() && FloatCodesVector.wideEnough();
    }

    boolean vector() {
        return vector;
    }

    private static float[] interleaved(float[] perChannel, int period) {
        float[] p = new float[period];
        for (int i = 0; i < period; i++) {
            p[i] = perChannel[i % 3];
        }
        return p;
    }

    private static float[] filled(float value, int period) {
        float[] p = new float[period];
        java.util.Arrays.fill(p, value);
        return p;
    }

    /**
     * The frame's n pixels into the float tensor x (3 n values) in the given layout; NCHW splits them into planes
     * (3 n bytes) first.
     */
    void input(byte[] rgb, int n, boolean nchw, FloatBuffer x, PlanarCodes planar, byte[] planes) {
        if (!vector) {
            if (nchw) {
                for (int c = 0; c < 3; c++) {
                    tablePlane(rgb, c, n, table[c], x);
                }
            } else {
                tableNhwc(rgb, n, table[0], table[1], table[2], x);
            }
            return;
        }
        if (nchw) {
            planar.split(rgb, planes, n);
            for (int c = 0; c < 3; c++) {
                FloatCodesVector.input(planes, c * n, n, x, c * n, planeScale[c], planeOffset[c], chunk);
            }
        } else {
            FloatCodesVector.input(rgb, 0, 3 * n, x, 0, nhwcScale, nhwcOffset, chunk);
        }
    }

    /** The float tensor y (3 n values, in the given layout) back to the frame's n pixels; NCHW through planes (3 n bytes). */
    void output(FloatBuffer y, int n, boolean nchw, byte[] out, PlanarCodes planar, byte[] planes) {
        if (!vector) {
            read(y, n, nchw, out);
            return;
        }
        boolean divide = codec.outMeanZero();
        if (nchw) {
            for (int c = 0; c < 3; c++) {
                if (divide) {
                    FloatCodesVector.outputDivide(y, c * n, n, planes, c * n, planeOutScale[c], chunk);
                } else {
                    FloatCodesVector.outputAffine(y, c * n, n, planes, c * n, planeOutScale[c], planeOutOffset[c], chunk);
                }
            }
            planar.merge(planes, out, n);
        } else if (divide) {
            FloatCodesVector.outputDivide(y, 0, 3 * n, out, 0, nhwcOutScale, chunk);
        } else {
            FloatCodesVector.outputAffine(y, 0, 3 * n, out, 0, nhwcOutScale, nhwcOutOffset, chunk);
        }
    }

    /*
     * The scalar way, where the JVM lacks the Vector API (the path before; see OnnxBackend). The table loops are small
     * methods of their own, so that C2 compiles each on its own profile. Inlined into the caller, in the benchmark's
     * JVM (backends of both layouts, Java and folded, rotating) `./hilbridge bench onnx` gave 8.7 ms for the NHWC
     * ImageNet overhead with its input through this table and 17.2 ms for the Java conversion; split out, 4.6 and 12.8
     * ms (two runs a minute apart on a quiet machine, not A/B in one JVM; alone in a JVM the NHWC loop takes 1.35 ms at
     * 1280x720, 0.5 ns a value).
     */
    private static void tablePlane(byte[] rgb, int c, int n, float[] table, FloatBuffer x) {
        int plane = c * n;
        for (int p = 0, o = c; p < n; p++, o += 3) {
            x.put(plane + p, table[rgb[o] & 0xFF]);
        }
    }

    private static void tableNhwc(byte[] rgb, int n, float[] l0, float[] l1, float[] l2, FloatBuffer x) {
        for (int o = 0; o < 3 * n; o += 3) {
            x.put(o, l0[rgb[o] & 0xFF]);
            x.put(o + 1, l1[rgb[o + 1] & 0xFF]);
            x.put(o + 2, l2[rgb[o + 2] & 0xFF]);
        }
    }

    /**
     * The scalar way out, read in place from the direct buffer: code = 255 (x std + mean), clamped and rounded half to
     * even as {@link Rgb8Codec#output} (the folded model's QuantizeLinear), pixel by pixel so that rgb8 is written once,
     * in order.
     */
    private void read(FloatBuffer y, int n, boolean planar, byte[] out) {
        int i0 = 0, i1 = planar ? n : 1, i2 = planar ? 2 * n : 2, step = planar ? 1 : 3;
        if (codec.outMeanZero()) {
            float q0 = codec.outQuantum()[0], q1 = codec.outQuantum()[1], q2 = codec.outQuantum()[2];
            for (int p = 0, o = 0, i = 0; p < n; p++, o += 3, i += step) {
                out[o] = (byte) Rgb8Codec.code(y.get(i0 + i) / q0);
                out[o + 1] = (byte) Rgb8Codec.code(y.get(i1 + i) / q1);
                out[o + 2] = (byte) Rgb8Codec.code(y.get(i2 + i) / q2);
            }
        } else {
            float k0 = codec.outScale()[0], k1 = codec.outScale()[1], k2 = codec.outScale()[2];
            float m0 = codec.outOffset()[0], m1 = codec.outOffset()[1], m2 = codec.outOffset()[2];
            for (int p = 0, o = 0, i = 0; p < n; p++, o += 3, i += step) {
                out[o] = (byte) Rgb8Codec.code(y.get(i0 + i) * k0 + m0);
                out[o + 1] = (byte) Rgb8Codec.code(y.get(i1 + i) * k1 + m1);
                out[o + 2] = (byte) Rgb8Codec.code(y.get(i2 + i) * k2 + m2);
            }
        }
    }
}
