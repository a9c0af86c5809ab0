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
    final byte[] material;
    final byte[] paletteClass;
    final float[] paletteRed;
    final float[] paletteGreen;
    final float[] paletteBlue;
    final float[] paletteTexture;
    /** Texture value per sample, in [-1, 1]. */
    final float[] texture;
    /** The shadow level of a point nothing on the field shades (finite, so that interpolation stays finite). */
    static final float UNSHADED = -1e30f;
    /** Shadow level per sample, metres; null when the sun is not above the horizon. */
    final float[] shadowLevel;
    final double minHeightM;
    final double maxHeightM;

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

        List<Material> palette = field.palette();
        Map<Material, Integer> paletteIndex = new IdentityHashMap<>();
        paletteClass = new byte[palette.size()];
        paletteRed = new float[palette.size()];
        paletteGreen = new float[palette.size()];
        paletteBlue = new float[palette.size()];
        paletteTexture = new float[palette.size()];
        for (int m = 0; m < palette.size(); m++) {
            Material mat = palette.get(m);
            paletteIndex.putIfAbsent(mat, m);
            Appearance look = TerrainAppearance.of(mat);
            paletteClass[m] = (byte) SemanticClass.ofMaterial(mat.name()).id();
            paletteRed[m] = look.red();
            paletteGreen[m] = look.green();
            paletteBlue[m] = look.blue();
            paletteTexture[m] = look.textureAmplitude();
        }
        material = new byte[columns * rows];
        texture = new float[columns * rows];
        long coarseSeed = Texture.mix(seed ^ 0x7465727261696EL);
        long fineSeed = Texture.mix(coarseSeed);
        int chunks = Math.max(1, Math.min(tasks, rows));
        Fanout.run(executor, chunks, t -> {
            for (int j = rows * t / chunks; j < rows * (t + 1) / chunks; j++) {
                for (int i = 0; i < columns; i++) {
                    double x = originXM + i * cellM;
                    double y = originYM + j * cellM;
                    material[j * columns + i] = (byte) (int) paletteIndex.get(field.material(x, y));
                    // Two octaves by world position: 4 m blotches and 1 m variation.
                    texture[j * columns + i] = (float) (0.5 * Texture.valueNoise(coarseSeed, x / 4, y / 4) + 0.5 * Texture.valueNoise(fineSeed, x, y));
                }
            }
        });

        double horizontal = Math.sqrt(sunX * sunX + sunY * sunY);
        if (!(sunZ > 0) || horizontal == 0) {
            // No sun, or the sun at the zenith: the terrain shades nothing (the Lambert term does the rest).
            shadowLevel = sunZ > 0 ? filled(columns * rows, UNSHADED) : null;
            return;
        }
        float[] level = new float[columns * rows];
        float[] blockMax = blockMaxima();
        double dx = sunX / horizontal;
        double dy = sunY / horizontal;
        double slope = sunZ / horizontal;
        Fanout.run(executor, chunks, t -> {
            for (int j = rows * t / chunks; j < rows * (t + 1) / chunks; j++) {
                for (int i = 0; i < columns; i++) {
                    level[j * columns + i] = (float) march(field, blockMax, originXM + i * cellM, originYM + j * cellM, dx, dy, slope);
                }
            }
        });
        shadowLevel = level;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private int blockColumns() {
        return (columns - 2) / BLOCK + 1;
    }

    /** Highest sample of each block of BLOCK x BLOCK cells (its samples' heights, edges included). */
    private float[] blockMaxima() {
        int bc = blockColumns();
        int br = (rows - 2) / BLOCK + 1;
        float[] m = new float[bc * br];
        java.util.Arrays.fill(m, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                float h = heights[j * columns + i];
                // A sample on a block edge belongs to the blocks on both sides.
                for (int bj = Math.max(0, (j - 1) / BLOCK); bj <= Math.min(br - 1, j / BLOCK); bj++) {
                    for (int bi = Math.max(0, (i - 1) / BLOCK); bi <= Math.min(bc - 1, i / BLOCK); bi++) {
                        if (h > m[bj * bc + bi]) {
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
