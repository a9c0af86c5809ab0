package org.hilbridge.bridge.socket.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An allocator that counts the bytes of every buffer it hands out (their capacity when allocated),
 * delegating to another: the evidence that the server does not copy frames per client (tests, the socket
 * benchmark). Give it to {@link SocketServer#start(SocketServerConfig, java.util.List,
 * org.hilbridge.bridge.link.CommandIntake, ByteBufAllocator)}: it serves the encoder and every client
 * channel, so Netty's own copies on the write path are counted too.
 */
public final class CountingAllocator implements ByteBufAllocator {
    private final ByteBufAllocator d;
    private final AtomicLong bytes = new AtomicLong();

    public CountingAllocator(ByteBufAllocator delegate) {
        this.d = delegate;
    }

    /** Bytes allocated so far. */
    public long allocatedBytes() {
        return bytes.get();
    }

    private ByteBuf count(ByteBuf b) {
        bytes.addAndGet(b.capacity());
        return b;
    }

    @Override public ByteBuf buffer() { return count(d.buffer()); }
    @Override public ByteBuf buffer(int i) { return count(d.buffer(i)); }
    @Override public ByteBuf buffer(int i, int m) { return count(d.buffer(i, m)); }
    @Override public ByteBuf ioBuffer() { return count(d.ioBuffer()); }
    @Override public ByteBuf ioBuffer(int i) { return count(d.ioBuffer(i)); }
    @Override public ByteBuf ioBuffer(int i, int m) { return count(d.ioBuffer(i, m)); }
    @Override public ByteBuf heapBuffer() { return count(d.heapBuffer()); }
    @Override public ByteBuf heapBuffer(int i) { return count(d.heapBuffer(i)); }
    @Override public ByteBuf heapBuffer(int i, int m) { return count(d.heapBuffer(i, m)); }
    @Override public ByteBuf directBuffer() { return count(d.directBuffer()); }
    @Override public ByteBuf directBuffer(int i) { return count(d.directBuffer(i)); }
    @Override public ByteBuf directBuffer(int i, int m) { return count(d.directBuffer(i, m)); }
    @Override public CompositeByteBuf compositeBuffer() { return d.compositeBuffer(); }
    @Override public CompositeByteBuf compositeBuffer(int n) { return d.compositeBuffer(n); }
    @Override public CompositeByteBuf compositeHeapBuffer() { return d.compositeHeapBuffer(); }
    @Override public CompositeByteBuf compositeHeapBuffer(int n) { return d.compositeHeapBuffer(n); }
    @Override public CompositeByteBuf compositeDirectBuffer() { return d.compositeDirectBuffer(); }
    @Override public CompositeByteBuf compositeDirectBuffer(int n) { return d.compositeDirectBuffer(n); }
    @Override public boolean isDirectBufferPooled() { return d.isDirectBufferPooled(); }
    @Override public int calculateNewCapacity(int min, int max) { return d.calculateNewCapacity(min, max); }
}
