package org.hilbridge.hil.record;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a ROS bag v2.0 (http://wiki.ros.org/Bags/Format/2.0), uncompressed, chunked and indexed as rosbag
 * writes it (bag.py {@code Bag.write} / {@code _stop_writing_chunk} / {@code close}):
 * <ol>
 * <li>{@code #ROSBAG V2.0\n}, then the bag header record (op 3: index_pos, conn_count, chunk_count) padded
 * with spaces to 4096 bytes; written with index_pos 0 on open and rewritten on {@link #close()};
 * <li>chunks (op 5, compression none), each followed by one index data record (op 4, version 1: time and
 * offset in the chunk of every message of one connection). Inside a chunk: a connection record (op 7) before
 * the first message of each connection, and the message data records (op 2: conn, time; data the
 * serialised message);
 * <li>on close: the index section, every connection record again and one chunk info record (op 6, version 1:
 * chunk_pos, start_time, end_time, message count per connection) per chunk; then the bag header's index_pos.
 * </ol>
 * A chunk is held in memory (small bodies copied into one buffer, large ones kept by reference) and written
 * with its index records in one gathering write when it reaches the size threshold or spans the time limit,
 * so a process killed mid-run leaves only whole chunks (plus at most a torn last write) that
 * {@code rosbag reindex} can index. Thread-safe (every method synchronised); bodies are written in call order.
 */
public final class BagWriter implements AutoCloseable {
    /** rosbag's default chunk threshold (bag.py {@code chunk_threshold=768 * 1024}). */
    public static final int DEFAULT_CHUNK_BYTES = 768 * 1024;
    /** A chunk spans at most this much message time, so a killed recording loses at most about this much. */
    public static final long DEFAULT_CHUNK_SPAN_NANOS = 1_000_000_000L;
    /** Bodies up to this size are copied into the chunk buffer; larger ones are written from their own buffers. */
    private static final int COPY_LIMIT_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel file;
    private final int chunkBytes;
    private final long chunkSpanNanos;
    private final List<BagConnection> connections = new ArrayList<>();
    private final List<BagConnection> written = new ArrayList<>();
    private final List<ChunkInfo> chunks = new ArrayList<>();
    private final Chunk chunk = new Chunk();
    private boolean[] connectionWritten = new boolean[16];
    private long messageCount;
    private boolean closed;

    private record ChunkInfo(long pos, long startNanos, long endNanos, Map<Integer, Integer> counts) {
    }

    private BagWriter(Path path, FileChannel file, int chunkBytes, long chunkSpanNanos) {
        this.path = path;
        this.file = file;
        this.chunkBytes = chunkBytes;
        this.chunkSpanNanos = chunkSpanNanos;
    }

    /** Creates (or truncates) {@code path} with rosbag's default chunk threshold. */
    public static BagWriter create(Path path) throws IOException {
        return create(path, DEFAULT_CHUNK_BYTES, DEFAULT_CHUNK_SPAN_NANOS);
    }

    public static BagWriter create(Path path, int chunkBytes, long chunkSpanNanos) throws IOException {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("bag chunk size " + chunkBytes + " bytes is not allowed: it must be >= 1");
        }
        if (chunkSpanNanos < 1) {
            throw new IllegalArgumentException("bag chunk span " + chunkSpanNanos + " ns is not allowed: it must be >= 1");
        }
        FileChannel f;
        try {
            f = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "cannot create the bag: its folder does not exist");
        }
        BagWriter w = new BagWriter(path, f, chunkBytes, chunkSpanNanos);
        try {
            writeFully(f, ByteBuffer.wrap(BagFormat.VERSION_LINE));
            writeFully(f, fileHeader(0, 0, 0));
        } catch (IOException e) {
            f.close();
            throw e;
        }
        return w;
    }

    /**
     * Declares a connection; its record goes into the bag with its first message.
     *
     * @param messageDefinition the full definition (gendeps --cat), as TCPROS's message_definition carries it
     */
    public synchronized BagConnection addConnection(String topic, String type, String md5sum, String messageDefinition, String callerid,
                                                    boolean latching) {
        requireOpen();
        BagConnection c = new BagConnection(connections.size(), topic, type, md5sum, messageDefinition, callerid, latching);
        connections.add(c);
        return c;
    }

    /** Writes one message, taking ownership of one reference of {@code body} (released once written). */
    public synchronized void write(BagConnection connection, long timeNanos, ByteBuf body) throws IOException {
        try {
            check(connection, timeNanos);
            beforeMessage(connection, timeNanos);
            int length = body.readableBytes();
            chunk.messageHeader(connection.id(), timeNanos, length);
            if (length <= COPY_LIMIT_BYTES) {
                chunk.copy(body);
            } else {
                chunk.keep(body.retain());
            }
        } finally {
            body.release();
        }
        afterMessage();
    }

    /** Writes one message from a byte array (not kept). */
    public synchronized void write(BagConnection connection, long timeNanos, byte[] body) throws IOException {
        check(connection, timeNanos);
        beforeMessage(connection, timeNanos);
        chunk.messageHeader(connection.id(), timeNanos, body.length);
        chunk.copy(body);
        afterMessage();
    }

    private void check(BagConnection connection, long timeNanos) {
        requireOpen();
        if (connection.id() >= connections.size() || connections.get(connection.id()) != connection) {
            throw new IllegalArgumentException("connection " + connection.id() + " (" + connection.topic() + ") was not added to this bag writer");
        }
        if (timeNanos < 0 || BagFormat.seconds(timeNanos) > 0xffffffffL) {
            throw new IllegalArgumentException("message time " + timeNanos + " ns on " + connection.topic()
                    + " is not allowed: a bag time is 0 .. 2^32 s (unsigned seconds, http://wiki.ros.org/Bags/Format/2.0)");
        }
    }

    private void beforeMessage(BagConnection c, long timeNanos) throws IOException {
        if (!chunk.isEmpty() && timeNanos - chunk.startNanos >= chunkSpanNanos) {
            flushChunk();
        }
        if (c.id() >= connectionWritten.length) {
            connectionWritten = Arrays.copyOf(connectionWritten, Math.max(c.id() + 1, 2 * connectionWritten.length));
        }
        if (!connectionWritten[c.id()]) {
            // bag.py writes a connection's record into the chunk that holds its first message; reindex finds it there.
            connectionWritten[c.id()] = true;
            written.add(c);
            chunk.copy(connectionRecord(c));
        }
        chunk.index(c.id(), timeNanos);
    }

    private void afterMessage() throws IOException {
        messageCount++;
        if (chunk.dataBytes >= chunkBytes) {
            flushChunk();
        }
    }

    /** Writes the chunk in progress, if any, with its index records. */
    public synchronized void flush() throws IOException {
        requireOpen();
        flushChunk();
    }

    private void flushChunk() throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        long pos = file.position();
        List<ByteBuffer> out = new ArrayList<>();
        byte[] header = new BagFormat.Header().op(BagFormat.OP_CHUNK).text("compression", BagFormat.COMPRESSION_NONE)
                .u32("size", chunk.dataBytes).bytes();
        out.add(sized(header));
        out.add(BagFormat.le(4).putInt((int) chunk.dataBytes).flip());
        chunk.sealInto(out);
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<Integer, IndexEntries> e : chunk.indexes.entrySet()) {
            IndexEntries ix = e.getValue();
            counts.put(e.getKey(), ix.count);
            byte[] h = new BagFormat.Header().op(BagFormat.OP_INDEX_DATA).u32("conn", e.getKey()).u32("ver", BagFormat.INDEX_VERSION)
                    .u32("count", ix.count).bytes();
            ByteBuffer data = BagFormat.le(12 * ix.count);
            for (int i = 0; i < ix.count; i++) {
                data.putInt((int) BagFormat.seconds(ix.times[i])).putInt(BagFormat.nanosPart(ix.times[i])).putInt((int) ix.offsets[i]);
            }
            out.add(sized(h));
            out.add(BagFormat.le(4).putInt(data.capacity()).flip());
            out.add(data.flip());
        }
        try {
            writeFully(file, out.toArray(ByteBuffer[]::new));
        } finally {
            chunk.releaseKept();
        }
        chunks.add(new ChunkInfo(pos, chunk.startNanos, chunk.endNanos, counts));
        chunk.reset();
    }

    /** Writes the last chunk, the index section and the final bag header; closes the file. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flushChunk();
            long indexPos = file.position();
            List<ByteBuffer> out = new ArrayList<>();
            for (BagConnection c : written) {
                out.add(ByteBuffer.wrap(connectionRecord(c)));
            }
            for (ChunkInfo ci : chunks) {
                byte[] h = new BagFormat.Header().op(BagFormat.OP_CHUNK_INFO).u32("ver", BagFormat.CHUNK_INFO_VERSION).u64("chunk_pos", ci.pos)
                        .time("start_time", ci.startNanos).time("end_time", ci.endNanos).u32("count", ci.counts.size()).bytes();
                ByteBuffer data = BagFormat.le(8 * ci.counts.size());
                ci.counts.forEach((conn, n) -> data.putInt(conn).putInt(n));
                out.add(sized(h));
                out.add(BagFormat.le(4).putInt(data.capacity()).flip());
                out.add(data.flip());
            }
            writeFully(file, out.toArray(ByteBuffer[]::new));
            file.position(BagFormat.VERSION_LINE.length);
            writeFully(file, fileHeader(indexPos, written.size(), chunks.size()));
        } finally {
            closed = true;
            chunk.releaseKept();
            file.close();
        }
    }

    public Path path() {
        return path;
    }

    public synchronized long messageCount() {
        return messageCount;
    }

    /** Bytes in the file so far plus the chunk in progress. */
    public synchronized long sizeBytes() throws IOException {
        return closed ? java.nio.file.Files.size(path) : file.position() + chunk.dataBytes;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("bag " + path + " is closed");
        }
    }

    /** The bag header record: bag.py {@code _write_record(f, header, padded_size=_FILE_HEADER_LENGTH)}. */
    private static ByteBuffer fileHeader(long indexPos, int connCount, int chunkCount) {
        byte[] h = new BagFormat.Header().op(BagFormat.OP_FILE_HEADER).u64("index_pos", indexPos).u32("conn_count", connCount)
                .u32("chunk_count", chunkCount).bytes();
        int padding = BagFormat.FILE_HEADER_LENGTH - h.length;
        ByteBuffer b = BagFormat.le(8 + BagFormat.FILE_HEADER_LENGTH);
        b.putInt(h.length).put(h).putInt(padding);
        for (int i = 0; i < padding; i++) {
            b.put((byte) ' ');
        }
        return b.flip();
    }

    /** A connection record: header op, topic, conn; data the connection header (fields in rosbag record's sorted order). */
    private static byte[] connectionRecord(BagConnection c) {
        byte[] h = new BagFormat.Header().op(BagFormat.OP_CONNECTION).text("topic", c.topic()).u32("conn", c.id()).bytes();
        byte[] d = new BagFormat.Header().text("callerid", c.callerid()).text("latching", c.latching() ? "1" : "0").text("md5sum", c.md5sum())
                .text("message_definition", c.messageDefinition()).text("topic", c.topic()).text("type", c.type()).bytes();
        ByteBuffer b = BagFormat.le(8 + h.length + d.length);
        b.putInt(h.length).put(h).putInt(d.length).put(d);
        return b.array();
    }

    private static ByteBuffer sized(byte[] header) {
        return BagFormat.le(4 + header.length).putInt(header.length).put(header).flip();
    }

    private static void writeFully(FileChannel f, ByteBuffer... buffers) throws IOException {
        long left = 0;
        for (ByteBuffer b : buffers) {
            left += b.remaining();
        }
        while (left > 0) {
            left -= f.write(buffers);
        }
    }

    /** Times and chunk offsets of one connection's messages in the chunk in progress. */
    private static final class IndexEntries {
        long[] times = new long[16];
        long[] offsets = new long[16];
        int count;

        void add(long timeNanos, long offset) {
            if (count == times.length) {
                times = Arrays.copyOf(times, 2 * count);
                offsets = Arrays.copyOf(offsets, 2 * count);
            }
            times[count] = timeNanos;
            offsets[count++] = offset;
        }
    }

    /** The chunk in progress: its uncompressed data as a list of buffers, and its index. */
    private static final class Chunk {
        final Map<Integer, IndexEntries> indexes = new LinkedHashMap<>();
        final List<ByteBuffer> parts = new ArrayList<>();
        final List<ByteBuf> kept = new ArrayList<>();
        /** Small records are copied here; sealed regions become parts, and the arena is reused chunk after chunk. */
        ByteBuffer arena = BagFormat.le(1024 * 1024);
        int sealedUpTo;
        long dataBytes;
        long startNanos;
        long endNanos;
        int messages;

        boolean isEmpty() {
            return dataBytes == 0;
        }

        void index(int conn, long timeNanos) {
            if (messages == 0) {
                startNanos = timeNanos;
                endNanos = timeNanos;
            }
            startNanos = Math.min(startNanos, timeNanos);
            endNanos = Math.max(endNanos, timeNanos);
            messages++;
            indexes.computeIfAbsent(conn, k -> new IndexEntries()).add(timeNanos, dataBytes);
        }

        void messageHeader(int conn, long timeNanos, int bodyLength) {
            byte[] h = new BagFormat.Header().op(BagFormat.OP_MSG_DATA).u32("conn", conn).time("time", timeNanos).bytes();
            ensure(8 + h.length);
            arena.putInt(h.length).put(h).putInt(bodyLength);
            dataBytes += 8 + h.length;
        }

        void copy(byte[] bytes) {
            ensure(bytes.length);
            arena.put(bytes);
            dataBytes += bytes.length;
        }

        void copy(ByteBuf body) {
            int n = body.readableBytes();
            ensure(n);
            body.getBytes(body.readerIndex(), arena.array(), arena.arrayOffset() + arena.position(), n);
            arena.position(arena.position() + n);
            dataBytes += n;
        }

        void keep(ByteBuf body) {
            sealSmall();
            kept.add(body);
            for (ByteBuffer b : body.nioBuffers()) {
                parts.add(b);
            }
            dataBytes += body.readableBytes();
        }

        private void ensure(int n) {
            if (arena.remaining() < n) {
                sealSmall();
                // the old arena stays alive through the parts that slice it until the chunk is written
                arena = BagFormat.le(Math.max(n, arena.capacity()));
                sealedUpTo = 0;
            }
        }

        private void sealSmall() {
            if (arena.position() > sealedUpTo) {
                parts.add(arena.duplicate().limit(arena.position()).position(sealedUpTo));
                sealedUpTo = arena.position();
            }
        }

        void sealInto(List<ByteBuffer> out) {
            sealSmall();
            out.addAll(parts);
        }

        void releaseKept() {
            for (ByteBuf b : kept) {
                b.release();
            }
            kept.clear();
        }

        void reset() {
            indexes.clear();
            parts.clear();
            arena.clear();
            sealedUpTo = 0;
            dataBytes = 0;
            messages = 0;
        }
    }

    @Override
    public String toString() {
        return "BagWriter[" + path + "]";
    }
}
