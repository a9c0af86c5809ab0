package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteOrder;
import java.util.Objects;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.bridge.link.ImagePixels;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.sim.pool.Pooled;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImage;

/**
 * sensor_msgs/Image bodies from a camera frame (encodings per sensor_msgs/image_encodings.h: "rgb8" three
 * bytes a pixel, "32FC1" one float32 a pixel, "mono8" one byte a pixel; step = width x bytes per pixel;
 * is_bigendian 0). The header is the frame's: seq = sample sequence, stamp = capture time, frame_id = the
 * camera's optical frame.
 *
 * <p>rgb8 and mono8 pixels are not copied: the body is a composite of a small pooled head (header to the data
 * length) and the renderer's own array, wrapped (CameraImage's arrays are immutable by contract, so sharing
 * them is safe and every subscriber reads the same bytes; a pooled image is held until the body is released:
 * {@link ImagePixels}). Depth must be copied: a Java float[] cannot be
 * wrapped as little-endian bytes; it is bulk-copied into one pooled buffer.
 */
public final class ImageEncoder {
    public static final String RGB8 = "rgb8";
    public static final String MONO8 = "mono8";
    public static final String FLOAT32_C1 = "32FC1";

    private final ByteBufAllocator alloc;

    public ImageEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    /** The colour image (/camera/image_raw). */
    public ByteBuf rgb8(CameraFrame f) {
        return wrapped(Head.of(f), RGB8, 3, f.image().rgbData(), f.image());
    }

    /**
     * The augmented colour image (/camera/image_augmented, issue 9) with exactly its raw frame's header (an
     * AugmentedFrame carries its raw frame's stream, sequence, capture time and frame), pixels wrapped and their
     * owner held while the body lives (the augmenter's pooled pixels, or the raw image for a frame sent raw).
     */
    public ByteBuf rgb8(AugmentedFrame a) {
        return wrapped(new Head(a.sequence(), a.captureNanos(), a.frameId(), a.width(), a.height()), RGB8, 3, a.rgb8(), a.owner());
    }

    /** The semantic class id of each pixel (/camera/semantic), a SemanticClass id. */
    public ByteBuf semanticMono8(CameraFrame f) {
        return wrapped(Head.of(f), MONO8, 1, f.image().semanticClassData(), f.image());
    }

    /** Depth in metres along the optical axis (/camera/depth); +infinity where nothing is in range (REP-117). */
    public ByteBuf depth32FC1(CameraFrame f) {
        CameraImage img = f.image();
        float[] depth = img.depthData();
        int dataBytes = 4 * depth.length;
        Head h = Head.of(f);
        int headBytes = headBytes(h, FLOAT32_C1);
        ByteBuf buf = alloc.buffer(headBytes + dataBytes);
        try {
            writeHead(buf, h, FLOAT32_C1, 4, dataBytes);
            int at = buf.writerIndex();
            buf.ensureWritable(dataBytes);
            // Bulk copy through a little-endian float view of the buffer's memory.
            buf.nioBuffer(at, dataBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(depth);
            buf.writerIndex(at + dataBytes);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** What the message header and size fields are made of. */
    private record Head(long sequence, long stampNanos, String frameId, int width, int height) {
        static Head of(CameraFrame f) {
            return new Head(f.sequence(), f.captureNanos(), f.frameId(), f.width(), f.height());
        }
    }

    /** {@code owner}: the pooled image or pixels whose array {@code pixels} is (held while the body lives, {@link ImagePixels}), or null. */
    private ByteBuf wrapped(Head f, String encoding, int bytesPerPixel, byte[] pixels, Pooled<?> owner) {
        ByteBuf head = alloc.buffer(headBytes(f, encoding));
        try {
            writeHead(head, f, encoding, bytesPerPixel, pixels.length);
        } catch (RuntimeException e) {
            head.release();
            throw e;
        }
        CompositeByteBuf body = alloc.compositeBuffer(2);
        body.addComponents(true, head, ImagePixels.wrap(owner, pixels));
        return body;
    }

    private static int headBytes(Head f, String encoding) {
        return RosWire.headerBytes(f.frameId()) + 4 + 4 + RosWire.stringBytes(encoding) + 1 + 4 + 4;
    }

    /** Header, height, width, encoding, is_bigendian, step, then the uint32 length of data. */
    private static void writeHead(ByteBuf buf, Head f, String encoding, int bytesPerPixel, int dataBytes) {
        RosWire.writeHeader(buf, f.sequence(), f.stampNanos(), f.frameId());
        buf.writeIntLE(f.height());
        buf.writeIntLE(f.width());
        RosWire.writeString(buf, encoding);
        buf.writeByte(0); // is_bigendian: little-endian, as every float we write
        buf.writeIntLE(f.width() * bytesPerPixel);
        buf.writeIntLE(dataBytes);
    }
}
