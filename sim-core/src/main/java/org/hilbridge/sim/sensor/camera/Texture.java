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

    static final int GRAIN_SIZE = 256;

    /**
     * A tile of GRAIN_SIZE x GRAIN_SIZE lattice values, to be repeated over the world: fine grain looked up
     * with one load instead of a hash per pixel (a tileable texture, as renderers use).
     */
    static float[] grainTile(long seed) {
        float[] tile = new float[GRAIN_SIZE * GRAIN_SIZE];
        for (int j = 0; j < GRAIN_SIZE; j++) {
            for (int i = 0; i < GRAIN_SIZE; i++) {
                tile[j * GRAIN_SIZE + i] = (float) lattice(seed, i, j);
            }
        }
        return tile;
    }

    /**
     * Offset of {@link #latticeCoordinate}: a multiple of the tile (so the tile index is unchanged) large enough
     * that every coordinate the renderer meets is positive after it.
     */
    static final double LATTICE_OFFSET = 0x1p24;

    /**
     * floor(v) modulo the grain tile, for |v| &lt; 2^23, as a cheap truncation: (int) (v + 2^24). Math.floor on
     * the per-pixel path cost about a tenth of a 640 x 480 frame on this JVM (A/B, README "Camera renderer
     * cost"); truncation of a positive number is floor. Not quite exact: v + 2^24 is rounded to a multiple of
     * 2^-28 (the double spacing in [2^24, 2^25)), so a v less than 2^-29 below an integer n gives n, not n - 1:
     * such a point takes its neighbour's grain value, a shift of the texture by at most 2^-29 lattice steps
     * (TextureTest pins this bound against Math.floor).
     */
    static int latticeCoordinate(double v) {
        return (int) (v + LATTICE_OFFSET);
    }

    /** Index into a grain tile of lattice point (ix, iy), the tile repeating in both directions. */
    static int grainIndex(int ix, int iy) {
        return (ix & (GRAIN_SIZE - 1)) | ((iy & (GRAIN_SIZE - 1)) << 8);
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
