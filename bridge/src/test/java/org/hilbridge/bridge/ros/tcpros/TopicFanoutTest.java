package org.hilbridge.bridge.ros.tcpros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.hilbridge.bridge.ros.testing.Messages;
import org.junit.jupiter.api.Test;

/** Fan-out shares one serialised body among subscribers and the latch (reference counts, no copies) and frames it as TCPROS does. */
class TopicFanoutTest {
    @Test
    void everySubscriberAndTheLatchShareTheDirectBodyWithoutCopies() {
        TopicFanout f = new TopicFanout("/t", Messages.STRING_TYPE, true, 4, PooledByteBufAllocator.DEFAULT);
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        f.attach(1, "/a", a);
        f.attach(2, "/b", b);
        ByteBuf pixels = Unpooled.directBuffer(1000).writeBytes(new byte[1000]).setByte(999, 7);
        ByteBuf header = Unpooled.buffer(8).writeLongLE(0x0102030405060708L); // heap: copied once, it is small
        f.publish(Unpooled.wrappedBuffer(header, pixels.retain()));
        a.runPendingTasks();
        b.runPendingTasks();
        // the pixels are held once more, by the one framed composite that every subscriber's view and the latch share
        assertEquals(2, pixels.refCnt());
        pixels.setByte(0, 42); // written after publish: every view shows it, so none is a copy
        byte[] expected = new byte[4 + 8 + 1000];
        Unpooled.wrappedBuffer(expected).setIntLE(0, 1008).setLongLE(4, 0x0102030405060708L).setByte(4 + 8, 42).setByte(4 + 8 + 999, 7);
        for (EmbeddedChannel ch : List.of(a, b)) {
            ByteBuf out = ch.readOutbound();
            assertArrayEquals(expected, ByteBufUtil.getBytes(out));
            out.release();
        }
        // a late subscriber gets the latched message, from the same memory
        EmbeddedChannel late = new EmbeddedChannel();
        f.attach(3, "/late", late);
        late.runPendingTasks();
        ByteBuf latched = late.readOutbound();
        assertArrayEquals(expected, ByteBufUtil.getBytes(latched));
        latched.release();
        f.close();
        assertEquals(1, pixels.refCnt()); // every view released: only ours is left
        pixels.release();
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
        late.finishAndReleaseAll();
    }

    @Test
    void aFullQueueDropsItsOldestMessages() {
        TopicFanout f = new TopicFanout("/t", Messages.STRING_TYPE, false, 2, PooledByteBufAllocator.DEFAULT);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAutoRead(false);
        SubscriberLink link = f.attach(1, "/slow", ch);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false); // the subscriber stops reading: not writable
        for (int i = 0; i < 5; i++) {
            f.publish(Messages.string("m" + i));
        }
        ch.runPendingTasks();
        assertEquals(3, link.dropped());
        assertEquals(3, f.droppedTotal());
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        link.drain();
        List<String> got = new ArrayList<>();
        ByteBuf m;
        while ((m = ch.readOutbound()) != null) {
            got.add(Messages.readString(m.skipBytes(4)));
            m.release();
        }
        assertEquals(List.of("m3", "m4"), got); // the newest survive
        f.close();
        ch.finishAndReleaseAll();
    }
}
