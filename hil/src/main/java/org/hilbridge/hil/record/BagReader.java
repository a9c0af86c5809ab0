package org.hilbridge.hil.record;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a ROS bag v2.0 (http://wiki.ros.org/Bags/Format/2.0) by walking its records from the start: every
 * chunk (compression none; bz2 and lz4 chunks are refused by name) and the connection and message data records
 * inside it, skipping index data and chunk info records. It reads bags hilbridge, {@code rosbag record} and
 * rosbag's Python API write, indexed or not: an unindexed bag (index_pos 0, a killed recording) is read up to
 * its last whole chunk and {@link #truncated()} says so. Message bodies stay on disk until {@link #read}.
 * Not thread-safe.
 */
public final class BagReader implements Closeable {
    private final Path path;
    private final FileChannel file;
    private final long indexPos;
    private final int headerConnCount;
    private final int headerChunkCount;
    private final Map<Integer, BagConnection> connections = new LinkedHashMap<>();
    private final List<BagMessage> messages = new ArrayList<>();
    private int chunkCount;
    private boolean truncated;

    private BagReader(Path path, FileChannel file) throws IOException {
        this.path = path;
        this.file = file;
        byte[] version = readFully(0, BagFormat.VERSION_LINE.length);
        if (!Arrays.equals(version, BagFormat.VERSION_LINE)) {
            String seen = new String(version, StandardCharsets.ISO_8859_1).replace("\n", "\\n");
            throw new BagFormatException(path + " is not a ROS bag v2.0: it starts with '" + seen + "', a v2.0 bag with '#ROSBAG V2.0\\n'");
        }
        long pos = BagFormat.VERSION_LINE.length;
        Record header = record(pos);
        if (header.op() != BagFormat.OP_FILE_HEADER) {
            throw new BagFormatException(path + ": the first record (byte " + pos + ") has op " + header.op() + ", a bag header has op 3");
        }
        this.indexPos = u64(header.fields, "index_pos", pos);
        this.headerConnCount = (int) u32(header.fields, "conn_count", pos);
        this.headerChunkCount = (int) u32(header.fields, "chunk_count", pos);
        scan(header.end());
    }

    public static BagReader open(Path path) throws IOException {
        FileChannel f = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new BagReader(path, f);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** One record's header fields and where its data lies. */
    private record Record(long pos, Map<String, byte[]> fields, long dataPos, int dataLength) {
        byte op() {
            byte[] op = fields.get("op");
            return op == null || op.length != 1 ? -1 : op[0];
        }

        long end() {
            return dataPos + dataLength;
        }
    }

    private void scan(long start) throws IOException {
        long size = file.size();
        long pos = start;
        // An indexed bag's records end at the end of its index section; an unindexed one may end mid-record.
        while (pos < size) {
            Record r;
            try {
                r = record(pos);
                if (r.end() > size) {
                    throw new BagFormatException(path + ": the record at byte " + pos + " runs past the end of the file (" + size + " bytes)");
                }
            } catch (BagFormatException e) {
                if (indexPos == 0) {
                    truncated = true; // a killed recording: keep what is whole
                    return;
                }
                throw e;
            }
            switch (r.op()) {
                case BagFormat.OP_CHUNK -> {
                    String compression = text(r.fields, "compression", pos);
                    if (!compression.equals(BagFormat.COMPRESSION_NONE)) {
                        throw new BagFormatException(path + ": chunk at byte " + pos + " is compressed with '" + compression
                                + "'; this reader reads only uncompressed bags (compression none): run `rosbag decompress` first");
                    }
                    scanChunk(r);
                    chunkCount++;
                }
                case BagFormat.OP_CONNECTION -> connection(r);
                case BagFormat.OP_INDEX_DATA, BagFormat.OP_CHUNK_INFO -> {
                    // the index: everything it says is in the chunks already
                }
                default -> throw new BagFormatException(path + ": record at byte " + pos + " has op " + r.op()
                        + ", allowed outside chunks are 4 (index data), 5 (chunk), 6 (chunk info), 7 (connection)");
            }
            pos = r.end();
        }
    }

    private void scanChunk(Record chunk) throws IOException {
        long pos = chunk.dataPos();
        long end = chunk.end();
        while (pos < end) {
            Record r = record(pos);
            if (r.end() > end) {
                throw new BagFormatException(path + ": the record at byte " + pos + " runs past the end of its chunk (byte " + end + ")");
            }
            switch (r.op()) {
                case BagFormat.OP_CONNECTION -> connection(r);
                case BagFormat.OP_MSG_DATA -> {
                    int conn = (int) u32(r.fields, "conn", pos);
                    BagConnection c = connections.get(conn);
                    if (c == null) {
                        throw new BagFormatException(path + ": message at byte " + pos + " names connection " + conn + ", which no earlier record defines");
                    }
                    messages.add(new BagMessage(c, time(r.fields, "time", pos), r.dataPos(), r.dataLength()));
                }
                default -> throw new BagFormatException(path + ": record at byte " + pos + " inside a chunk has op " + r.op()
                        + ", allowed are 2 (message data) and 7 (connection)");
            }
            pos = r.end();
        }
    }

    private void connection(Record r) throws IOException {
        int id = (int) u32(r.fields, "conn", r.pos());
        if (connections.containsKey(id)) {
            return; // the index section repeats the records the chunks hold
        }
        Map<String, byte[]> h = BagFormat.parseHeader(readFully(r.dataPos(), r.dataLength()), r.dataPos());
        String topic = text(r.fields, "topic", r.pos());
        byte[] latching = h.get("latching");
        connections.put(id, new BagConnection(id, topic, text(h, "type", r.dataPos()), text(h, "md5sum", r.dataPos()),
                optionalText(h, "message_definition"), optionalText(h, "callerid"),
                latching != null && new String(latching, StandardCharsets.US_ASCII).equals("1")));
    }

    private Record record(long pos) throws IOException {
        int headerLength = readInt(pos);
        if (headerLength < 0 || pos + 4 + headerLength + 4 > file.size()) {
            throw new BagFormatException(path + ": record at byte " + pos + " declares a header of " + (headerLength & 0xffffffffL)
                    + " bytes, more than the file holds");
        }
        Map<String, byte[]> fields = BagFormat.parseHeader(readFully(pos + 4, headerLength), pos);
        long lengthPos = pos + 4 + headerLength;
        int dataLength = readInt(lengthPos);
        if (dataLength < 0) {
            throw new BagFormatException(path + ": record at byte " + pos + " declares " + (dataLength & 0xffffffffL) + " data bytes");
        }
        return new Record(pos, fields, lengthPos + 4, dataLength);
    }

    /** The serialised body of {@code m}. */
    public byte[] read(BagMessage m) throws IOException {
        return readFully(m.dataPos(), m.length());
    }

    public Path path() {
        return path;
    }

    /** Connections by id, in the order the bag defines them. */
    public List<BagConnection> connections() {
        return List.copyOf(connections.values());
    }

    /** Every message, in file order (per connection in time order for bags rosbag or hilbridge wrote). */
    public List<BagMessage> messages() {
        return Collections.unmodifiableList(messages);
    }

    /** Every message ordered by time (stable: equal times keep file order), as rosbag play sends them. */
    public List<BagMessage> messagesByTime() {
        List<BagMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparingLong(BagMessage::timeNanos));
        return sorted;
    }

    /** The messages on {@code topic}, in file order. */
    public List<BagMessage> messagesOn(String topic) {
        return messages.stream().filter(m -> m.connection().topic().equals(topic)).toList();
    }

    /** The bag header's index_pos: 0 when the bag was never closed (reindex it). */
    public long indexPos() {
        return indexPos;
    }

    public int headerConnectionCount() {
        return headerConnCount;
    }

    public int headerChunkCount() {
        return headerChunkCount;
    }

    /** Chunks found walking the file. */
    public int chunkCount() {
        return chunkCount;
    }

    /** Whether an unindexed bag ended in a torn record (what a kill leaves). */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private int readInt(long pos) throws IOException {
        return ByteBuffer.wrap(readFully(pos, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private byte[] readFully(long pos, int length) throws IOException {
        if (pos + length > file.size()) {
            throw new BagFormatException(path + ": " + length + " bytes at byte " + pos + " run past the end of the file (" + file.size() + " bytes)");
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (file.read(b, pos + b.position()) < 0) {
                throw new BagFormatException(path + ": unexpected end of file at byte " + (pos + b.position()));
            }
        }
        return b.array();
    }

    private byte[] field(Map<String, byte[]> fields, String name, long pos, int length) {
        byte[] v = fields.get(name);
        if (v == null) {
            throw new BagFormatException(path + ": record at byte " + pos + " lacks the header field '" + name + "' (has " + fields.keySet() + ")");
        }
        if (length >= 0 && v.length != length) {
            throw new BagFormatException(path + ": record at byte " + pos + ": field '" + name + "' has " + v.length + " bytes, " + length + " expected");
        }
        return v;
    }

    private long u32(Map<String, byte[]> fields, String name, long pos) {
        return ByteBuffer.wrap(field(fields, name, pos, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }

    private long u64(Map<String, byte[]> fields, String name, long pos) {
        return ByteBuffer.wrap(field(fields, name, pos, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private long time(Map<String, byte[]> fields, String name, long pos) {
        ByteBuffer b = ByteBuffer.wrap(field(fields, name, pos, 8)).order(ByteOrder.LITTLE_ENDIAN);
        return BagFormat.toNanos(b.getInt(), b.getInt());
    }

    private String text(Map<String, byte[]> fields, String name, long pos) {
        return new String(field(fields, name, pos, -1), StandardCharsets.UTF_8);
    }

    private static String optionalText(Map<String, byte[]> fields, String name) {
        byte[] v = fields.get(name);
        return v == null ? "" : new String(v, StandardCharsets.UTF_8);
    }
}
