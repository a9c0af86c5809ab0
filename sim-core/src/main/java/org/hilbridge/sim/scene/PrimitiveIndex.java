package org.hilbridge.sim.scene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A uniform grid over the horizontal plane listing, per cell, the primitives whose bounds overlap it, so a
 * ray or a view frustum only tests the solids near it. Built once; lookups allocate nothing.
 */
public final class PrimitiveIndex {
    public static final double DEFAULT_CELL_M = 8;
    private static final int[] NONE = new int[0];

    private final double cellM;
    private final double minX;
    private final double minY;
    private final int columns;
    private final int rows;
    private final int[][] cells;
    private final double maxTopZ;

    PrimitiveIndex(List<Primitive> primitives, double cellM) {
        this.cellM = cellM;
        if (primitives.isEmpty()) {
            minX = 0;
            minY = 0;
            columns = 1;
            rows = 1;
            cells = new int[][] {NONE};
            maxTopZ = Double.NEGATIVE_INFINITY;
            return;
        }
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        double top = -Double.MAX_VALUE;
        for (Primitive p : primitives) {
            double[] b = p.bounds();
            x0 = Math.min(x0, b[0]);
            y0 = Math.min(y0, b[1]);
            x1 = Math.max(x1, b[3]);
            y1 = Math.max(y1, b[4]);
            top = Math.max(top, b[5]);
        }
        minX = x0;
        minY = y0;
        maxTopZ = top;
        columns = Math.max(1, (int) Math.ceil((x1 - x0) / cellM) + 1);
        rows = Math.max(1, (int) Math.ceil((y1 - y0) / cellM) + 1);
        List<List<Integer>> lists = new ArrayList<>(columns * rows);
        for (int i = 0; i < columns * rows; i++) {
            lists.add(null);
        }
        for (int k = 0; k < primitives.size(); k++) {
            double[] b = primitives.get(k).bounds();
            for (int j = row(b[1]); j <= row(b[4]); j++) {
                for (int i = column(b[0]); i <= column(b[3]); i++) {
                    List<Integer> l = lists.get(j * columns + i);
                    if (l == null) {
                        l = new ArrayList<>(2);
                        lists.set(j * columns + i, l);
                    }
                    l.add(k);
                }
            }
        }
        cells = new int[columns * rows][];
        for (int c = 0; c < cells.length; c++) {
            List<Integer> l = lists.get(c);
            cells[c] = l == null ? NONE : l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public double cellM() {
        return cellM;
    }

    /** Highest top of any primitive (negative infinity if none): a ray above it can skip the index. */
    public double maxTopZ() {
        return maxTopZ;
    }

    /** Column of x, clamped to the grid. */
    public int column(double xM) {
        return Math.max(0, Math.min(columns - 1, (int) Math.floor((xM - minX) / cellM)));
    }

    /** Row of y, clamped to the grid. */
    public int row(double yM) {
        return Math.max(0, Math.min(rows - 1, (int) Math.floor((yM - minY) / cellM)));
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public double minXM() {
        return minX;
    }

    public double minYM() {
        return minY;
    }

    /** Indices (into the scene's primitive list) of primitives overlapping cell (column, row); do not modify. */
    public int[] cell(int column, int row) {
        return cells[row * columns + column];
    }

    @Override
    public String toString() {
        return "PrimitiveIndex[" + columns + " x " + rows + " cells of " + cellM + " m, " + Arrays.stream(cells).mapToInt(c -> c.length).sum() + " entries]";
    }
}
