package org.hilbridge.sim.sensor.lidar;

import java.util.List;
import org.hilbridge.sim.scene.Appearance;
import org.hilbridge.sim.scene.Primitive;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.scene.TerrainAppearance;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Material;

/**
 * Exact ray intersection with a scene: the {@link HeightField}'s bilinear patches and the solids standing on
 * it, under one maximum mip-map. Level 0 holds, per terrain cell, the highest of its four corner heights (a
 * bilinear patch never rises above its corners) and of the tops of the solids overlapping the cell; level L
 * the maximum over blocks of 2^L x 2^L cells. A ray walks the blocks of one level with a 2-D DDA; a block the
 * ray passes entirely above is skipped whole, and the walk climbs a level each time it enters a new parent
 * block; where the ray dips below a block's maximum the walk descends, down to single cells, where the
 * cell's solids are tested (the nearest hit so far shortens the ray) and its patch is intersected in closed
 * form (the ray against h = h00 + a fx + b fy + w fx fy is a quadratic in the ray parameter). Cells are
 * visited in ray order, so the walk ends at the first cell that holds the nearest hit. This is the "maximum
 * mipmap" traversal of Tevs, Ihrke and Seidel, "Maximum Mipmaps for Fast, Accurate, and Scalable Dynamic
 * Height Field Rendering", I3D 2008, on the CPU, with the solids folded into the maxima.
 *
 * <p>Solids are listed per terrain cell (compressed rows: cell start offsets and solid indices) by their
 * bounds, the same overlap rule as the scene's {@link org.hilbridge.sim.scene.PrimitiveIndex}, at the
 * terrain's finer grain: walking the PrimitiveIndex's own 8 m grid beside the terrain cost a second DDA per
 * ray (about a third of the casting time on the off-road course), and the max mip-map skips empty space for
 * both at once. Consecutive cells of a ray share most of their solids, so the last two tested are not tested
 * again.
 *
 * <p>Beyond the field's edges the ground continues at the edge heights, as {@link HeightField#heightM} has
 * it: cells outside the grid read their samples with clamped indices (an exact bilinear patch of the
 * clamped surface), and their maxima and solid lists are those of the edge cell or block they clamp to (an
 * upper bound; solids outside the grid are listed in the edge cells nearest them).
 *
 * <p>Immutable once built and safe to share between threads; tracing allocates nothing.
 */
final class SceneTracer {
    /** Level at which a walk starts: blocks of 8 x 8 cells (the walk climbs from there as the ray clears them). */
    private static final int START_LEVEL = 3;
    /** Cell coordinates are clamped to +-2^28 so the shifts of block indices cannot overflow. */
    private static final double CELL_LIMIT = 1 << 28;
    private static final double INF = Double.POSITIVE_INFINITY;

    private final Solids solids;
    /** Solids per cell, compressed rows: cell c lists solidIndex[solidStart[c] .. solidStart[c + 1]). */
    private final int[] solidStart;
    private final int[] solidIndex;
    private final int sampleColumns;
    private final int sampleRows;
    private final double cellM;
    private final double invCellM;
    private final double originX;
    private final double originY;
    private final float[] heights;
    private final byte[] classBySample;
    private final float[] reflectivityBySample;
    private final float[][] maxByLevel;
    private final int[] levelColumns;
    private final int[] levelRows;
    private final int topLevel;
    private final double globalMaxM;

