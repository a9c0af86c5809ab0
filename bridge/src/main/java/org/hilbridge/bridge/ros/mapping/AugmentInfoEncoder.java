package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.GroundingScores;
import org.hilbridge.augment.Provenance;
import org.hilbridge.bridge.ros.serial.RosWire;

/**
 * std_msgs/String bodies (/camera/image_augmented/info) describing one augmented frame as a one-line JSON
 * object (RFC 8259): which frame (stream, seq, stamp in ns and as ROS secs/nsecs, frame_id: the
 * /camera/image_augmented message's header), its outcome (AUGMENTED, REJECTED, LATE, FAILED), whether it is the
 * primary image, its provenance (backend, model hash, seed, every parameter) and its grounding scores (null
 * where not measured).
 *
 * <p>Why a String and not /diagnostics: these are per-frame records (30 a second per camera) that a consumer
 * joins to the image by seq and stamp; diagnostic_msgs is for ~1 Hz health status read by the diagnostic
 * aggregator (http://wiki.ros.org/diagnostics), so RosSink puts only the outcome counts there. Not latched:
 * a late joiner wants the current frame's record, not a stale one.
 */
public final class AugmentInfoEncoder {
    private final ByteBufAllocator alloc;

    public AugmentInfoEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    /** The std_msgs/String body (uint32 length + UTF-8) of {@link #json}. */
    public ByteBuf encode(AugmentedFrame a, boolean primary) {
        String text = json(a, primary);
        ByteBuf buf = alloc.buffer(RosWire.stringBytes(text));
        try {
            RosWire.writeString(buf, text);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** The JSON record of {@code a}; keys in a fixed order, parameters sorted by name. */
    public static String json(AugmentedFrame a, boolean primary) {
        StringBuilder b = new StringBuilder(512);
        b.append("{\"stream\":");
        string(b, a.streamId());
        b.append(",\"seq\":").append(a.sequence());
        b.append(",\"stamp_nanos\":").append(a.captureNanos());
        b.append(",\"stamp\":{\"secs\":").append(a.captureNanos() / RosWire.NANOS_PER_SECOND)
                .append(",\"nsecs\":").append(a.captureNanos() % RosWire.NANOS_PER_SECOND).append('}');
        b.append(",\"frame_id\":");
        string(b, a.frameId());
        b.append(",\"outcome\":");
        string(b, a.outcome().name());
        b.append(",\"primary\":").append(primary);
        Provenance p = a.provenance();
        b.append(",\"provenance\":{\"backend\":");
        string(b, p.backend());
        b.append(",\"model_hash\":");
        string(b, p.modelHash());
        b.append(",\"seed\":").append(p.seed());
        b.append(",\"parameters\":{");
        boolean first = true;
        for (Map.Entry<String, Double> e : new TreeMap<>(p.parameters()).entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            string(b, e.getKey());
            b.append(':');
            number(b, e.getValue());
        }
        b.append("}}");
        GroundingScores s = a.scores();
        b.append(",\"scores\":{\"edge_f1\":");
        number(b, s.edgeF1());
        b.append(",\"blur_ssim\":");
        number(b, s.blurSsim());
        b.append(",\"structure\":");
        number(b, s.structure());
        b.append(",\"worst_tile_structure\":");
        number(b, s.worstTileStructure());
        b.append(",\"boundary_recall\":");
        number(b, s.boundaryRecall());
        b.append("}}");
        return b.toString();
    }

    /** JSON has no NaN or infinity (RFC 8259 section 6): NaN (not measured) is null, an infinity (e.g. clear-air visibility) the string "inf" / "-inf". */
    private static void number(StringBuilder b, double v) {
        if (Double.isNaN(v)) {
            b.append("null");
        } else if (Double.isInfinite(v)) {
            b.append(v > 0 ? "\"inf\"" : "\"-inf\"");
        } else {
            b.append(v);
        }
    }

    /** A JSON string: quote, backslash and control characters escaped (RFC 8259 section 7). */
    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
