package org.hilbridge.hil.record;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The constants and the record header encoding of the ROS bag format 2.0
 * (http://wiki.ros.org/Bags/Format/2.0; the same layout rosbag's bag.py writes and reads). A bag is the
 * version line, then records; a record is {@code header_len (u32 LE), header, data_len (u32 LE), data}; a
 * header is a sequence of fields {@code field_len (u32 LE), name '=' value}. Integers are little-endian; a
 * time is two u32s, seconds then nanoseconds.
 */
final class BagFormat {
    /** The first line of every v2.0 bag, newline included. */
    static final byte[] VERSION_LINE = "#ROSBAG V2.0\n".getBytes(StandardCharsets.US_ASCII);
    /** bag.py {@code _FILE_HEADER_LENGTH}: the bag header record's header plus its space padding are this long. */
    static final int FILE_HEADER_LENGTH = 4096;
    /** Where the first record after the bag header starts: version line, two length words, 4096 bytes. */
    static final long FIRST_RECORD_POS = VERSION_LINE.length + 8L + FILE_HEADER_LENGTH;

    static final byte OP_MSG_DATA = 0x02;
    static final byte OP_FILE_HEADER = 0x03;
    static final byte OP_INDEX_DATA = 0x04;
    static final byte OP_CHUNK = 0x05;
    static final byte OP_CHUNK_INFO = 0x06;
    static final byte OP_CONNECTION = 0x07;
    /** Index data record version (bag.py {@code _INDEX_VERSION}) and chunk info version ({@code _CHUNK_INDEX_VERSION}). */
    static final int INDEX_VERSION = 1;
    static final int CHUNK_INFO_VERSION = 1;
    static final String COMPRESSION_NONE = "none";

    private BagFormat() {
    }

    /** Builds one record header, fields in insertion order. */
    static final class Header {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        Header op(byte op) {
            return field("op", new byte[] {op});
        }

        Header u32(String name, long value) {
            return field(name, le(4).putInt((int) value).array());
        }

        Header u64(String name, long value) {
            return field(name, le(8).putLong(value).array());
        }

        Header time(String name, long nanos) {
            return field(name, le(8).putInt((int) seconds(nanos)).putInt(nanosPart(nanos)).array());
        }

        Header text(String name, String value) {
            return field(name, value.getBytes(StandardCharsets.UTF_8));
        }

        Header field(String name, byte[] value) {
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(le(4).putInt(n.length + 1 + value.length).array());
            out.writeBytes(n);
            out.write('=');
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Parses a header into its fields (name -> raw value), refusing a field that runs past the end or lacks '='. */
    static Map<String, byte[]> parseHeader(byte[] header, long filePos) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw new BagFormatException("record header at byte " + filePos + ": " + b.remaining() + " stray bytes after the last field");
            }
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new BagFormatException("record header at byte " + filePos + ": a field of " + (len & 0xffffffffL) + " bytes, only "
                        + b.remaining() + " left in the header");
            }
            int start = b.position();
            int eq = -1;
            for (int i = start; i < start + len; i++) {
                if (header[i] == '=') {
                    eq = i;
                    break;
                }
            }
            if (eq < 0) {
                throw new BagFormatException("record header at byte " + filePos + ": field without '=' at offset " + start);
            }
            String name = new String(header, start, eq - start, StandardCharsets.US_ASCII);
            byte[] value = java.util.Arrays.copyOfRange(header, eq + 1, start + len);
            fields.put(name, value);
            b.position(start + len);
        }
        return fields;
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static long seconds(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L);
    }

    static int nanosPart(long nanos) {
        return (int) Math.floorMod(nanos, 1_000_000_000L);
    }

    /** A bag time (u32 seconds, u32 nanoseconds) as nanoseconds. */
    static long toNanos(int seconds, int nanos) {
        return (seconds & 0xffffffffL) * 1_000_000_000L + (nanos & 0xffffffffL);
    }
}