    SceneTracer(HeightField terrain, List<Primitive> primitives) {
        this.solids = new Solids(primitives);
        this.sampleColumns = terrain.columns();
        this.sampleRows = terrain.rows();
        this.cellM = terrain.cellSizeM();
        this.invCellM = 1 / cellM;
        this.originX = terrain.originXM();
        this.originY = terrain.originYM();
        this.heights = terrain.heightsCopy();

        // Class and reflectivity per sample, from the nearest-sample material (as HeightField.material picks it).
        List<Material> palette = terrain.palette();
        byte[] classOf = new byte[palette.size()];
        float[] reflectivityOf = new float[palette.size()];
        for (int k = 0; k < palette.size(); k++) {
            classOf[k] = (byte) SemanticClass.ofMaterial(palette.get(k).name()).id();
            Appearance a = TerrainAppearance.of(palette.get(k));
            reflectivityOf[k] = a.infraredReflectivity();
        }
        int n = sampleColumns * sampleRows;
        classBySample = new byte[n];
        reflectivityBySample = new float[n];
        Material last = null;
        int lastIndex = 0;
        for (int j = 0; j < sampleRows; j++) {
            for (int i = 0; i < sampleColumns; i++) {
                Material m = terrain.material(originX + i * cellM, originY + j * cellM);
                if (m != last) {
                    lastIndex = indexOf(palette, m);
                    last = m;
                }
                classBySample[j * sampleColumns + i] = classOf[lastIndex];
                reflectivityBySample[j * sampleColumns + i] = reflectivityOf[lastIndex];
            }
        }

        // The maximum mip-map.
        int levels = 1;
        while ((1 << (levels - 1)) < Math.max(sampleColumns - 1, sampleRows - 1)) {
            levels++;
        }
        maxByLevel = new float[levels][];
        levelColumns = new int[levels];
        levelRows = new int[levels];
        int w = sampleColumns - 1;
        int h = sampleRows - 1;
        float[] base = new float[w * h];
        float top = -Float.MAX_VALUE;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int k = j * sampleColumns + i;
                float m = Math.max(Math.max(heights[k], heights[k + 1]), Math.max(heights[k + sampleColumns], heights[k + sampleColumns + 1]));
                base[j * w + i] = m;
                top = Math.max(top, m);
            }
        }
        // Solids into the cells their bounds overlap (clamped to the grid), and their tops into the maxima.
        int cells = w * h;
        int[] counts = new int[cells + 1];
        int[][] ranges = new int[primitives.size()][];
        for (int k = 0; k < primitives.size(); k++) {
            double[] bounds = primitives.get(k).bounds();
            int i0 = clampCell((bounds[0] - originX) * invCellM, w);
            int i1 = clampCell((bounds[3] - originX) * invCellM, w);
            int j0 = clampCell((bounds[1] - originY) * invCellM, h);
            int j1 = clampCell((bounds[4] - originY) * invCellM, h);
            ranges[k] = new int[] {i0, i1, j0, j1};
            float topZ = Math.nextUp((float) bounds[5]);
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    counts[j * w + i + 1]++;
                    base[j * w + i] = Math.max(base[j * w + i], topZ);
                }
            }
            top = Math.max(top, topZ);
        }
        for (int c = 0; c < cells; c++) {
            counts[c + 1] += counts[c];
        }
        solidStart = counts.clone();
        solidIndex = new int[counts[cells]];
        for (int k = 0; k < primitives.size(); k++) {
            int[] r = ranges[k];
            for (int j = r[2]; j <= r[3]; j++) {
                for (int i = r[0]; i <= r[1]; i++) {
                    solidIndex[counts[j * w + i]++] = k;
                }
            }
        }
        maxByLevel[0] = base;
        levelColumns[0] = w;
        levelRows[0] = h;
        for (int level = 1; level < levels; level++) {
            int pw = levelColumns[level - 1];
            int ph = levelRows[level - 1];
            int cw = (pw + 1) / 2;
            int ch = (ph + 1) / 2;
            float[] parent = maxByLevel[level - 1];
            float[] coarse = new float[cw * ch];
            for (int j = 0; j < ch; j++) {
                for (int i = 0; i < cw; i++) {
                    float m = -Float.MAX_VALUE;
                    for (int dj = 0; dj < 2; dj++) {
                        for (int di = 0; di < 2; di++) {
                            int pi = 2 * i + di;
                            int pj = 2 * j + dj;
                            if (pi < pw && pj < ph) {
                                m = Math.max(m, parent[pj * pw + pi]);
                            }
                        }
                    }
                    coarse[j * cw + i] = m;
                }
            }
            maxByLevel[level] = coarse;
            levelColumns[level] = cw;
            levelRows[level] = ch;
        }
        topLevel = levels - 1;
        globalMaxM = top;
    }

    private static int clampCell(double g, int cellCount) {
        return (int) Math.max(0, Math.min(cellCount - 1, Math.floor(g)));
    }

    private static int indexOf(List<Material> palette, Material m) {
        for (int k = 0; k < palette.size(); k++) {
            if (palette.get(k) == m) {
                return k;
            }
        }
        throw new IllegalStateException("material " + m.name() + " is not in its height field's palette");
    }

    /**
     * The nearest intersection of the ray origin + t * direction (unit direction) with the ground or a solid
     * for t in [0, tMax), or +infinity. On a hit, fills the hit's normal, class and reflectivity (not its
     * range or point).
     */
    double trace(double ox, double oy, double oz, double dx, double dy, double dz, double tMax, RayHit hit) {
        double t = 0;
        double tEnd = tMax;
        if (oz > globalMaxM) {
            if (dz >= 0) {
                return INF;
            }
            t = (globalMaxM - oz) / dz;
        } else if (dz > 0) {
            tEnd = Math.min(tEnd, (globalMaxM - oz) / dz);
        }
        if (!(t < tEnd)) {
            return INF;
        }
        double u0 = (ox - originX) * invCellM;
        double v0 = (oy - originY) * invCellM;
        double du = dx * invCellM;
        double dv = dy * invCellM;
        double invDu = 1 / du;
        double invDv = 1 / dv;
        int stepX = du > 0 ? 1 : -1;
        int stepY = dv > 0 ? 1 : -1;
        int level = Math.min(START_LEVEL, topLevel);
        int bx = cellIndex(u0 + du * t) >> level;
        int by = cellIndex(v0 + dv * t) >> level;
        // Nearest solid so far (its distance bounds the walk: tEnd shrinks to it), and the last two tested.
        int solid = -1;
        int last1 = -1;
        int last2 = -1;
        while (true) {
            double tx = du > 0 ? (((bx + 1) << level) - u0) * invDu : du < 0 ? ((bx << level) - u0) * invDu : INF;
            double ty = dv > 0 ? (((by + 1) << level) - v0) * invDv : dv < 0 ? ((by << level) - v0) * invDv : INF;
            double tExit = Math.min(tx, ty);
            double segEnd = Math.min(tExit, tEnd);
            int lw = levelColumns[level];
            int lh = levelRows[level];
            int cx = bx < 0 ? 0 : (bx >= lw ? lw - 1 : bx);
            int cy = by < 0 ? 0 : (by >= lh ? lh - 1 : by);
            double blockMax = maxByLevel[level][cy * lw + cx];
            double rayLow = dz >= 0 ? oz + dz * t : oz + dz * segEnd;
            if (rayLow <= blockMax) {
                if (level > 0) {
                    level--;
                    double ut = u0 + du * t;
                    double vt = v0 + dv * t;
                    bx = 2 * bx + (ut >= ((2 * bx + 1) << level) ? 1 : 0);
                    by = 2 * by + (vt >= ((2 * by + 1) << level) ? 1 : 0);
                    continue;
                }
                int cell = cy * lw + cx;
                for (int e = solidStart[cell], end = solidStart[cell + 1]; e < end; e++) {
                    int k = solidIndex[e];
                    if (k == last1 || k == last2) {
                        continue;
                    }
                    last2 = last1;
                    last1 = k;
                    double tk = solids.intersect(k, ox, oy, oz, dx, dy, dz);
                    if (tk < tEnd) {
                        tEnd = tk;
                        solid = k;
                    }
                }
                segEnd = Math.min(segEnd, tEnd);
                double th = intersectCell(bx, by, t, segEnd, u0, v0, du, dv, ox, oy, oz, dx, dy, dz, hit);
                if (th < INF) {
                    return th;
                }
            }
            if (tExit >= tEnd) {
                if (solid < 0) {
                    return INF;
                }
                solids.normal(solid, ox + dx * tEnd, oy + dy * tEnd, oz + dz * tEnd, hit);
                hit.semanticClassId = solids.classId(solid);
                hit.reflectivity = solids.reflectivity(solid);
                return tEnd;
            }
            t = tExit;
            boolean enteredParent;
            if (tx <= ty) {
                bx += stepX;
                enteredParent = (bx & 1) == (stepX > 0 ? 0 : 1);
            } else {
                by += stepY;
                enteredParent = (by & 1) == (stepY > 0 ? 0 : 1);
            }
            if (enteredParent && level < topLevel) {
                level++;
                bx >>= 1;
                by >>= 1;
            }
        }
    }

    private static int cellIndex(double g) {
        return (int) Math.floor(Math.max(-CELL_LIMIT, Math.min(CELL_LIMIT, g)));
    }

    /**
     * The ray against the bilinear patch of cell (cx, cy) for t in [t0, t1]. With s = t - t0 and the cell's
     * local coordinates fx = px + du s, fy = py + dv s, the height above the patch is
     * f(s) = z0 + dz s - (h00 + a fx + b fy + w fx fy) = A s^2 + B s + C; the first root in [0, t1 - t0] is
     * the hit (roots by the cancellation-free form of Numerical Recipes, 3rd ed., eq. 5.6.4-5.6.5).
     */
    private double intersectCell(int cx, int cy, double t0, double t1, double u0, double v0, double du, double dv,
                                 double ox, double oy, double oz, double dx, double dy, double dz, RayHit hit) {
        int last = sampleColumns - 1;
        int i0 = cx < 0 ? 0 : (cx > last ? last : cx);
        int i1 = cx + 1 < 0 ? 0 : (cx + 1 > last ? last : cx + 1);
        int lastRow = sampleRows - 1;
        int j0 = cy < 0 ? 0 : (cy > lastRow ? lastRow : cy);
        int j1 = cy + 1 < 0 ? 0 : (cy + 1 > lastRow ? lastRow : cy + 1);
        double h00 = heights[j0 * sampleColumns + i0];
        double h10 = heights[j0 * sampleColumns + i1];
        double h01 = heights[j1 * sampleColumns + i0];
        double h11 = heights[j1 * sampleColumns + i1];
        double a = h10 - h00;
        double b = h01 - h00;
        double w = h00 - h10 - h01 + h11;
        double px = u0 + du * t0 - cx;
        double py = v0 + dv * t0 - cy;
        double c = oz + dz * t0 - (h00 + a * px + b * py + w * px * py);
        double s;
        if (c <= 0) {
            s = 0;
        } else {
            double span = Math.max(0, t1 - t0);
            double qa = -w * du * dv;
            double qb = dz - a * du - b * dv - w * (px * dv + py * du);
            double disc = qb * qb - 4 * qa * c;
            if (disc < 0) {
                return INF;
            }
            double sq = Math.sqrt(disc);
            double q = -0.5 * (qb + (qb >= 0 ? sq : -sq));
            double r1 = q / qa;
            double r2 = c / q;
            s = INF;
            if (r1 >= 0 && r1 <= span) {
                s = r1;
            }
            if (r2 >= 0 && r2 <= span && r2 < s) {
                s = r2;
            }
            if (s == INF) {
                return INF;
            }
        }
        double fx = Math.max(0, Math.min(1, px + du * s));
        double fy = Math.max(0, Math.min(1, py + dv * s));
        double slopeX = (a + w * fy) * invCellM;
        double slopeY = (b + w * fx) * invCellM;
        double inv = 1 / Math.sqrt(slopeX * slopeX + slopeY * slopeY + 1);
        hit.normalX = -slopeX * inv;
        hit.normalY = -slopeY * inv;
        hit.normalZ = inv;
        double t = t0 + s;
        // Nearest sample, exactly as HeightField.material rounds.
        int mi = (int) StrictMath.round(clamp((ox + dx * t - originX) / cellM, last));
        int mj = (int) StrictMath.round(clamp((oy + dy * t - originY) / cellM, lastRow));
        int k = mj * sampleColumns + mi;
        hit.semanticClassId = classBySample[k];
        hit.reflectivity = reflectivityBySample[k];
        return t;
    }

    private static double clamp(double g, double max) {
        return g < 0 ? 0 : (g > max ? max : g);
    }
}
