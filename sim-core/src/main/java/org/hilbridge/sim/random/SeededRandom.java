package org.hilbridge.sim.random;

/**
 * A deterministic pseudo-random stream: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 2021), seeded through SplitMix64 as its authors recommend. Integer
 * arithmetic only, and {@link StrictMath} for the Gaussian transform, so a stream is bit-identical on every
 * JVM and CPU. Not thread-safe: one stream per consumer (see {@link RandomStreams}).
 */
public final class SeededRandom {
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    public SeededRandom(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = SplitMix64.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = SplitMix64.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = SplitMix64.mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = SplitMix64.mix(x);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double nextDouble(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound " + bound + " must be > 0");
        }
        // Lemire's nearly-divisionless method would be faster; a modulo of 64 random bits has bias < 2^-32.
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** Standard normal by the Marsaglia polar method (Knuth, TAOCP vol. 2, 3.4.1 Algorithm P). */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * m;
        hasSpareGaussian = true;
        return u * m;
    }
}
