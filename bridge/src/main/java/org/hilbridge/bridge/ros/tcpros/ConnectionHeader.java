package org.hilbridge.bridge.ros.tcpros;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A TCPROS connection header (http://wiki.ros.org/ROS/Connection%20Header): a 4-byte little-endian total
 * length, then fields, each a 4-byte little-endian length followed by {@code key=value} (the first '='
 * splits; values may contain '='). Keys used here: callerid, topic, type, md5sum, message_definition,
 * latching, tcp_nodelay, error (http://wiki.ros.org/ROS/TCPROS).
 */
public record ConnectionHeader(Map<String, String> fields) {
    public static final String CALLERID = "callerid";
    public static final String TOPIC = "topic";
    public static final String TYPE = "type";
    public static final String MD5SUM = "md5sum";
    public static final String MESSAGE_DEFINITION = "message_definition";
    public static final String LATCHING = "latching";
    public static final String TCP_NODELAY = "tcp_nodelay";
    public static final String ERROR = "error";
    public static final String SERVICE = "service";

    public ConnectionHeader {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String get(String key) {
        return fields.get(key);
    }

    public boolean flag(String key) {
        return "1".equals(fields.get(key));
    }

    /**
     * Decodes the fields of a header whose outer 4-byte length the framer has already removed: {@code in}
     * holds exactly the header's bytes. Reads all of {@code in}; leaves its reference count alone.
     */
    public static ConnectionHeader decode(ByteBuf in) throws ConnectionHeaderException {
        Map<String, String> fields = new LinkedHashMap<>();
        while (in.isReadable()) {
            if (in.readableBytes() < 4) {
                throw new ConnectionHeaderException("truncated field length: " + in.readableBytes() + " byte(s) left where 4 are needed");
            }
            long length = in.readUnsignedIntLE();
            if (length > in.readableBytes()) {
                throw new ConnectionHeaderException("field of " + length + " bytes overruns the header (" + in.readableBytes() + " bytes left)");
            }
            String field = in.readCharSequence((int) length, StandardCharsets.UTF_8).toString();
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new ConnectionHeaderException("field '" + clip(field) + "' is not key=value");
            }
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return new ConnectionHeader(fields);
    }

    /** Encodes the header with its outer 4-byte length, ready to write. */
    public ByteBuf encode(ByteBufAllocator alloc) {
        byte[][] encoded = new byte[fields.size()][];
        int total = 0;
        int i = 0;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            encoded[i] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
            total += 4 + encoded[i].length;
            i++;
        }
        ByteBuf out = alloc.buffer(4 + total);
        out.writeIntLE(total);
        for (byte[] f : encoded) {
            out.writeIntLE(f.length);
            out.writeBytes(f);
        }
        return out;
    }

    public static ConnectionHeader of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(Objects.requireNonNull(keyValues[i]), Objects.requireNonNull(keyValues[i + 1], keyValues[i]));
        }
        return new ConnectionHeader(m);
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
