package org.hilbridge.bridge.ros.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** http://wiki.ros.org/msg#Serialization: little-endian, uint32 length before strings, time as secs then nsecs. */
class RosWireTest {
    @Test
    void headerLayout() {
        ByteBuf b = Unpooled.buffer();
        RosWire.writeHeader(b, 0x1_0000_0002L, 3_000_000_004L, "é");
        // seq mod 2^32 = 2; stamp 3 s 4 ns; frame_id "é" is 2 UTF-8 bytes
        assertEquals("02000000" + "03000000" + "04000000" + "02000000" + "c3a9", ByteBufUtil.hexDump(b));
        assertEquals(b.readableBytes(), RosWire.headerBytes("é"));
        RosReader r = new RosReader(b, "std_msgs/Header");
        assertEquals(3_000_000_004L, r.readHeaderStampNanos("header"));
        r.requireEnd();
    }

    @Test
    void timesOutsideRosTimeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RosWire.writeTime(Unpooled.buffer(), -1));
        assertTrue(e.getMessage().contains("stamp -1 ns is not allowed"), e.getMessage());
        ByteBuf b = Unpooled.buffer();
        RosWire.writeTime(b, 0xFFFF_FFFFL * RosWire.NANOS_PER_SECOND + 999_999_999L);
        assertEquals("ffffffff" + "ffc99a3b", ByteBufUtil.hexDump(b));
        assertThrows(IllegalArgumentException.class, () -> RosWire.writeTime(Unpooled.buffer(), 0x1_0000_0000L * RosWire.NANOS_PER_SECOND));
    }
}
