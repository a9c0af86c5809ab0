package org.hilbridge.sim.terrain;

/**
 * Lattice value noise with quintic fade (Perlin, "Improving Noise", SIGGRAPH 2002, for the fade curve),
 * hashed from integer lattice coordinates and a seed, so it needs no table and is identical on every JVM.
 */
final class ValueNoise {
    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    /** Sum of {@code octaves} octaves (lacunarity 2, gain 0.5), normalised to about [-1, 1]. */
    double fractal(double x, double y, int octaves) {
        double sum = 0;
        double amplitude = 1;
        double norm = 0;
        double f = 1;
        for (int o = 0; o < octaves; o++) {
            sum += amplitude * noise(x * f, y * f, o);
            norm += amplitude;
            amplitude *= 0.5;
            f *= 2;
        }
        return sum / norm;
    }

    private double noise(double x, double y, int octave) {
        double fx = StrictMath.floor(x);
        double fy = StrictMath.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = fade(x - fx);
        double ty = fade(y - fy);
        double a = lattice(ix, iy, octave);
        double b = lattice(ix + 1, iy, octave);
        double c = lattice(ix, iy + 1, octave);
        double d = lattice(ix + 1, iy + 1, octave);
        double ab = a + (b - a) * tx;
        double cd = c + (d - c) * tx;
        return ab + (cd - ab) * ty;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    /** A value in [-1, 1) for a lattice point: a SplitMix64-style hash of (seed, octave, ix, iy). */
    private double lattice(long ix, long iy, int octave) {
        long z = seed ^ (ix * 0x9E3779B97F4A7C15L) ^ (iy * 0xC2B2AE3D27D4EB4FL) ^ ((long) octave * 0x165667B19E3779F9L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-52 - 1.0;
    }
}
