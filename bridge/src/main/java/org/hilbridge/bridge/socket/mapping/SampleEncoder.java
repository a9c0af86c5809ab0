package org.hilbridge.bridge.socket.mapping;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.hilbridge.bridge.socket.codec.DelimitedFrames;
import org.hilbridge.proto.v1.Clock;
import org.hilbridge.proto.v1.FrameHeader;
import org.hilbridge.proto.v1.Gnss;
import org.hilbridge.proto.v1.GroundTruth;
import org.hilbridge.proto.v1.Image;
import org.hilbridge.proto.v1.Imu;
import org.hilbridge.proto.v1.Odometry;
import org.hilbridge.proto.v1.PointCloud;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImage;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;

/**
 * Serialises a sample once into a length-delimited ServerMessage frame that every subscriber is sent (each
 * gets a retained duplicate: the bytes are shared, never copied per client).
 *
 * <p>A camera frame is not built as a protobuf message (that would copy its pixels into a ByteString):
 * the head (the ServerMessage and Image tags and lengths, and every small Image field) is written with
 * CodedOutputStream, and the bulk fields follow as length-delimited fields whose bytes are the sample's
 * own arrays, wrapped (protobuf allows fields in any order: https://protobuf.dev/programming-guides/encoding/#order).
 * With {@code directPixels} the pixels are first copied once into a pooled direct buffer: one copy per
 * frame, shared by all clients; without, the frame references the renderer's array, and Netty's NIO
 * transport copies heap bytes into direct memory on each client's write (AbstractNioByteChannel's
 * filterOutboundMessage), i.e. once per client. The socket benchmark measures both.
 */
public final class SampleEncoder {
    /** Image.encoding of the rgb pixels (sensor_msgs/image_encodings.h). */
    public static final String RGB8 = "rgb8";

    private final ByteBufAllocator alloc;
    private final boolean directPixels;
    private final boolean cameraDepth;
    private final boolean cameraLabels;

    /**
     * @param directPixels copy a camera's pixels once into direct memory (see the class comment)
     * @param cameraDepth  send each camera frame's depth channel
     * @param cameraLabels send each camera frame's semantic labels
     */
    public SampleEncoder(ByteBufAllocator alloc, boolean directPixels, boolean cameraDepth, boolean cameraLabels) {
        this.alloc = alloc;
        this.directPixels = directPixels;
        this.cameraDepth = cameraDepth;
        this.cameraLabels = cameraLabels;
    }

    /** The frame for {@code sample}, refCnt 1: the caller owns it. */
    public ByteBuf encode(SensorSample sample, long publishWallNanos) {
        if (sample instanceof CameraFrame c) {
            return encodeImage(c, publishWallNanos);
        }
        if (sample instanceof PointCloudSample p) {
            return encodePointCloud(p, publishWallNanos);
        }
        return DelimitedFrames.encode(message(sample, publishWallNanos), alloc);
    }

    /** A Clock frame. */
    public ByteBuf encodeClock(long simNanos, long wallNanos) {
        return DelimitedFrames.encode(ServerMessage.newBuilder().setClock(Clock.newBuilder().setSimNanos(simNanos).setWallNanos(wallNanos)).build(), alloc);
    }

    static FrameHeader header(SensorSample s, long publishWallNanos) {
        return FrameHeader.newBuilder().setStreamId(s.streamId()).setSequence(s.sequence()).setCaptureSimNanos(s.captureNanos())
                .setPublishWallNanos(publishWallNanos).setFrameId(s.frameId()).build();
    }

