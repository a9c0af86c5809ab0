package org.hilbridge.augment.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hilbridge.augment.onnx.ProtoWire.Field;
import org.hilbridge.augment.onnx.ProtoWire.Writer;

/**
 * Folds the conversion between our rgb8 frames and a model's float RGB tensors into the model itself, so that
 * ONNX Runtime does it in native code and Java only copies bytes (one bulk copy each way). Given the bytes of
 * an ONNX model, it returns a model that takes the frame's sRGB codes as uint8 [1, H, W, 3] (rgb8's own layout)
 * and gives uint8 [1, H, W, 3] back (or, asked to, an NCHW model's as uint8 [1, 3, H, W] without the Transposes,
 * the planes split and merged in Java by {@link PlanarCodes}):
 *
 * <pre>
 *   rgb8 in ─► [Transpose 0,3,1,2 if NCHW] ─► DequantizeLinear (mean 0) or Cast float, multiply-add a_c, b_c ─► (the model's RGB input)
 *   (the model's RGB output) ─► QuantizeLinear 1/(255 s_c) (mean 0) or multiply-add k_c, o_c, QuantizeLinear 1 ─► [Transpose 0,2,3,1 if NCHW] ─► rgb8 out
 * </pre>
 *
 * with the constants of {@link Rgb8Codec}, the same float operations in the same order as the Java path, so
 * the pixels are the same. QuantizeLinear (uint8, zero point 0) divides, clamps to 0..255, rounds half to even
 * and casts in one kernel, where a Clip and a Cast took two more passes over the float tensor before; Rgb8Codec
 * rounds the same way (Math.rint). Its zero point is an integer, so it cannot absorb a mean whose 255 m_c is not
 * integral (ImageNet's): then the multiply-add comes first and QuantizeLinear only rounds (scale 1). The
 * multiply-add is one BatchNormalization where it can be, else Mul and Add ({@link #affine}); the transposes act
 * on uint8, a quarter of the bytes of floats: the input's before the DequantizeLinear or Cast, the output's after
 * the QuantizeLinear. (Before opset 10, without QuantizeLinear: a Div or the multiply-add, then {@link #round}.)
 * Each side is folded only where that tensor is float; the model's other inputs (depth, semantic ids) are left
 * as they are, and its own RGB output stays a graph output (see {@link #fold}).
 *
 * <p>Schema: the field numbers of onnx.proto (github.com/onnx/onnx/blob/main/onnx/onnx.proto): ModelProto
 * graph 7, opset_import 8; GraphProto node 1, input 11, output 12; NodeProto input 1, output 2, name 3,
 * op_type 4, attribute 5; AttributeProto name 1, f 2, i 3, t 5, ints 8, type 20 (FLOAT 1, INT 2, TENSOR 4,
 * INTS 7); ValueInfoProto name 1, type 2; TypeProto tensor_type 1; TypeProto.Tensor elem_type 1, shape 2;
 * TensorShapeProto dim 1; TensorProto dims 1, data_type 2 (FLOAT 1, UINT8 2), float_data 4, name 8, raw_data 9; OperatorSetIdProto
 * domain 1, version 2. Everything else is copied as read ({@link ProtoWire} keeps every record's bytes).
 * The new nodes are written before the model's nodes (input side) and after them (output side): ONNX wants
 * a graph's nodes in topological order, and a repeated field's records are read in the order they come.
 * Constants are Constant nodes, not initializers, since an IR version below 4 would want every initializer
 * listed among the graph's inputs.
 *
 * <p>Operator versions (ONNX Operators.md): numpy-style broadcasting of Mul and Add from opset 7, Cast with an
 * integer "to" from opset 6, Clip with min and max attributes in opsets 6-10 and as inputs from 11,
 * BatchNormalization in inference from 7 (its "spatial" attribute, 7-8, defaults to 1: per channel),
 * DequantizeLinear and QuantizeLinear with a scalar scale from 10 and per channel (axis) from 13, Div from 7. A model
 * whose default-domain opset is below 7 is not folded (the Java path serves it); the opset is never raised,
 * so the model's own operators keep the meaning it was exported with.
 */
final class Rgb8Folding {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_TENSOR = 4;
    private static final int ATTR_INTS = 7;
    static final int MIN_OPSET = 7;

    private Rgb8Folding() {
    }

