package org.hilbridge.sim.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reference count and the free list every pooled object shares (camera images, augmented pixels): an object
 * is handed out again only after its last hold is released, an empty pool makes a new one and counts it, misuse
 * fails loudly and leaves the count as it was, unpooled objects ignore holds, and holds given back from other
 * threads at once all arrive.
 */
@Timeout(30)
class PoolTest {
    /** The smallest pooled object: a number to tell them apart. */
    private static final class Slot extends Pooled<Slot> {
        final int id;

        Slot(Pool<Slot> pool, int id) {
            super(pool);
            this.id = id;
        }

        @Override
        protected String describe() {
            return "slot " + id;
        }
    }

    private static Pool<Slot> pool(int initial) {
        int[] next = {0};
        return new Pool<>("slot", p -> new Slot(p, next[0]++), initial);
    }

    @Test
    void anObjectComesBackOnlyAtItsLastRelease() {
        Pool<Slot> pool = pool(1);
        Slot a = pool.acquire();
        assertEquals(1, a.holders(), "the acquirer's hold");
        assertSame(a, a.retain());
        a.release();
        assertEquals(0, pool.available(), "one hold still out");
        Slot b = pool.acquire();
        assertNotSame(a, b, "an object still held is never handed out: the empty pool makes a new one");
        assertEquals(1, pool.createdWhenEmpty());
        assertEquals(2, pool.created());
        a.release();
        assertEquals(1, pool.available());
        assertSame(a, pool.acquire(), "and now it is reused");
        b.release();
        assertEquals(1, pool.available(), "the one made when empty circulates too");
        assertEquals(2, pool.created());
    }

    @Test
    void misuseFailsLoudly() {
        Pool<Slot> pool = pool(1);
        Slot a = pool.acquire();
        a.release();
        IllegalStateException late = assertThrows(IllegalStateException.class, a::retain);
        assertTrue(late.getMessage().contains("slot 0") && late.getMessage().contains("back in its pool"), late.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class, a::release);
        assertTrue(twice.getMessage().contains("released once more"), twice.getMessage());
        assertEquals(0, a.holders(), "a failed release leaves the count as it was");
        assertEquals(1, pool.available(), "and the object in the pool once");
    }

    @Test
    void unpooledObjectsIgnoreHolds() {
        Slot s = new Slot(null, 9);
        assertFalse(s.pooled());
        assertSame(s, s.retain());
        s.release();
        s.release();
        assertEquals(0, s.holders());
    }

    @Test
    void aPoolHoldsAtLeastOneAndOnlyItsOwnFreeObjects() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> pool(0));
        assertTrue(empty.getMessage().contains("slot pool of 0"), empty.getMessage());
        assertThrows(IllegalStateException.class, () -> new Pool<Slot>("slot", p -> new Slot(null, 0), 1), "an object of no pool");
    }

    @Test
    void holdsReleasedFromManyThreadsAllArrive() throws Exception {
        Pool<Slot> pool = pool(2);
        Slot a = pool.acquire();
        int threads = 8;
        int each = 1000;
        for (int i = 0; i < threads * each; i++) {
            a.retain();
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < each; i++) {
                    a.release();
                }
            });
            th.start();
            started.add(th);
        }
        start.countDown();
        for (Thread th : started) {
            th.join();
        }
        assertEquals(1, a.holders(), "the acquirer's hold is all that is left");
        assertEquals(1, pool.available());
        a.release();
        assertEquals(2, pool.available());
    }
}