    /** Every kind but a camera as a whole ServerMessage. */
    static ServerMessage message(SensorSample sample, long wall) {
        ServerMessage.Builder m = ServerMessage.newBuilder();
        FrameHeader h = header(sample, wall);
        if (sample instanceof ImuSample s) {
            m.setImu(Imu.newBuilder().setHeader(h).setAccelXMps2(s.accelXMps2()).setAccelYMps2(s.accelYMps2()).setAccelZMps2(s.accelZMps2())
                    .setGyroXRadPerS(s.gyroXRadPerS()).setGyroYRadPerS(s.gyroYRadPerS()).setGyroZRadPerS(s.gyroZRadPerS())
                    .setAccelVarianceMps2Sq(s.accelVarianceMps2Sq()).setGyroVarianceRadPerSSq(s.gyroVarianceRadPerSSq()));
        } else if (sample instanceof GroundTruthSample s) {
            m.setGroundTruth(GroundTruth.newBuilder().setHeader(h).setXM(s.xM()).setYM(s.yM()).setZM(s.zM())
                    .setQw(s.qw()).setQx(s.qx()).setQy(s.qy()).setQz(s.qz()).setVxMps(s.vxMps()).setVyMps(s.vyMps()).setVzMps(s.vzMps())
                    .setRollRateRadPerS(s.rollRateRadPerS()).setPitchRateRadPerS(s.pitchRateRadPerS())
                    .setYawRateBodyRadPerS(s.yawRateBodyRadPerS()).setForwardSpeedMps(s.forwardSpeedMps()).setYawRateRadPerS(s.yawRateRadPerS())
                    .setSteeringAngleRad(s.steeringAngleRad()).setSlipRatioFrontLeft(s.slipRatioFrontLeft())
                    .setSlipRatioFrontRight(s.slipRatioFrontRight()).setSlipRatioRearLeft(s.slipRatioRearLeft())
                    .setSlipRatioRearRight(s.slipRatioRearRight()));
        } else if (sample instanceof GnssSample s) {
            Gnss.Builder g = Gnss.newBuilder().setHeader(h).setStatus(s.status()).setLatitudeDeg(s.latitudeDeg()).setLongitudeDeg(s.longitudeDeg())
                    .setAltitudeM(s.altitudeM()).setCovarianceType(s.covarianceType());
            for (double v : s.positionCovarianceM2()) {
                g.addPositionCovarianceM2(v);
            }
            m.setGnss(g);
        } else if (sample instanceof OdometrySample s) {
            m.setOdometry(Odometry.newBuilder().setHeader(h).setChildFrameId(s.childFrameId()).setXM(s.xM()).setYM(s.yM()).setYawRad(s.yawRad())
                    .setForwardSpeedMps(s.forwardSpeedMps()).setYawRateRadPerS(s.yawRateRadPerS()));
        } else if (sample instanceof PointCloudSample s) {
            throw new IllegalStateException("point clouds are encoded by encodePointCloud");
        } else {
            throw new IllegalArgumentException("sample type " + sample.getClass().getName() + " has no wire form");
        }
        return m.build();
    }

