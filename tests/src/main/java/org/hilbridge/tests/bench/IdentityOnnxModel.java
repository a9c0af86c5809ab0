package org.hilbridge.tests.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of an ONNX model "out = Identity(rgb)" with float tensors of a fixed shape, written directly in
 * the protobuf wire format (protobuf encoding guide: varint keys (field << 3 | wire type), length-delimited
 * messages) from onnx.proto (ModelProto: ir_version 1, graph 7, opset_import 8; GraphProto: node 1, name 2,
 * input 11, output 12; NodeProto: input 1, output 2, op_type 4; ValueInfoProto: name 1, type 2; TypeProto:
 * tensor_type 1; TypeProto.Tensor: elem_type 1 (FLOAT = 1, UINT8 = 2), shape 2; TensorShapeProto: dim 1;
 * Dimension: dim_value 1; OperatorSetIdProto: domain 1, version 2). The benchmark needs no Python for it.
 */
final class IdentityOnnxModel {
    private IdentityOnnxModel() {
    }

    static final int FLOAT = 1;
    static final int UINT8 = 2;

    static byte[] bytes(long... shape) {
        return ofType(FLOAT, shape);
    }

    /** With uint8 input and output. */
    static byte[] uint8(long... shape) {
        return ofType(UINT8, shape);
    }

    /** @param elemType TensorProto.DataType of input and output: {@link #FLOAT} or {@link #UINT8} */
    private static byte[] ofType(int elemType, long[] shape) {
        byte[] node = msg(str(1, "rgb"), str(2, "out"), str(4, "Identity"));
        byte[] graph = msg(field(1, node), str(2, "identity"), field(11, valueInfo("rgb", elemType, shape)),
                field(12, valueInfo("out", elemType, shape)));
        return msg(varint(1, 8), field(7, graph), field(8, msg(str(1, ""), varint(2, 17))));
    }

    private static byte[] valueInfo(String name, int elemType, long[] shape) {
        ByteArrayOutputStream dims = new ByteArrayOutputStream();
        for (long d : shape) {
            dims.writeBytes(field(1, msg(varint(1, d))));
        }
        byte[] tensor = msg(varint(1, elemType), field(2, dims.toByteArray()));
        return msg(str(1, name), field(2, msg(field(1, tensor))));
    }

    private static byte[] msg(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] str(int field, String s) {
        return field(field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] field(int field, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3 | 2);
        writeVarint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
