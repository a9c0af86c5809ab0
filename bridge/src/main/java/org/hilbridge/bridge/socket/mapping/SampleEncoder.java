package org.hilbridge.bridge.socket.mapping;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.Provenance;
import org.hilbridge.bridge.socket.codec.DelimitedFrames;
import org.hilbridge.proto.v1.AugmentationOutcome;
import org.hilbridge.proto.v1.AugmentationProvenance;
import org.hilbridge.proto.v1.AugmentedImage;
import org.hilbridge.proto.v1.GroundingScores;
import org.hilbridge.proto.v1.ImageSource;
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
import org.hilbridge.bridge.link.ImagePixels;
import org.hilbridge.sim.pool.Pooled;
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

    /** The frame for {@code sample}, refCnt 1: the caller owns it. A camera frame goes out without an augmented image. */
    public ByteBuf encode(SensorSample sample, long publishWallNanos) {
        if (sample instanceof CameraFrame c) {
            return encodeImage(c, null, false, publishWallNanos);
        }
        if (sample instanceof AugmentedFrame a) {
            throw new IllegalArgumentException("augmented frame " + a.sequence() + " of stream " + a.streamId()
                    + " has no wire form of its own: it travels in its raw frame's Image (encodeImage)");
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

    /**
     * The Image frame of camera frame {@code c} with, when {@code augmented} is not null, its augmented image
     * (issue 9): {@code augmented} must be {@code c}'s (same stream, sequence, capture time, frame, size).
     * Image.pixels carries the primary image: {@code augmented}'s pixels when {@code primaryAugmented} (the raw
     * render then goes in raw_pixels), else the raw render (and the augmented pixels in augmented.pixels). Every
     * image is in the frame once, wrapped (or copied once with {@code directPixels}); refCnt 1.
     */
    public ByteBuf encodeImage(CameraFrame c, AugmentedFrame augmented, boolean primaryAugmented, long wall) {
        if (augmented != null && (!augmented.streamId().equals(c.streamId()) || augmented.sequence() != c.sequence()
                || augmented.captureNanos() != c.captureNanos() || !augmented.frameId().equals(c.frameId())
                || augmented.width() != c.width() || augmented.height() != c.height())) {
            throw new IllegalArgumentException("augmented frame " + augmented.streamId() + " #" + augmented.sequence() + " at "
                    + augmented.captureNanos() + " ns (" + augmented.width() + " x " + augmented.height() + ") is not the augmented image of "
                    + c.streamId() + " #" + c.sequence() + " at " + c.captureNanos() + " ns (" + c.width() + " x " + c.height() + ")");
        }
        boolean swap = augmented != null && primaryAugmented;
        CameraImage img = c.image();
        byte[] rgb = swap ? augmented.rgb8() : img.rgbData();
        Image head = Image.newBuilder().setHeader(header(c, wall)).setWidthPx(img.width()).setHeightPx(img.height()).setEncoding(RGB8)
                .setStepBytes(3 * img.width()).setPrimary(swap ? ImageSource.IMAGE_SOURCE_AUGMENTED : ImageSource.IMAGE_SOURCE_RAW).build();
        int depthBytes = cameraDepth ? 4 * img.depthData().length : 0;
        int labelBytes = cameraLabels ? img.semanticClassData().length : 0;
        // The augmented channel: its small fields as a message, its pixels (when not primary) appended as field 1.
        AugmentedImage augHead = augmented == null ? null : augmentedHead(augmented);
        int augPixels = augmented == null || swap ? 0 : augmented.rgb8().length;
        int augSize = augHead == null ? 0 : augHead.getSerializedSize() + (augPixels > 0 ? bulkFieldSize(AugmentedImage.PIXELS_FIELD_NUMBER, augPixels) : 0);
        int rawBytes = swap ? img.rgbData().length : 0;
        int bodySize = head.getSerializedSize() + bulkFieldSize(Image.PIXELS_FIELD_NUMBER, rgb.length)
                + (cameraDepth ? bulkFieldSize(Image.DEPTH_M_F32LE_FIELD_NUMBER, depthBytes) : 0)
                + (cameraLabels ? bulkFieldSize(Image.SEMANTIC_CLASS_IDS_FIELD_NUMBER, labelBytes) : 0)
                + (swap ? bulkFieldSize(Image.RAW_PIXELS_FIELD_NUMBER, rawBytes) : 0)
                + (augHead != null ? bulkFieldSize(Image.AUGMENTED_FIELD_NUMBER, augSize) : 0);
        int headBytes = headSize(ServerMessage.IMAGE_FIELD_NUMBER, bodySize, head.getSerializedSize())
                + CodedOutputStream.computeTagSize(Image.PIXELS_FIELD_NUMBER) + CodedOutputStream.computeUInt32SizeNoTag(rgb.length);
        // Components are added once written: a composite fixes each component's length when it is added.
        CompositeByteBuf frame = alloc.compositeBuffer(10);
        try {
            ByteBuf headBuf = alloc.ioBuffer(headBytes, headBytes);
            try {
                writeHead(headBuf, headBytes, ServerMessage.IMAGE_FIELD_NUMBER, bodySize, head, Image.PIXELS_FIELD_NUMBER, rgb.length);
            } finally {
                frame.addComponent(true, headBuf);
            }
            frame.addComponent(true, pixels(rgb, swap ? augmented.owner() : img));
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
                frame.addComponent(true, pixels(img.semanticClassData(), img));
            }
            if (swap) {
                addBulk(frame, Image.RAW_PIXELS_FIELD_NUMBER, img.rgbData(), img);
            }
            if (augHead != null) {
                ByteBuf aug = alloc.ioBuffer(augSize - augPixels + 10);
                try {
                    writeTagAndLength(aug, Image.AUGMENTED_FIELD_NUMBER, augSize);
                    writeMessage(aug, augHead);
                    if (augPixels > 0) {
                        writeTagAndLength(aug, AugmentedImage.PIXELS_FIELD_NUMBER, augPixels);
                    }
                } finally {
                    frame.addComponent(true, aug);
                }
                if (augPixels > 0) {
                    frame.addComponent(true, pixels(augmented.rgb8(), augmented.owner()));
                }
            }
            return frame;
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    /** A bytes field from an array: its tag and length, then the array (wrapped or copied once, see {@link #pixels}). */
    private void addBulk(CompositeByteBuf frame, int field, byte[] data, Pooled<?> owner) {
        ByteBuf tag = alloc.ioBuffer(10);
        try {
            writeTagAndLength(tag, field, data.length);
        } finally {
            frame.addComponent(true, tag);
        }
        frame.addComponent(true, pixels(data, owner));
    }

    /** The augmented channel's small fields: provenance, outcome and scores (the pixels follow separately). */
    static AugmentedImage augmentedHead(AugmentedFrame a) {
        Provenance p = a.provenance();
        AugmentationProvenance.Builder pb = AugmentationProvenance.newBuilder().setBackend(p.backend()).setModelSha256(p.modelHash())
                .setSeed(p.seed()).setGroundingScore(lowest(a.scores()));
        for (Map.Entry<String, Double> e : new TreeMap<>(p.parameters()).entrySet()) {
            pb.putParameters(e.getKey(), Double.toString(e.getValue()));
            pb.putParameterValues(e.getKey(), e.getValue());
        }
        org.hilbridge.augment.GroundingScores s = a.scores();
        return AugmentedImage.newBuilder().setProvenance(pb).setOutcome(outcome(a.outcome()))
                .setScores(GroundingScores.newBuilder().setEdgeF1(s.edgeF1()).setBlurSsim(s.blurSsim()).setStructure(s.structure())
                        .setWorstTileStructure(s.worstTileStructure()).setBoundaryRecall(s.boundaryRecall()))
                .build();
    }

    static AugmentationOutcome outcome(Outcome o) {
        return switch (o) {
            case AUGMENTED -> AugmentationOutcome.AUGMENTATION_OUTCOME_AUGMENTED;
            case REJECTED -> AugmentationOutcome.AUGMENTATION_OUTCOME_REJECTED;
            case LATE -> AugmentationOutcome.AUGMENTATION_OUTCOME_LATE;
            case FAILED -> AugmentationOutcome.AUGMENTATION_OUTCOME_FAILED;
        };
    }

    /** The lowest measured score (AugmentationProvenance.grounding_score); NaN when none was measured. */
    private static double lowest(org.hilbridge.augment.GroundingScores s) {
        double low = Double.NaN;
        for (double v : new double[] {s.edgeF1(), s.blurSsim(), s.structure(), s.worstTileStructure(), s.boundaryRecall()}) {
            if (!Double.isNaN(v) && (Double.isNaN(low) || v < low)) {
                low = v;
            }
        }
        return low;
    }

    private static void writeMessage(ByteBuf buf, com.google.protobuf.MessageLite m) {
        int n = m.getSerializedSize();
        try {
            int start = buf.writerIndex();
            buf.ensureWritable(n);
            CodedOutputStream out = CodedOutputStream.newInstance(buf.nioBuffer(start, n));
            m.writeTo(out);
            out.flush();
            buf.writerIndex(start + n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A bulk array as a frame component: wrapped (no copy), or copied once into direct memory. A wrapped array
     * of a pooled camera image (or of an augmented frame's pooled pixels) holds its owner until the frame's last
     * subscriber is done with it ({@link ImagePixels}; {@code owner} null for arrays no pool owns).
     */
    private ByteBuf pixels(byte[] data, Pooled<?> owner) {
        if (!directPixels) {
            return ImagePixels.wrap(owner, data);
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
