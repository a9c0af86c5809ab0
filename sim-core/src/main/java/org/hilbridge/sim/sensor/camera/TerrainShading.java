package org.hilbridge.sim.sensor.camera;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.hilbridge.sim.scene.Appearance;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.scene.TerrainAppearance;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Material;

/**
 * What the renderer needs to know about the ground, per height-field sample, computed once: the heights,
 * the material (class id and albedo), a texture value, and the terrain's sun-shadow level.
 *
 * <p>Shadow level (a horizon map for one sun direction; Max, "Horizon mapping: shadows for bump-mapped
 * surfaces", The Visual Computer 1988): for the sample at (x, y), L = max over s &gt; 0 of h(p + s d) - s tan(e),
 * d the sun's horizontal direction and e its elevation. A point (x, y, z) sees the sun past the terrain exactly
 * when z &gt;= L(x, y); between samples L is interpolated bilinearly. The march steps half a cell over the
 * bilinear heights and stops at the field's edge (ground beyond the edge casts no shadow), skipping blocks of
 * 8 x 8 cells that lie wholly below the running maximum.
 */
final class TerrainShading {
    static final int BLOCK = 8;

    final int columns;
    final int rows;
    final double cellM;
    final double originXM;
    final double originYM;
    final float[] heights;
    /**
     * Per sample k, what shading reads, interleaved so that a pixel's four samples share cache lines:
     * [4k] height, [4k + 1] texture value in [-1, 1], [4k + 2] shadow level (metres; {@link #UNSHADED} where
     * nothing shades it or the sun is down), [4k + 3] palette index.
     */
    final float[] samples;
    static final int STRIDE = 4;
    static final int HEIGHT = 0;
    static final int TEXTURE = 1;
    static final int LEVEL = 2;
    static final int MATERIAL = 3;
    final byte[] paletteClass;
    /** Per palette entry m: [4m] red, [4m + 1] green, [4m + 2] blue albedo, [4m + 3] texture amplitude. */
    final float[] paletteLook;
    /** The shadow level of a point nothing on the field shades (finite, so that interpolation stays finite). */
    static final float UNSHADED = -1e30f;
    final double minHeightM;
    final double maxHeightM;
    private final float[] blockMin;

    TerrainShading(HeightField field, double sunX, double sunY, double sunZ, long seed, Executor executor, int tasks) {
        columns = field.columns();
        rows = field.rows();
        cellM = field.cellSizeM();
        originXM = field.originXM();
        originYM = field.originYM();
        heights = field.heightsCopy();
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (float h : heights) {
            lo = Math.min(lo, h);
            hi = Math.max(hi, h);
        }
        minHeightM = lo;
        maxHeightM = hi;
        blockMin = blockExtremes(false);

        List<Material> palette = field.palette();
        Map<Material, Integer> paletteIndex = new IdentityHashMap<>();
        paletteClass = new byte[palette.size()];
        paletteLook = new float[4 * palette.size()];
        for (int m = 0; m < palette.size(); m++) {
            Material mat = palette.get(m);
            paletteIndex.putIfAbsent(mat, m);
            Appearance look = TerrainAppearance.of(mat);
            paletteClass[m] = (byte) SemanticClass.ofMaterial(mat.name()).id();
            paletteLook[4 * m] = look.red();
            paletteLook[4 * m + 1] = look.green();
            paletteLook[4 * m + 2] = look.blue();
            paletteLook[4 * m + 3] = look.textureAmplitude();
        }
        float[] out = new float[STRIDE * columns * rows];
        long coarseSeed = Texture.mix(seed ^ 0x7465727261696EL);
        long fineSeed = Texture.mix(coarseSeed);
        int chunks = Math.max(1, Math.min(tasks, rows));
        Fanout.run(executor, chunks, t -> {
            for (int j = rows * t / chunks; j < rows * (t + 1) / chunks; j++) {
                for (int i = 0; i < columns; i++) {
                    double x = originXM + i * cellM;
                    double y = originYM + j * cellM;
                    int k = STRIDE * (j * columns + i);
                    out[k + HEIGHT] = heights[j * columns + i];
                    // Two octaves by world position: 4 m blotches and 1 m variation.
                    out[k + TEXTURE] = (float) (0.5 * Texture.valueNoise(coarseSeed, x / 4, y / 4) + 0.5 * Texture.valueNoise(fineSeed, x, y));
                    out[k + LEVEL] = UNSHADED;
                    out[k + MATERIAL] = paletteIndex.get(field.material(x, y));
                }
            }
        });

        double horizontal = Math.sqrt(sunX * sunX + sunY * sunY);
        if (!(sunZ > 0) || horizontal == 0) {
            // No sun, or the sun at the zenith: the terrain shades nothing (the Lambert term does the rest).
            samples = out;
            return;
        }
        float[] blockMax = blockExtremes(true);
        double dx = sunX / horizontal;
        double dy = sunY / horizontal;
        double slope = sunZ / horizontal;
        Fanout.run(executor, chunks, t -> {
            for (int j = rows * t / chunks; j < rows * (t + 1) / chunks; j++) {
                for (int i = 0; i < columns; i++) {
                    out[STRIDE * (j * columns + i) + LEVEL] = (float) march(field, blockMax, originXM + i * cellM, originYM + j * cellM, dx, dy, slope);
                }
            }
        });
        samples = out;
    }

