package org.hilbridge.sim.terrain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hilbridge.sim.math.Vec3;

/**
 * A regular grid of heights with a material per cell. Sample (i, j) sits at world
 * (originXM + i * cellSizeM, originYM + j * cellSizeM); storage is row-major with j (north, +y) as the row.
 * Heights between samples are bilinear, and the normal is that of the bilinear patch, so a plane given as
 * samples is reproduced exactly. Beyond the edges the ground continues at the edge value (clamped).
 * Materials are nearest-sample. Immutable once built; the arrays are copied in.
 */
public final class HeightField implements Terrain {
    private final int columns;
    private final int rows;
    private final double cellSizeM;
    private final double originXM;
    private final double originYM;
    private final float[] heightsM;
    private final byte[] materialIndex;
    private final Material[] palette;

    /**
     * @param columns       samples along x (>= 2)
     * @param rows          samples along y (>= 2)
     * @param heightsM      columns * rows finite heights, metres, row-major (index j * columns + i)
     * @param materialIndex columns * rows indices into {@code palette}, or null for palette[0] everywhere
     * @param palette       1 to 256 materials
     */
    public HeightField(int columns, int rows, double cellSizeM, double originXM, double originYM,
                       float[] heightsM, byte[] materialIndex, List<Material> palette) {
        if (columns < 2 || rows < 2) {
            throw new IllegalArgumentException("height field size " + columns + " x " + rows + " is not allowed: it needs at least 2 x 2 samples");
        }
        if (!(cellSizeM > 0) || !Double.isFinite(cellSizeM)) {
            throw new IllegalArgumentException("cellSizeM = " + cellSizeM + " is not allowed: it must be a finite number > 0");
        }
        if (!Double.isFinite(originXM) || !Double.isFinite(originYM)) {
            throw new IllegalArgumentException("height field origin (" + originXM + ", " + originYM + ") must be finite");
        }
        long n = (long) columns * rows;
        Objects.requireNonNull(heightsM, "heightsM");
        if (heightsM.length != n) {
            throw new IllegalArgumentException("height field of " + columns + " x " + rows + " needs " + n + " heights, got " + heightsM.length);
        }
        for (int k = 0; k < heightsM.length; k++) {
            if (!Float.isFinite(heightsM[k])) {
                throw new IllegalArgumentException("height at column " + (k % columns) + ", row " + (k / columns) + " is " + heightsM[k] + ": heights must be finite");
            }
        }
        Objects.requireNonNull(palette, "palette");
        if (palette.isEmpty() || palette.size() > 256) {
            throw new IllegalArgumentException("material palette of " + palette.size() + " materials is not allowed: it needs 1 to 256");
        }
        if (materialIndex != null) {
            if (materialIndex.length != n) {
                throw new IllegalArgumentException("height field of " + columns + " x " + rows + " needs " + n + " material indices, got " + materialIndex.length);
            }
            for (int k = 0; k < materialIndex.length; k++) {
                if ((materialIndex[k] & 0xFF) >= palette.size()) {
                    throw new IllegalArgumentException("material index " + (materialIndex[k] & 0xFF) + " at column " + (k % columns) + ", row " + (k / columns)
                            + " is not allowed: the palette has " + palette.size() + " materials");
                }
            }
        }
        this.columns = columns;
        this.rows = rows;
        this.cellSizeM = cellSizeM;
        this.originXM = originXM;
        this.originYM = originYM;
        this.heightsM = heightsM.clone();
        this.materialIndex = materialIndex == null ? new byte[(int) n] : materialIndex.clone();
        this.palette = palette.toArray(new Material[0]);
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public double cellSizeM() {
        return cellSizeM;
    }

    public double originXM() {
        return originXM;
    }

    public double originYM() {
        return originYM;
    }

    public double widthM() {
        return (columns - 1) * cellSizeM;
    }

    public double depthM() {
        return (rows - 1) * cellSizeM;
    }

    /** The sample height at (column, row), metres. */
    public double sampleM(int column, int row) {
        return heightsM[row * columns + column];
    }

    public List<Material> palette() {
        return List.of(palette);
    }

    @Override
    public double heightM(double xM, double yM) {
        return patch(xM, yM, HEIGHT);
    }

    @Override
    public Vec3 normal(double xM, double yM, Vec3 out) {
        return out.set(-patch(xM, yM, SLOPE_X), -patch(xM, yM, SLOPE_Y), 1).normalize();
    }

    private static final int HEIGHT = 0;
    private static final int SLOPE_X = 1;
    private static final int SLOPE_Y = 2;

    /**
     * The bilinear patch h = h00 + (h10 - h00) fx + (h01 - h00) fy + (h00 - h10 - h01 + h11) fx fy of the cell
     * under (x, y): its height, or its slope dh/dx or dh/dy. Beyond an edge the slope across it is 0.
     */
    private double patch(double xM, double yM, int what) {
        double rawX = (xM - originXM) / cellSizeM;
        double rawY = (yM - originYM) / cellSizeM;
        double gx = clamp(rawX, columns - 1);
        double gy = clamp(rawY, rows - 1);
        int i = StrictMath.min((int) gx, columns - 2);
        int j = StrictMath.min((int) gy, rows - 2);
        double fx = gx - i;
        double fy = gy - j;
        int k = j * columns + i;
        double h00 = heightsM[k];
        double h10 = heightsM[k + 1];
        double h01 = heightsM[k + columns];
        double h11 = heightsM[k + columns + 1];
        double twist = h00 - h10 - h01 + h11;
        switch (what) {
            case SLOPE_X:
                return (rawX < 0 || rawX > columns - 1) ? 0 : ((h10 - h00) + twist * fy) / cellSizeM;
            case SLOPE_Y:
                return (rawY < 0 || rawY > rows - 1) ? 0 : ((h01 - h00) + twist * fx) / cellSizeM;
            default:
                return h00 + (h10 - h00) * fx + (h01 - h00) * fy + twist * fx * fy;
        }
    }

    @Override
    public Material material(double xM, double yM) {
        int i = (int) StrictMath.round(clamp((xM - originXM) / cellSizeM, columns - 1));
        int j = (int) StrictMath.round(clamp((yM - originYM) / cellSizeM, rows - 1));
        return palette[materialIndex[j * columns + i] & 0xFF];
    }

    private static double clamp(double g, double max) {
        return g < 0 ? 0 : (g > max ? max : g);
    }

    /**
     * The same ground with each palette entry replaced (same count, same order), e.g. weather turning dry
     * asphalt wet. Shares nothing mutable with this field.
     */
    public HeightField withPalette(List<Material> newPalette) {
        if (newPalette.size() != palette.length) {
            throw new IllegalArgumentException("a replacement palette needs " + palette.length + " materials, got " + newPalette.size());
        }
        return new HeightField(columns, rows, cellSizeM, originXM, originYM, heightsM, materialIndex, newPalette);
    }

    /** A copy of the heights, row-major (for loaders' round-trip tests and exporters). */
    public float[] heightsCopy() {
        return Arrays.copyOf(heightsM, heightsM.length);
    }
}
