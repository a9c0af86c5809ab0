package org.hilbridge.bridge.ros.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import org.hilbridge.bridge.ros.serial.RosWire;

/** rosgraph_msgs/Clock: the sim time, for nodes with use_sim_time (http://wiki.ros.org/Clock). */
public final class ClockEncoder {
    private final ByteBufAllocator alloc;

    public ClockEncoder(ByteBufAllocator alloc) {
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public ByteBuf encode(long simNanos) {
        ByteBuf buf = alloc.buffer(RosWire.TIME_BYTES);
        try {
            RosWire.writeTime(buf, simNanos);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
