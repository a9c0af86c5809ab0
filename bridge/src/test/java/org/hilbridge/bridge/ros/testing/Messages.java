package org.hilbridge.bridge.ros.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Hand serialisation of the two std_msgs types the network tests carry (ROS 1 serialisation,
 * http://wiki.ros.org/msg#Serialization: a string is a uint32 little-endian length and its bytes; float64 is
 * 8 bytes little-endian). The message catalogue proper is the ros-msg work, not the network layer's.
 */
public final class Messages {
    /**
     * std_msgs/String as `rosmsg md5` reports it, for tests that need no tool (ConnectionHeaderTest and the interop
     * tests read it from the tools themselves).
     */
    public static final org.hilbridge.bridge.ros.msg.MessageType STRING_TYPE =
            new org.hilbridge.bridge.ros.msg.MessageType("std_msgs/String", "992ce8a1687cec8c8bd883ec73ca41d1", "string data\n");

    private Messages() {
    }

    public static ByteBuf string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.directBuffer(4 + b.length);
        buf.writeIntLE(b.length).writeBytes(b);
        return buf;
    }

    public static String readString(ByteBuf body) {
        int n = body.getIntLE(body.readerIndex());
        return body.toString(body.readerIndex() + 4, n, StandardCharsets.UTF_8);
    }

    public static ByteBuf float64(double v) {
        return Unpooled.directBuffer(8).writeLongLE(Double.doubleToRawLongBits(v));
    }

    public static double readFloat64(ByteBuf body) {
        return Double.longBitsToDouble(body.getLongLE(body.readerIndex()));
    }
}