    private int blockColumns() {
        return (columns - 2) / BLOCK + 1;
    }

    /**
     * The lowest ground (a lower bound: the least sample of the blocks it touches) in the rectangle
     * [x0, x1] x [y0, y1]; beyond the field's edges the ground continues at the edge samples' heights.
     */
    double lowestIn(double x0, double y0, double x1, double y1) {
        double blockM = BLOCK * cellM;
        int bc = blockColumns();
        int br = (rows - 2) / BLOCK + 1;
        int i0 = (int) Math.max(0, Math.min(bc - 1, Math.floor((x0 - originXM) / blockM)));
        int i1 = (int) Math.max(0, Math.min(bc - 1, Math.floor((x1 - originXM) / blockM)));
        int j0 = (int) Math.max(0, Math.min(br - 1, Math.floor((y0 - originYM) / blockM)));
        int j1 = (int) Math.max(0, Math.min(br - 1, Math.floor((y1 - originYM) / blockM)));
        double lowest = Double.MAX_VALUE;
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                lowest = Math.min(lowest, blockMin[j * bc + i]);
            }
        }
        return lowest;
    }

    /** Highest (or lowest) sample of each block of BLOCK x BLOCK cells (its samples' heights, edges included). */
    private float[] blockExtremes(boolean highest) {
        int bc = blockColumns();
        int br = (rows - 2) / BLOCK + 1;
        float[] m = new float[bc * br];
        java.util.Arrays.fill(m, highest ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                float h = heights[j * columns + i];
                // A sample on a block edge belongs to the blocks on both sides.
                for (int bj = Math.max(0, (j - 1) / BLOCK); bj <= Math.min(br - 1, j / BLOCK); bj++) {
                    for (int bi = Math.max(0, (i - 1) / BLOCK); bi <= Math.min(bc - 1, i / BLOCK); bi++) {
                        if (highest ? h > m[bj * bc + bi] : h < m[bj * bc + bi]) {
                            m[bj * bc + bi] = h;
                        }
                    }
                }
            }
        }
        return m;
    }

    /** max over s = n * step, n >= 1, of h(p + s d) - s slope, while p + s d is on the field; UNSHADED if none. */
    private double march(HeightField field, float[] blockMax, double x, double y, double dx, double dy, double slope) {
        double step = cellM / 2;
        double best = UNSHADED;
        double width = (columns - 1) * cellM;
        double depth = (rows - 1) * cellM;
        int bc = blockColumns();
        double blockM = BLOCK * cellM;
        for (int n = 1; ; n++) {
            double s = n * step;
            double rise = s * slope;
            if (maxHeightM - rise <= best) {
                return best;
            }
            double gx = x + s * dx - originXM;
            double gy = y + s * dy - originYM;
            if (!(gx >= 0 && gy >= 0 && gx <= width && gy <= depth)) {
                return best;
            }
            int bi = Math.min(bc - 1, (int) (gx / blockM));
            int bj = Math.min((rows - 2) / BLOCK, (int) (gy / blockM));
            if (blockMax[bj * bc + bi] - rise <= best) {
                // Nothing in this block can beat the running maximum (rise only grows): step to its far side.
                double exitX = dx > 0 ? ((bi + 1) * blockM - gx) / dx : dx < 0 ? (bi * blockM - gx) / dx : Double.POSITIVE_INFINITY;
                double exitY = dy > 0 ? ((bj + 1) * blockM - gy) / dy : dy < 0 ? (bj * blockM - gy) / dy : Double.POSITIVE_INFINITY;
                double exit = Math.min(exitX, exitY);
                int skip = (int) Math.floor(exit / step);
                if (skip > 0) {
                    n += skip - 1;
                    continue;
                }
            }
            double v = field.heightM(x + s * dx, y + s * dy) - rise;
            if (v > best) {
                best = v;
            }
        }
    }
}
