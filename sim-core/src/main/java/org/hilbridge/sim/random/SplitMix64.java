package org.hilbridge.sim.random;

/** SplitMix64's output mix (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014). */
final class SplitMix64 {
    private SplitMix64() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
