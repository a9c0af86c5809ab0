package org.hilbridge.sim.random;

import java.lang.reflect.Field;

/** Sets a generator's raw state, to check it against the reference implementation's published outputs. */
final class SeededRandomFixture {
    private SeededRandomFixture() {
    }

    static SeededRandom withState(long s0, long s1, long s2, long s3) {
        SeededRandom r = new SeededRandom(0);
        try {
            set(r, "s0", s0);
            set(r, "s1", s1);
            set(r, "s2", s2);
            set(r, "s3", s3);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return r;
    }

    private static void set(SeededRandom r, String name, long value) throws ReflectiveOperationException {
        Field f = SeededRandom.class.getDeclaredField(name);
        f.setAccessible(true);
        f.setLong(r, value);
    }
}
