package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two hand-off policies: a lossy queue drops its oldest when full; a lossless one makes the producer wait. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SinkQueueTest {
    @Test
    void aLossyQueueDropsItsOldest() throws Exception {
        SinkQueue<Integer> q = new SinkQueue<>(2);
        for (int i = 0; i < 5; i++) {
            q.offer(i);
        }
        assertEquals(3, q.dropped());
        assertEquals(3, q.poll(0));
        assertEquals(4, q.poll(0));
    }

    @Test
    void aLosslessQueueHandsOverEveryItemInOrder() throws Exception {
        SinkQueue<Integer> q = SinkQueue.lossless(2);
        int n = 10_000;
        CountDownLatch done = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                q.offer(i);
            }
            done.countDown();
        });
        producer.start();
        List<Integer> got = new ArrayList<>();
        while (got.size() < n) {
            Integer x = q.poll(TimeUnit.SECONDS.toNanos(10));
            assertTrue(x != null, "the producer stalled after " + got.size() + " items");
            got.add(x);
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        producer.join(10_000);
        assertEquals(0, q.dropped());
        for (int i = 0; i < n; i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void anAbandonedLosslessQueueStopsMakingTheProducerWait() throws Exception {
        SinkQueue<Integer> q = SinkQueue.lossless(1);
        q.offer(1);
        Thread producer = new Thread(() -> q.offer(2));
        producer.start();
        q.abandon();
        producer.join(10_000);
        assertTrue(!producer.isAlive(), "the producer still waits after the consumer was abandoned");
        q.offer(3);
        assertEquals(2, q.dropped());
    }
}