    /** Cheap to build: the points go in as one packed bytes field written straight into the frame. */
    private ByteBuf encodePointCloud(PointCloudSample s, long wall) {
        PointCloud head = PointCloud.newBuilder().setHeader(header(s, wall)).setPointCount(s.pointCount()).setChannels(s.channels())
                .setColumnsPerRevolution(s.columnsPerRevolution()).addAllFields(PointLayout.FIELDS)
                .setPointStepBytes(PointLayout.POINT_STEP_BYTES).build();
        int pointBytes = s.pointCount() * PointLayout.POINT_STEP_BYTES;
        int bodySize = head.getSerializedSize() + bulkFieldSize(PointCloud.POINTS_LE_FIELD_NUMBER, pointBytes);
        int headBytes = headSize(ServerMessage.POINT_CLOUD_FIELD_NUMBER, bodySize, head.getSerializedSize())
                + CodedOutputStream.computeTagSize(PointCloud.POINTS_LE_FIELD_NUMBER) + CodedOutputStream.computeUInt32SizeNoTag(pointBytes);
        ByteBuf buf = alloc.ioBuffer(headBytes + pointBytes, headBytes + pointBytes);
        try {
            writeHead(buf, headBytes, ServerMessage.POINT_CLOUD_FIELD_NUMBER, bodySize, head, PointCloud.POINTS_LE_FIELD_NUMBER, pointBytes);
            PointLayout.pack(s, buf);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private ByteBuf encodeImage(CameraFrame c, long wall) {
        CameraImage img = c.image();
        byte[] rgb = img.rgbData();
        Image head = Image.newBuilder().setHeader(header(c, wall)).setWidthPx(img.width()).setHeightPx(img.height()).setEncoding(RGB8)
                .setStepBytes(3 * img.width()).build();
        int depthBytes = cameraDepth ? 4 * img.depthData().length : 0;
        int labelBytes = cameraLabels ? img.semanticClassData().length : 0;
        int bodySize = head.getSerializedSize() + bulkFieldSize(Image.PIXELS_FIELD_NUMBER, rgb.length)
                + (cameraDepth ? bulkFieldSize(Image.DEPTH_M_F32LE_FIELD_NUMBER, depthBytes) : 0)
                + (cameraLabels ? bulkFieldSize(Image.SEMANTIC_CLASS_IDS_FIELD_NUMBER, labelBytes) : 0);
        int headBytes = headSize(ServerMessage.IMAGE_FIELD_NUMBER, bodySize, head.getSerializedSize())
                + CodedOutputStream.computeTagSize(Image.PIXELS_FIELD_NUMBER) + CodedOutputStream.computeUInt32SizeNoTag(rgb.length);
        // Components are added once written: a composite fixes each component's length when it is added.
        CompositeByteBuf frame = alloc.compositeBuffer(6);
        try {
            ByteBuf headBuf = alloc.ioBuffer(headBytes, headBytes);
            try {
                writeHead(headBuf, headBytes, ServerMessage.IMAGE_FIELD_NUMBER, bodySize, head, Image.PIXELS_FIELD_NUMBER, rgb.length);
            } finally {
                frame.addComponent(true, headBuf);
            }
            frame.addComponent(true, pixels(rgb));
            if (cameraDepth) {
                ByteBuf depth = alloc.ioBuffer(bulkFieldSize(Image.DEPTH_M_F32LE_FIELD_NUMBER, depthBytes));
                try {
                    writeTagAndLength(depth, Image.DEPTH_M_F32LE_FIELD_NUMBER, depthBytes);
                    for (float d : img.depthData()) {
                        depth.writeFloatLE(d);
                    }
                } finally {
                    frame.addComponent(true, depth);
                }
            }
            if (cameraLabels) {
                ByteBuf tag = alloc.ioBuffer(10);
                try {
                    writeTagAndLength(tag, Image.SEMANTIC_CLASS_IDS_FIELD_NUMBER, labelBytes);
                } finally {
                    frame.addComponent(true, tag);
                }
                frame.addComponent(true, pixels(img.semanticClassData()));
            }
            return frame;
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    /** A bulk array as a frame component: wrapped (no copy), or copied once into direct memory. */
    private ByteBuf pixels(byte[] data) {
        if (!directPixels) {
            return Unpooled.wrappedBuffer(data);
        }
        ByteBuf direct = alloc.directBuffer(data.length, data.length);
        direct.writeBytes(data);
        return direct;
    }

    private static int bulkFieldSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    /** Bytes of: frame length, ServerMessage body tag and length, then the body's small fields. */
    private static int headSize(int bodyField, int bodySize, int smallFieldsSize) {
        int messageSize = CodedOutputStream.computeTagSize(bodyField) + CodedOutputStream.computeUInt32SizeNoTag(bodySize) + bodySize;
        return CodedOutputStream.computeUInt32SizeNoTag(messageSize) + CodedOutputStream.computeTagSize(bodyField)
                + CodedOutputStream.computeUInt32SizeNoTag(bodySize) + smallFieldsSize;
    }

    /** Writes the frame's head: lengths, tags, the small fields and the bulk field's tag and length. */
    private static void writeHead(ByteBuf buf, int headBytes, int bodyField, int bodySize, com.google.protobuf.MessageLite smallFields,
                                  int bulkField, int bulkLength) {
        int messageSize = CodedOutputStream.computeTagSize(bodyField) + CodedOutputStream.computeUInt32SizeNoTag(bodySize) + bodySize;
        try {
            int start = buf.writerIndex();
            CodedOutputStream out = CodedOutputStream.newInstance(buf.nioBuffer(start, headBytes));
            out.writeUInt32NoTag(messageSize);
            out.writeTag(bodyField, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(bodySize);
            smallFields.writeTo(out);
            out.writeTag(bulkField, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(bulkLength);
            out.flush();
            if (out.getTotalBytesWritten() != headBytes) {
                throw new IllegalStateException("frame head is " + out.getTotalBytesWritten() + " bytes, computed " + headBytes);
            }
            buf.writerIndex(start + headBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeTagAndLength(ByteBuf buf, int field, int length) {
        int n = CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length);
        try {
            int start = buf.writerIndex();
            buf.ensureWritable(n);
            CodedOutputStream out = CodedOutputStream.newInstance(buf.nioBuffer(start, n));
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(length);
            out.flush();
            buf.writerIndex(start + n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
