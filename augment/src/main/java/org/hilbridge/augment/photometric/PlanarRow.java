package org.hilbridge.augment.photometric;

/**
 * One image row of linear RGB in three planes (r[u], g[u], b[u]): the form the per-pixel passes work in, so each
 * arithmetic loop walks unit-stride arrays from index 0 with no call or branch inside, which C2's superword pass
 * turns into SIMD code (an interleaved row, or an index with an offset, leaves it scalar on JDK 17). Reused from
 * row to row and frame to frame; one thread at a time.
 */
final class PlanarRow {
    float[] r = new float[0];
    float[] g = new float[0];
    float[] b = new float[0];

    /** Ensures room for w pixels (allocates only when the width changes). */
    PlanarRow ensure(int w) {
        if (r.length != w) {
            r = new float[w];
            g = new float[w];
            b = new float[w];
        }
        return this;
    }

    /** Reads w interleaved pixels (3 floats each) from src at offset into the planes. */
    void load(float[] src, int offset, int w) {
        float[] pr = r, pg = g, pb = b;
        for (int u = 0, i = offset; u < w; u++, i += 3) {
            pr[u] = src[i];
            pg[u] = src[i + 1];
            pb[u] = src[i + 2];
        }
    }

    /** Writes the planes' w pixels interleaved into dst at offset. */
    void store(float[] dst, int offset, int w) {
        float[] pr = r, pg = g, pb = b;
        for (int u = 0, i = offset; u < w; u++, i += 3) {
            dst[i] = pr[u];
            dst[i + 1] = pg[u];
            dst[i + 2] = pb[u];
        }
    }
}
