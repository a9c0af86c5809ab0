package org.hilbridge.augment.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The protobuf wire format, just enough to edit an ONNX model without a schema or a protobuf runtime (protobuf
 * "Encoding" guide, protobuf.dev/programming-guides/encoding: a message is a sequence of records, each a varint
 * key (field number &lt;&lt; 3 | wire type) and a payload: VARINT 0, I64 1, LEN 2 (varint length, then bytes), I32 5;
 * the groups 3 and 4 are deprecated and ONNX does not use them). A {@link Field} keeps its record's exact bytes,
 * so a message re-written from its fields is byte for byte what was read, unknown fields included; repeated
 * fields are simply records with the same number, concatenated in the order they appear.
 */
final class ProtoWire {
    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;
    static final int I32 = 5;

    private ProtoWire() {
    }

    /** One record of a message: its number, wire type, the whole record's bytes and where its payload lies in them. */
    record Field(int number, int wireType, byte[] record, int payloadOffset, long varint) {
        /** The payload of a LEN record (a sub-message, a string, packed values). */
        byte[] payload() {
            if (wireType != LEN) {
                throw new IllegalArgumentException("field " + number + " has wire type " + wireType + ", not LEN");
            }
            byte[] p = new byte[record.length - payloadOffset];
            System.arraycopy(record, payloadOffset, p, 0, p.length);
            return p;
        }

        String string() {
            return new String(payload(), StandardCharsets.UTF_8);
        }
    }

    /** The records of a message, in order; a malformed message is an IllegalArgumentException naming the offset. */
    static List<Field> parse(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < message.length) {
            int start = pos[0];
            long key = readVarint(message, pos);
            int number = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            if (number <= 0) {
                throw new IllegalArgumentException("not a protobuf message: field number " + number + " at offset " + start);
            }
            long value = 0;
            int payloadOffset;
            switch (wireType) {
                case VARINT -> {
                    payloadOffset = pos[0] - start;
                    value = readVarint(message, pos);
                }
                case I64 -> {
                    payloadOffset = pos[0] - start;
                    pos[0] += 8;
                }
                case I32 -> {
                    payloadOffset = pos[0] - start;
                    pos[0] += 4;
                }
                case LEN -> {
                    long length = readVarint(message, pos);
                    payloadOffset = pos[0] - start;
                    if (length < 0 || length > message.length - pos[0]) {
                        throw new IllegalArgumentException("not a protobuf message: field " + number + " at offset " + start
                                + " claims " + length + " bytes, " + (message.length - pos[0]) + " remain");
                    }
                    pos[0] += (int) length;
                }
                default -> throw new IllegalArgumentException("not a protobuf message (or one with groups): wire type " + wireType
                        + " at offset " + start);
            }
            if (pos[0] > message.length) {
                throw new IllegalArgumentException("not a protobuf message: field " + number + " at offset " + start + " runs past the end");
            }
            byte[] record = new byte[pos[0] - start];
            System.arraycopy(message, start, record, 0, record.length);
            fields.add(new Field(number, wireType, record, payloadOffset, value));
        }
        return fields;
    }

    private static long readVarint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("not a protobuf message: a varint runs past the end");
            }
            int x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a protobuf message: a varint longer than 10 bytes at offset " + pos[0]);
    }

    /** Writes records: fields copied as they were, and new ones. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer copy(Field f) {
            out.writeBytes(f.record());
            return this;
        }

        /** Appends what another writer holds (records, already encoded). */
        Writer copyAll(Writer other) {
            out.writeBytes(other.toByteArray());
            return this;
        }

        Writer varint(int number, long value) {
            writeVarint((long) number << 3 | VARINT);
            writeVarint(value);
            return this;
        }

        Writer bytes(int number, byte[] payload) {
            writeVarint((long) number << 3 | LEN);
            writeVarint(payload.length);
            out.writeBytes(payload);
            return this;
        }

        Writer message(int number, Writer message) {
            return bytes(number, message.toByteArray());
        }

        Writer string(int number, String s) {
            return bytes(number, s.getBytes(StandardCharsets.UTF_8));
        }

        Writer float32(int number, float value) {
            writeVarint((long) number << 3 | I32);
            int bits = Float.floatToRawIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));   // little-endian, as the encoding guide says for I32
            }
            return this;
        }

        /** Repeated float written packed (proto3's default for repeated scalars; parsers accept both forms). */
        Writer packedFloats(int number, float[] values) {
            Writer packed = new Writer();
            for (float v : values) {
                int bits = Float.floatToRawIntBits(v);
                for (int i = 0; i < 4; i++) {
                    packed.out.write(bits >>> (8 * i));
                }
            }
            return bytes(number, packed.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void writeVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
