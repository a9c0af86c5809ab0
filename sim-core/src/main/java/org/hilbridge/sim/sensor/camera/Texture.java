package org.hilbridge.sim.sensor.camera;

/**
 * Deterministic texture variation by world position: integer lattice points hashed with a seed (the
 * SplitMix64 finalizer, Steele, Lea and Flood, OOPSLA 2014), and value noise over them with a smoothstep
 * blend (3t^2 - 2t^3). Integer arithmetic and IEEE basic operations only, so identical on every JVM.
 */
final class Texture {
    private Texture() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [-1, 1) for lattice point (ix, iy). */
    static double lattice(long seed, long ix, long iy) {
        return (mix(seed ^ (ix * 0x9E3779B97F4A7C15L) ^ (iy * 0xC2B2AE3D27D4EB4FL)) >>> 11) * 0x1.0p-52 - 1.0;
    }

    /** A value in [-1, 1) for lattice point (ix, iy, iz). */
    static double lattice(long seed, long ix, long iy, long iz) {
        return (mix(seed ^ (ix * 0x9E3779B97F4A7C15L) ^ (iy * 0xC2B2AE3D27D4EB4FL) ^ (iz * 0x165667B19E3779F9L)) >>> 11) * 0x1.0p-52 - 1.0;
    }

    /** Value noise of unit lattice spacing at (x, y), in [-1, 1]. */
    static double valueNoise(long seed, double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = x - fx;
        double ty = y - fy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        double a = lattice(seed, ix, iy);
        double b = lattice(seed, ix + 1, iy);
        double c = lattice(seed, ix, iy + 1);
        double d = lattice(seed, ix + 1, iy + 1);
        double ab = a + (b - a) * tx;
        double cd = c + (d - c) * tx;
        return ab + (cd - ab) * ty;
    }
}
