package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import org.hilbridge.bridge.ros.serial.RosWire;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraInfoData;

/**
 * sensor_msgs/CameraInfo next to each image, with the image's header (same seq, stamp and optical frame, as
 * image_transport's CameraPublisher pairs them). Everything after the header is fixed for a camera, so it is
 * serialised once per CameraInfoData and copied from there (CameraInfoData's accessors copy their arrays).
 * Binning 0 and an all-zero ROI mean full resolution, no binning (CameraInfo.msg). One instance per thread.
 */
public final class CameraInfoEncoder {
    private final ByteBufAllocator alloc;
    private CameraInfoData cachedInfo;
    private byte[] cachedTail;

    public CameraInfoEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public ByteBuf encode(CameraFrame f) {
        byte[] tail = tail(f.cameraInfo());
        ByteBuf buf = alloc.buffer(RosWire.headerBytes(f.frameId()) + tail.length);
        try {
            RosWire.writeHeader(buf, f.sequence(), f.captureNanos(), f.frameId());
            buf.writeBytes(tail);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private byte[] tail(CameraInfoData info) {
        if (info != cachedInfo) {
            ByteBuf b = io.netty.buffer.Unpooled.buffer(512);
            b.writeIntLE(info.height());
            b.writeIntLE(info.width());
            RosWire.writeString(b, info.distortionModel());
            double[] d = info.d();
            b.writeIntLE(d.length); // float64[] D: variable length
            RosWire.writeFloat64s(b, d);
            RosWire.writeFloat64s(b, info.k()); // float64[9] K
            RosWire.writeFloat64s(b, info.r()); // float64[9] R
            RosWire.writeFloat64s(b, info.p()); // float64[12] P
            b.writeIntLE(0); // binning_x
            b.writeIntLE(0); // binning_y
            b.writeZero(4 * 4); // roi: x_offset, y_offset, height, width
            RosWire.writeBool(b, false); // roi.do_rectify
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            cachedTail = out;
            cachedInfo = info;
        }
        return cachedTail;
    }
}
