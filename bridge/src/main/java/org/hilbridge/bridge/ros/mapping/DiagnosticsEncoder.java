package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hilbridge.bridge.ros.serial.RosWire;

/**
 * diagnostic_msgs/DiagnosticArray for /diagnostics: header (frame_id empty) and a list of DiagnosticStatus
 * (byte level, name, message, hardware_id, KeyValue[] values).
 */
public final class DiagnosticsEncoder {
    private final ByteBufAllocator alloc;

    public DiagnosticsEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public ByteBuf encode(long sequence, long stampNanos, List<DiagnosticStatusEntry> statuses) {
        int size = RosWire.headerBytes("") + 4;
        for (DiagnosticStatusEntry s : statuses) {
            size += 1 + RosWire.stringBytes(s.name()) + RosWire.stringBytes(s.message()) + RosWire.stringBytes(s.hardwareId()) + 4;
            for (Map.Entry<String, String> kv : s.values().entrySet()) {
                size += RosWire.stringBytes(kv.getKey()) + RosWire.stringBytes(kv.getValue());
            }
        }
        ByteBuf buf = alloc.buffer(size);
        try {
            RosWire.writeHeader(buf, sequence, stampNanos, "");
            buf.writeIntLE(statuses.size());
            for (DiagnosticStatusEntry s : statuses) {
                buf.writeByte(s.level());
                RosWire.writeString(buf, s.name());
                RosWire.writeString(buf, s.message());
                RosWire.writeString(buf, s.hardwareId());
                buf.writeIntLE(s.values().size());
                for (Map.Entry<String, String> kv : s.values().entrySet()) {
                    RosWire.writeString(buf, kv.getKey());
                    RosWire.writeString(buf, kv.getValue());
                }
            }
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
