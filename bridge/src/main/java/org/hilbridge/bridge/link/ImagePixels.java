package org.hilbridge.bridge.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.Objects;
import org.hilbridge.sim.pool.Pooled;

/**
 * A camera image's array (or an augmented frame's pixels) wrapped as a ByteBuf, without a copy, that holds its
 * owner (the pooled image or pixels, sim-core's {@link Pooled}) as long as the buffer lives. Transports send an
 * image's pixels straight from its arrays (DESIGN.md: written once, shared by every subscriber), so the buffer,
 * not the sink's call, decides how long the pixels are read: a pooled owner ({@link Pooled#pooled()}) is
 * retained here and released when Netty deallocates the buffer (its
 * reference count reaches zero, after the last subscriber's write or drop), as {@code CameraFrame}'s ownership
 * rule asks of anyone who keeps an image's array past the call that handed it the frame. An array no pool owns
 * is wrapped as before ({@link Unpooled#wrappedBuffer(byte[])}).
 */
public final class ImagePixels {
    private ImagePixels() {
    }

    /** {@code pixels} (one of {@code owner}'s arrays), wrapped; holds {@code owner} (null: none) until the buffer is deallocated. */
    public static ByteBuf wrap(Pooled<?> owner, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (owner == null || !owner.pooled()) {
            return Unpooled.wrappedBuffer(pixels);
        }
        owner.retain();
        return new Held(owner, pixels);
    }

    /** Netty's heap buffer over the array, whose deallocation (reference count 0) gives the owner's hold back. */
    private static final class Held extends UnpooledHeapByteBuf {
        private final Pooled<?> owner;

        Held(Pooled<?> owner, byte[] pixels) {
            super(UnpooledByteBufAllocator.DEFAULT, pixels, pixels.length);
            this.owner = owner;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            owner.release();
        }
    }
}