    /**
     * What was folded: the rewritten model and the names of its rgb8 input and output (empty for a side left
     * as it was, whose tensor keeps its name and type).
     */
    record Folded(byte[] model, Optional<String> rgb8Input, Optional<String> rgb8Output) {
    }

    /**
     * @param model     the ONNX model's bytes
     * @param rgbInput  the model's RGB input, or empty to leave the input side alone
     * @param output    the model's RGB output, or empty to leave the output side alone
     * @param nchw      whether those tensors are [1, 3, H, W] (else [1, H, W, 3])
     * @throws IllegalArgumentException why the model cannot be folded (the caller then converts in Java)
     */
    static Folded fold(byte[] model, Optional<String> rgbInput, Optional<String> output, boolean nchw, Rgb8Codec codec) {
        return fold(model, rgbInput, output, nchw, false, codec);
    }

    /**
     * As {@link #fold(byte[], Optional, Optional, boolean, Rgb8Codec)}; with {@code planarCodes} an NCHW model's uint8
     * tensors stay NCHW, without the two Transposes: the caller splits the frame into planes and merges them back
     * ({@link PlanarCodes}, with the Vector API 0.25-0.3 ms each way at 1280x720 against ONNX Runtime's uint8 Transpose,
     * a scalar loop, 0.6-0.7 ms). Ignored for NHWC, rgb8's own layout.
     */
    static Folded fold(byte[] model, Optional<String> rgbInput, Optional<String> output, boolean nchw, boolean planarCodes, Rgb8Codec codec) {
        boolean transpose = nchw && !planarCodes;
        List<Field> modelFields = ProtoWire.parse(model);
        int opset = defaultOpset(modelFields);
        if (opset < MIN_OPSET) {
            throw new IllegalArgumentException("its default-domain opset is " + opset + "; folding needs " + MIN_OPSET + " or later");
        }
        Field graphField = modelFields.stream().filter(f -> f.number() == 7 && f.wireType() == ProtoWire.LEN).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("it has no graph"));
        List<Field> graph = ProtoWire.parse(graphField.payload());
        String prefix = freshPrefix(model);
        Writer before = new Writer();
        Writer after = new Writer();
        Writer newIo = new Writer();
        Field rgbField = null;
        if (rgbInput.isPresent()) {
            rgbField = find(graph, 11, rgbInput.get(), "input");
            List<byte[]> dims = floatDims(rgbField, "input '" + rgbInput.get() + "'");
            String in = prefix + "rgb8";
            newIo.bytes(11, valueInfo(in, UINT8, transpose ? permute(dims, 0, 2, 3, 1) : dims));
            String t = in;
            if (transpose) {
                before.bytes(1, node(prefix + "to_nchw", "Transpose", List.of(t), t = prefix + "rgb8_nchw", ints("perm", 0, 3, 1, 2)));
            }
            float[] a = codec.inScale();
            boolean meanZero = codec.inOffset()[0] == 0 && codec.inOffset()[1] == 0 && codec.inOffset()[2] == 0;
            boolean oneScale = a[0] == a[1] && a[1] == a[2];
            // DequantizeLinear (opset 10, per channel from 13): y = (x - zero_point) scale, with zero point 0 that is
            // code a_c exactly, as the affine's code a_c + (-0) is: one pass from uint8 to float. One scale (a
            // scalar) where the channels share it, except before a Conv or Gemm: ONNX Runtime's WeightBiasQuantization
            // (onnxruntime/core/optimizer/qdq_transformer/weight_bias_quantization.cc) quantizes the float weights of a
            // Conv or Gemm to int8 when its input comes from a DequantizeLinear with one scale for the tensor and its
            // output goes to a QuantizeLinear, as ours would for a model that is one Conv (measured: 32896 of 147456
            // codes changed). There, a scale per channel (outside that rule) in NCHW from opset 13, else the Cast and
            // multiply-add. Elsewhere the scalar: ONNX Runtime's transpose optimizer may move our uint8 Transpose past
            // the DequantizeLinear (measured with an identity model), and a per-channel scale on NHWC's last axis is
            // then a slow kernel (measured 5 ms more at 1280x720, against ~1 ms for the scalar one).
            boolean perChannel = !oneScale || feedsWeights(graph, rgbInput.get());
            if (meanZero && opset >= (perChannel ? 13 : 10) && (!perChannel || nchw)) {
                before.bytes(1, perChannel ? vector(prefix + "in_scale", a, true) : vector(prefix + "in_scale", new float[] {a[0]}, false));
                before.bytes(1, zeroPoint(prefix + "in_zero", perChannel ? 3 : 1));
                before.bytes(1, node(prefix + "dequantize", "DequantizeLinear", List.of(t, prefix + "in_scale", prefix + "in_zero"), rgbInput.get(),
                        perChannel ? new byte[][] {integer("axis", 1)} : new byte[0][]));
            } else {
                before.bytes(1, node(prefix + "to_float", "Cast", List.of(t), t = prefix + "codes", integer("to", FLOAT)));
                affine(before, prefix + "in_", t, rgbInput.get(), codec.inScale(), codec.inOffset(), nchw, dims, "input '" + rgbInput.get() + "'");
            }
        }
        if (output.isPresent()) {
            List<byte[]> dims = floatDims(find(graph, 12, output.get(), "output"), "output '" + output.get() + "'");
            String out = prefix + "out_rgb8";
            newIo.bytes(12, valueInfo(out, UINT8, transpose ? permute(dims, 0, 2, 3, 1) : dims));
            String t = output.get();
            String codes = transpose ? prefix + "out_nchw" : out;
            String what = "output '" + output.get() + "'";
            float[] q = codec.outQuantum();
            boolean oneQuantum = q[0] == q[1] && q[1] == q[2];
            if (codec.outMeanZero() && opset >= 10 && (oneQuantum || nchw && opset >= 13)) {
                // code = saturate(round(y / q_c)): QuantizeLinear alone, per channel (axis 1) from opset 13
                quantize(after, prefix + "out_", t, codes, oneQuantum ? new float[] {q[0]} : q);
            } else {
                if (codec.outMeanZero()) {
                    divide(after, prefix + "out_", t, t = prefix + "scaled_out", q, nchw, dims, what);
                } else {
                    affine(after, prefix + "out_", t, t = prefix + "scaled_out", codec.outScale(), codec.outOffset(), nchw, dims, what);
                }
                round(after, prefix + "out_", t, codes, opset);
            }
            if (transpose) {
                after.bytes(1, node(prefix + "to_nhwc", "Transpose", List.of(codes), out, ints("perm", 0, 2, 3, 1)));
            }
        }
        Writer g = new Writer();
        g.copyAll(before);
        for (Field f : graph) {
            // The model's own output stays a graph output (unrequested, it costs nothing more: it is computed for
            // the folded nodes anyway): ONNX Runtime then does not fuse the multiply-add after it into the node that
            // makes it (ConvBNFusion and the like skip a node whose output is a graph output), which would change
            // the float rounding and so some codes (measured: 690 of 147456 codes with a model ending in a Conv).
            if (f != rgbField) {
                g.copy(f);
            }
        }
        g.copyAll(after);
        g.copyAll(newIo);
        Writer m = new Writer();
        for (Field f : modelFields) {
            if (f == graphField) {
                m.message(7, g);
            } else {
                m.copy(f);
            }
        }
        return new Folded(m.toByteArray(), rgbInput.map(x -> prefix + "rgb8"), output.map(x -> prefix + "out_rgb8"));
    }

    /**
     * Whether the input side is better left to Java's table (OnnxBackend.fill: one look-up a value, straight into
     * the direct float buffer): NHWC with a scale or an offset that differs between channels, which the graph can
     * only do as Cast then Mul and Add with whole-row constants, three passes over the frame. Measured at 1280x720
     * (quiet 2-core machine, load average 0.3-0.6, thread CPU p50, one JVM, ONNX Runtime 1.22.0, one thread): the
     * graph's Cast 0.38, Mul 0.79, Add 0.83 ms (its profiler) plus the 2.7 MB copy of the codes, against 1.35 ms for
     * the table loop. Tried in place of the Mul and Add, exact (no code moved over all 256 codes of every channel)
     * and slower: one Gemm over [H W, 3] with diag(a_c) and bias b_c (2.9 ms: MLAS with 3 columns), a per-channel
     * DequantizeLinear on the last axis (5.2 ms). The table gives the same floats as the graph (Rgb8Codec.input:
     * one multiply, one add, each rounded), so the pixels do not change. NCHW keeps its Cast and one
     * BatchNormalization (0.47 + 0.53 ms; a depthwise 1x1 Conv for the BatchNormalization, also exact, was 0.7
     * ms), uniform channels their single DequantizeLinear or BatchNormalization.
     *
     * <p>With the Vector API's kernels (vectorKernels: FloatCodesVector, chunks computed in L1 and put in bulk, about
     * 0.5 ms at 1280x720) every normalisation, in either layout: the graph's way is a Cast and a multiply-add, two
     * passes, for a mean that is not 0 (ImageNet, [-1, 1]; NCHW: Cast 0.59 + BatchNormalization 0.73 ms), and even a
     * mean-0 one's single DequantizeLinear (0.62-0.70 ms, its profiler) plus the 2.7 MB copy of the codes costs more.
     *
     * @param vectorKernels whether the Java side would run FloatCodesVector (else the scalar table)
     */
    static boolean inputCheaperInJava(Rgb8Codec codec, boolean nchw, boolean vectorKernels) {
        float[] a = codec.inScale(), b = codec.inOffset();
        return vectorKernels || !nchw && !(a[0] == a[1] && a[1] == a[2] && b[0] == b[1] && b[1] == b[2]);
    }

    /**
     * Whether the output side is better left to Java: with the Vector API's kernels (FloatCodesVector: about 0.55 ms
     * at 1280x720), always. For a mean that is not 0 the graph needs the multiply-add (BatchNormalization, or Mul and
     * Add in NHWC) and then a QuantizeLinear with scale 1, two or three passes over the float tensor (QuantizeLinear's
     * zero point is an integer and 255 m is not: ImageNet's 123.675, the [-1, 1] models' 127.5); for mean 0 its one
     * QuantizeLinear (0.53-0.60 ms) plus the copy of the codes. Without the kernels the graph's nodes are cheaper than
     * the scalar loop (4.4 ms), whatever the normalisation.
     */
    static boolean outputCheaperInJava(Rgb8Codec codec, boolean vectorKernels) {
        return vectorKernels;
    }

    /** Ops that move or select data, through which ONNX Runtime's QDQ rules may carry a DequantizeLinear. */
    private static final java.util.Set<String> DATA_MOVEMENT = java.util.Set.of("Identity", "Transpose", "Reshape", "Squeeze", "Unsqueeze", "Flatten",
            "Slice", "Gather", "MaxPool", "Resize", "Pad", "Split", "Concat");
    private static final java.util.Set<String> WEIGHTED = java.util.Set.of("Conv", "ConvTranspose", "Gemm", "MatMul");

    /**
     * Whether the tensor reaches a Conv, ConvTranspose, Gemm or MatMul through data-movement ops only (conservative:
     * any such path counts). NodeProto input 1, output 2, op_type 4.
     */
    private static boolean feedsWeights(List<Field> graph, String tensor) {
        List<String[]> inputs = new ArrayList<>();
        List<String[]> outputs = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        for (Field f : graph) {
            if (f.number() == 1 && f.wireType() == ProtoWire.LEN) {
                List<String> in = new ArrayList<>(), out = new ArrayList<>();
                String op = "";
                for (Field n : ProtoWire.parse(f.payload())) {
                    if (n.wireType() != ProtoWire.LEN) {
                        continue;
                    }
                    switch (n.number()) {
                        case 1 -> in.add(n.string());
                        case 2 -> out.add(n.string());
                        case 4 -> op = n.string();
                        default -> { }
                    }
                }
                inputs.add(in.toArray(String[]::new));
                outputs.add(out.toArray(String[]::new));
                ops.add(op);
            }
        }
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(tensor));
        java.util.Set<String> seen = new java.util.HashSet<>(todo);
        while (!todo.isEmpty()) {
            String t = todo.pop();
            for (int i = 0; i < ops.size(); i++) {
                if (!List.of(inputs.get(i)).contains(t)) {
                    continue;
                }
                if (WEIGHTED.contains(ops.get(i))) {
                    return true;
                }
                if (DATA_MOVEMENT.contains(ops.get(i))) {
                    for (String o : outputs.get(i)) {
                        if (seen.add(o)) {
                            todo.push(o);
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The version of the default operator set ("" or "ai.onnx"); 1 when the model imports none (onnx.proto: IR 3+ must import one). */
    private static int defaultOpset(List<Field> modelFields) {
        for (Field f : modelFields) {
            if (f.number() == 8 && f.wireType() == ProtoWire.LEN) {
                String domain = "";
                long version = 1;
                for (Field o : ProtoWire.parse(f.payload())) {
                    if (o.number() == 1 && o.wireType() == ProtoWire.LEN) {
                        domain = o.string();
                    } else if (o.number() == 2 && o.wireType() == ProtoWire.VARINT) {
                        version = o.varint();
                    }
                }
                if (domain.isEmpty() || domain.equals("ai.onnx")) {
                    return (int) version;
                }
            }
        }
        return 1;
    }

    /** A name prefix that occurs nowhere in the model's bytes, so the new tensors cannot collide with the model's names. */
    private static String freshPrefix(byte[] model) {
        String prefix = "hilbridge_fold_";
        for (int k = 2; contains(model, prefix.getBytes(StandardCharsets.UTF_8)); k++) {
            prefix = "hilbridge_fold" + k + "_";
        }
        return prefix;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Field find(List<Field> graph, int number, String name, String what) {
        for (Field f : graph) {
            if (f.number() == number && f.wireType() == ProtoWire.LEN) {
                for (Field v : ProtoWire.parse(f.payload())) {
                    if (v.number() == 1 && v.wireType() == ProtoWire.LEN && v.string().equals(name)) {
                        return f;
                    }
                }
            }
        }
        throw new IllegalArgumentException("its graph lists no " + what + " '" + name + "'");
    }

    /** The dimension records of a float tensor of rank 4 (ValueInfoProto.type.tensor_type.shape.dim). */
    private static List<byte[]> floatDims(Field valueInfo, String what) {
        Field type = only(ProtoWire.parse(valueInfo.payload()), 2, what + " has no type");
        Field tensor = only(ProtoWire.parse(type.payload()), 1, what + " is not a tensor");
        long elemType = 0;
        List<byte[]> dims = new ArrayList<>();
        boolean shaped = false;
        for (Field f : ProtoWire.parse(tensor.payload())) {
            if (f.number() == 1 && f.wireType() == ProtoWire.VARINT) {
                elemType = f.varint();
            } else if (f.number() == 2 && f.wireType() == ProtoWire.LEN) {
                shaped = true;
                for (Field d : ProtoWire.parse(f.payload())) {
                    if (d.number() == 1) {
                        dims.add(d.payload());
                    }
                }
            }
        }
        if (elemType != FLOAT) {
            throw new IllegalArgumentException(what + " has element type " + elemType + ", not float (1)");
        }
        if (!shaped || dims.size() != 4) {
            throw new IllegalArgumentException(what + " is not declared with rank 4");
        }
        return dims;
    }

    private static Field only(List<Field> fields, int number, String otherwise) {
        return fields.stream().filter(f -> f.number() == number && f.wireType() == ProtoWire.LEN).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(otherwise));
    }

    private static List<byte[]> permute(List<byte[]> dims, int... order) {
        List<byte[]> out = new ArrayList<>();
        for (int i : order) {
            out.add(dims.get(i));
        }
        return out;
    }

    private static byte[] valueInfo(String name, int elemType, List<byte[]> dims) {
        Writer shape = new Writer();
        dims.forEach(d -> shape.bytes(1, d));
        Writer tensor = new Writer().varint(1, elemType).message(2, shape);
        return new Writer().string(1, name).message(2, new Writer().message(1, tensor)).toByteArray();
    }

    private static byte[] node(String name, String op, List<String> inputs, String output, byte[]... attributes) {
        Writer n = new Writer();
        inputs.forEach(i -> n.string(1, i));
        n.string(2, output).string(3, name).string(4, op);
        for (byte[] a : attributes) {
            n.bytes(5, a);
        }
        return n.toByteArray();
    }

    private static byte[] integer(String name, long value) {
        return new Writer().string(1, name).varint(3, value).varint(20, ATTR_INT).toByteArray();
    }

    private static byte[] real(String name, float value) {
        return new Writer().string(1, name).float32(2, value).varint(20, ATTR_FLOAT).toByteArray();
    }

    private static byte[] ints(String name, long... values) {
        Writer a = new Writer().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, ATTR_INTS).toByteArray();
    }

    /**
     * y = x scale_c + offset_c per channel c, one float multiply then one float add, on a tensor in the model's
     * layout. Where the tensor's axis 1 is the channel (NCHW), or the three channels share one scale and one
     * offset (then any axis may stand for the channel: NHWC's rows), one BatchNormalization (inference: y = (x -
     * mean) / sqrt(var + epsilon) scale + B, Operators.md) with mean 0, var 1 and epsilon 0, which ONNX Runtime's
     * CPU kernel computes as x new_scale + new_bias with new_scale = scale / sqrt(1) = scale and new_bias =
     * B - 0 scale = B exactly: one pass over the tensor in spans of a plane or a row (NHWC with a symbolic height:
     * Mul and Add by scalars). Otherwise (NHWC with a scale or an offset per channel): Mul and Add with
     * whole-row constants ({@link #row}), two passes, and the width must be fixed.
     */
    private static void affine(Writer w, String prefix, String x, String y, float[] scale, float[] offset, boolean nchw, List<byte[]> dims, String what) {
        boolean uniform = scale[0] == scale[1] && scale[1] == scale[2] && offset[0] == offset[1] && offset[1] == offset[2];
        if (uniform && !nchw && fixedDim(dims, 1) < 0) {
            // symbolic height: Mul and Add by scalars (a scalar broadcasts over the whole tensor in one span)
            w.bytes(1, vector(prefix + "scale", new float[] {scale[0]}, false));
            w.bytes(1, vector(prefix + "offset", new float[] {offset[0]}, false));
            w.bytes(1, node(prefix + "mul", "Mul", List.of(x, prefix + "scale"), prefix + "scaled"));
            w.bytes(1, node(prefix + "add", "Add", List.of(prefix + "scaled", prefix + "offset"), y));
        } else if (nchw || uniform) {
            int c = nchw ? 3 : fixedDim(dims, 1);
            w.bytes(1, vector(prefix + "scale", repeat(scale, c), true));
            w.bytes(1, vector(prefix + "offset", repeat(offset, c), true));
            w.bytes(1, vector(prefix + "zero", new float[c], true));
            w.bytes(1, vector(prefix + "one", repeat(new float[] {1, 1, 1}, c), true));
            w.bytes(1, node(prefix + "affine", "BatchNormalization", List.of(x, prefix + "scale", prefix + "offset", prefix + "zero", prefix + "one"), y,
                    real("epsilon", 0f)));
        } else {
            int width = fixedDim(dims, 2);
            if (width < 0) {
                throw new IllegalArgumentException(what + " has no fixed width (needed for a scale or offset per channel in NHWC)");
            }
            w.bytes(1, row(prefix + "scale", scale, width));
            w.bytes(1, row(prefix + "offset", offset, width));
            w.bytes(1, node(prefix + "mul", "Mul", List.of(x, prefix + "scale"), prefix + "scaled"));
            w.bytes(1, node(prefix + "add", "Add", List.of(prefix + "scaled", prefix + "offset"), y));
        }
    }

    /**
     * QuantizeLinear to uint8 with zero point 0: saturate(round_half_even(x / scale_c)) in one kernel; one scale
     * (a scalar, opset 10) or one per channel on axis 1 (NCHW, opset 13).
     */
    private static void quantize(Writer w, String prefix, String x, String y, float[] scale) {
        boolean perChannel = scale.length > 1;
        w.bytes(1, vector(prefix + "quantum", scale, perChannel));
        w.bytes(1, zeroPoint(prefix + "zero_point", scale.length));
        w.bytes(1, node(prefix + "quantize", "QuantizeLinear", List.of(x, prefix + "quantum", prefix + "zero_point"), y,
                perChannel ? new byte[][] {integer("axis", 1)} : new byte[0][]));
    }

    /**
     * saturate(round_half_even(x)) to uint8: QuantizeLinear with scale 1 (x / 1 is x exactly) from opset 10;
     * below, Clip to 0..255, then + 2^23 and - 2^23, which rounds half to even in binary32 arithmetic (for 0 &lt;= x
     * &lt; 2^23 the sum's ulp is 1, and IEEE 754 rounds to nearest, ties to even; the subtraction is then exact),
     * then Cast, which truncates an integral value to itself.
     */
    private static void round(Writer w, String prefix, String x, String y, int opset) {
        if (opset >= 10) {
            quantize(w, prefix + "round_", x, y, new float[] {1f});
            return;
        }
        w.bytes(1, node(prefix + "clip", "Clip", List.of(x), prefix + "clipped", real("min", 0f), real("max", 255f)));
        w.bytes(1, vector(prefix + "two23", new float[] {8388608f}, false));
        w.bytes(1, vector(prefix + "minus_two23", new float[] {-8388608f}, false));
        w.bytes(1, node(prefix + "add_two23", "Add", List.of(prefix + "clipped", prefix + "two23"), prefix + "shifted"));
        w.bytes(1, node(prefix + "sub_two23", "Add", List.of(prefix + "shifted", prefix + "minus_two23"), prefix + "rounded"));
        w.bytes(1, node(prefix + "to_uint8", "Cast", List.of(prefix + "rounded"), y, integer("to", UINT8)));
    }

    /**
     * y = x / d_c per channel, one float division (Div, numpy broadcasting from opset 7): by a scalar where the
     * channels share d, else by [3, 1, 1] against NCHW, or by a whole NHWC row ({@link #row}; the width must be fixed).
     */
    private static void divide(Writer w, String prefix, String x, String y, float[] d, boolean nchw, List<byte[]> dims, String what) {
        if (d[0] == d[1] && d[1] == d[2]) {
            w.bytes(1, vector(prefix + "divisor", new float[] {d[0]}, false));
        } else if (nchw) {
            Writer t = new Writer().varint(1, 3).varint(1, 1).varint(1, 1);
            t.varint(2, FLOAT).packedFloats(4, d).string(8, prefix + "divisor");
            w.bytes(1, node(prefix + "divisor_node", "Constant", List.of(), prefix + "divisor", tensorAttribute(t)));
        } else {
            int width = fixedDim(dims, 2);
            if (width < 0) {
                throw new IllegalArgumentException(what + " has no fixed width (needed for a scale per channel in NHWC)");
            }
            w.bytes(1, row(prefix + "divisor", d, width));
        }
        w.bytes(1, node(prefix + "divide", "Div", List.of(x, prefix + "divisor"), y));
    }

    /** The per-channel values over n entries (the first value when they differ only matters for n = 3). */
    private static float[] repeat(float[] perChannel, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = perChannel[i % 3];
        }
        return v;
    }

    /** A Constant node giving a float vector (rank 1), or a scalar (rank 0, one value). */
    private static byte[] vector(String name, float[] values, boolean rank1) {
        Writer t = new Writer();
        if (rank1) {
            t.varint(1, values.length);
        }
        t.varint(2, FLOAT).packedFloats(4, values).string(8, name);
        return node(name + "_node", "Constant", List.of(), name, tensorAttribute(t));
    }

    /** A Constant node giving uint8 zeros: a scalar (n = 1) or a vector of n (raw_data, field 9, little-endian bytes). */
    private static byte[] zeroPoint(String name, int n) {
        Writer t = new Writer();
        if (n > 1) {
            t.varint(1, n);
        }
        t.varint(2, UINT8).bytes(9, new byte[n]).string(8, name);
        return node(name + "_node", "Constant", List.of(), name, tensorAttribute(t));
    }

    /**
     * A Constant node giving one NHWC row of per-channel values, [1, 1, W, 3], broadcast over the rows. Not [3]:
     * ONNX Runtime's CPU broadcasting walks the output in spans as long as the innermost run the two shapes
     * share, so a [3] constant against [1, H, W, 3] costs a call per pixel (measured at 1280x720: 25 ms per Mul
     * against ~0.5 ms for a Cast of the same tensor); a whole row makes the span W x 3 values.
     */
    private static byte[] row(String name, float[] perChannel, int width) {
        float[] values = new float[3 * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = perChannel[i % 3];
        }
        Writer t = new Writer().varint(1, 1).varint(1, 1).varint(1, width).varint(1, 3);
        t.varint(2, FLOAT).packedFloats(4, values).string(8, name);
        return node(name + "_node", "Constant", List.of(), name, tensorAttribute(t));
    }

    /** A fixed dimension (dim_value, field 1 of TensorShapeProto.Dimension), or -1 for a symbolic one. */
    private static int fixedDim(List<byte[]> dims, int index) {
        for (Field f : ProtoWire.parse(dims.get(index))) {
            if (f.number() == 1 && f.wireType() == ProtoWire.VARINT && f.varint() > 0 && f.varint() < (1 << 24)) {
                return (int) f.varint();
            }
        }
        return -1;
    }

    private static byte[] tensorAttribute(Writer tensor) {
        return new Writer().string(1, "value").message(5, tensor).varint(20, ATTR_TENSOR).toByteArray();
    }
}
