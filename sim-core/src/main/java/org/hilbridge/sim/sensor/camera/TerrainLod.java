package org.hilbridge.sim.sensor.camera;

/**
 * Static level-of-detail data of the terrain mesh, computed once per renderer: per block of
 * {@link #BLOCK} x {@link #BLOCK} cells, the lowest and highest sample (for culling whole blocks before any
 * vertex is transformed) and, for each coarser level l = 1 .. {@link #MAX_LEVEL} (cells of 2^l x 2^l fine
 * cells, corners on the fine samples), the largest vertical distance between the fine mesh and the coarse one.
 *
 * <p>This is geometrical mipmapping (de Boer, "Fast Terrain Rendering Using Geometrical MipMapping", 2000):
 * a block is drawn at the coarsest level whose geometric error, projected at the block's nearest depth, stays
 * under a pixel tolerance. Both meshes split every cell along the same diagonal (sample 00 to 11), so a coarse
 * diagonal runs along fine diagonals: the difference of the two piecewise-linear surfaces is linear on every
 * fine triangle, and its largest magnitude is reached at a fine sample. The maximum over the block's samples
 * (edges included) is therefore the exact largest vertical error of the coarse block.
 *
 * <p>Only whole blocks get coarse levels; a block cut by the field's last row or column stays at full detail.
 */
final class TerrainLod {
    static final int BLOCK = 8;
    static final int MAX_LEVEL = 3;

    final int blockColumns;
    final int blockRows;
    /** Per block (index bj * blockColumns + bi): lowest and highest sample height, metres. */
    final float[] lowM;
    final float[] highM;
    /** Per block and level l (index (MAX_LEVEL + 1) * block + l): largest vertical error, metres; +inf if not allowed. */
    final double[] errorM;

    TerrainLod(float[] heights, int columns, int rows) {
        blockColumns = (columns - 2) / BLOCK + 1;
        blockRows = (rows - 2) / BLOCK + 1;
        int blocks = blockColumns * blockRows;
        lowM = new float[blocks];
        highM = new float[blocks];
        errorM = new double[(MAX_LEVEL + 1) * blocks];
        for (int bj = 0; bj < blockRows; bj++) {
            for (int bi = 0; bi < blockColumns; bi++) {
                int b = bj * blockColumns + bi;
                int i0 = bi * BLOCK;
                int j0 = bj * BLOCK;
                int i1 = Math.min(i0 + BLOCK, columns - 1);
                int j1 = Math.min(j0 + BLOCK, rows - 1);
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int j = j0; j <= j1; j++) {
                    for (int i = i0; i <= i1; i++) {
                        float h = heights[j * columns + i];
                        lo = Math.min(lo, h);
                        hi = Math.max(hi, h);
                    }
                }
                lowM[b] = lo;
                highM[b] = hi;
                boolean whole = i1 - i0 == BLOCK && j1 - j0 == BLOCK;
                for (int l = 1; l <= MAX_LEVEL; l++) {
                    errorM[(MAX_LEVEL + 1) * b + l] = whole ? coarseError(heights, columns, i0, j0, 1 << l) : Double.POSITIVE_INFINITY;
                }
            }
        }
    }

    /**
     * Largest |fine sample - coarse mesh| over the block at (i0, j0) drawn with cells of {@code step} fine cells
     * (split along the 00-11 diagonal, as the renderer draws them).
     */
    private static double coarseError(float[] h, int columns, int i0, int j0, int step) {
        double worst = 0;
        for (int cj = j0; cj < j0 + BLOCK; cj += step) {
            for (int ci = i0; ci < i0 + BLOCK; ci += step) {
                double h00 = h[cj * columns + ci];
                double h10 = h[cj * columns + ci + step];
                double h01 = h[(cj + step) * columns + ci];
                double h11 = h[(cj + step) * columns + ci + step];
                for (int dj = 0; dj <= step; dj++) {
                    for (int di = 0; di <= step; di++) {
                        double fx = di / (double) step;
                        double fy = dj / (double) step;
                        // Triangle (00, 10, 11) below the diagonal (fx >= fy), (00, 11, 01) above it.
                        double coarse = fx >= fy ? h00 + (h10 - h00) * fx + (h11 - h10) * fy : h00 + (h11 - h01) * fx + (h01 - h00) * fy;
                        worst = Math.max(worst, Math.abs(h[(cj + dj) * columns + ci + di] - coarse));
                    }
                }
            }
        }
        return worst;
    }

    /**
     * The coarsest level of block {@code b} whose vertical error, seen at depth &gt;= {@code nearestDepthM},
     * projects to at most {@code tolerancePx}: a vertical displacement e at depth z moves the image point by at
     * most f e (1 + r) / z pixels to first order (u = X / Z: |du| &lt;= (|dX| + |u| |dZ|) / Z, with |u|, |v| &lt;= r
     * the rays' extent and f the larger focal length); {@code pixelsPerMetreAtUnitDepth} is f (1 + r).
     */
    int level(int b, double nearestDepthM, double pixelsPerMetreAtUnitDepth, double tolerancePx) {
        double allowedM = tolerancePx * nearestDepthM / pixelsPerMetreAtUnitDepth;
        for (int l = MAX_LEVEL; l >= 1; l--) {
            if (errorM[(MAX_LEVEL + 1) * b + l] <= allowedM) {
                return l;
            }
        }
        return 0;
    }
}
