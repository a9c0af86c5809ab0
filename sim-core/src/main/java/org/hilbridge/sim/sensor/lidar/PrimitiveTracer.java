package org.hilbridge.sim.sensor.lidar;

import java.util.List;
import org.hilbridge.sim.scene.Primitive;
import org.hilbridge.sim.scene.PrimitiveIndex;

/**
 * Ray intersection with a scene's solids: a 2-D DDA (Amanatides and Woo, "A Fast Voxel Traversal Algorithm
 * for Ray Tracing", Eurographics 1987) over the {@link PrimitiveIndex} grid, cell by cell in the order the
 * ray crosses them, testing the solids listed in each cell whose height band the ray passes through, and
 * stopping at the first cell whose exit lies beyond the nearest hit found so far. The solids are copied
 * into flat arrays (no virtual calls, no pointer chasing per test).
 *
 * <p>Closed forms: an upright box is a slab test (Kay and Kajiya, SIGGRAPH 1986) in its yawed frame; an
 * upright cylinder is the circle quadratic for its side plus two disc tests for its caps; a vertically
 * squashed sphere is the sphere quadratic after scaling z by 1 / verticalScale. Quadratics are solved in
 * the cancellation-free form t = c / (-b + sqrt(b^2 - a c)). Solids are seen from outside: a ray that starts
 * inside one passes through it.
 *
 * <p>Immutable, safe to share between threads; tracing allocates nothing.
 */
final class PrimitiveTracer {
    static final byte BOX = 0;
    static final byte CYLINDER = 1;
    static final byte SPHERE = 2;
    private static final int STRIDE = 8;
    private static final double INF = Double.POSITIVE_INFINITY;

    private final int count;
    private final byte[] kind;
    private final double[] p;
    private final byte[] classId;
    private final float[] reflectivity;
    private final int gridColumns;
    private final int gridRows;
    private final double gridMinX;
    private final double gridMinY;
    private final double gridCellM;
    private final int[][] cells;
    private final float[] cellBottomZ;
    private final float[] cellTopZ;
    private final double bottomZ;
    private final double topZ;

    PrimitiveTracer(List<Primitive> primitives, PrimitiveIndex index) {
        count = primitives.size();
        kind = new byte[count];
        p = new double[count * STRIDE];
        classId = new byte[count];
        reflectivity = new float[count];
        double lowest = INF;
        for (int k = 0; k < count; k++) {
            Primitive prim = primitives.get(k);
            int o = k * STRIDE;
            if (prim instanceof Primitive.Box b) {
                kind[k] = BOX;
                p[o] = b.centerXM();
                p[o + 1] = b.centerYM();
                p[o + 2] = b.baseZM();
                p[o + 3] = StrictMath.cos(b.yawRad());
                p[o + 4] = StrictMath.sin(b.yawRad());
                p[o + 5] = b.halfLengthM();
                p[o + 6] = b.halfWidthM();
                p[o + 7] = b.heightM();
            } else if (prim instanceof Primitive.Cylinder c) {
                kind[k] = CYLINDER;
                p[o] = c.centerXM();
                p[o + 1] = c.centerYM();
                p[o + 2] = c.baseZM();
                p[o + 3] = c.radiusM();
                p[o + 4] = c.heightM();
            } else {
                Primitive.Sphere s = (Primitive.Sphere) prim;
                kind[k] = SPHERE;
                p[o] = s.centerXM();
                p[o + 1] = s.centerYM();
                p[o + 2] = s.centerZM();
                p[o + 3] = s.radiusM();
                p[o + 4] = s.verticalScale();
                p[o + 5] = 1 / s.verticalScale();
            }
            classId[k] = (byte) prim.semanticClass().id();
            reflectivity[k] = prim.appearance().infraredReflectivity();
            lowest = Math.min(lowest, prim.bounds()[2]);
        }
        gridColumns = index.columns();
        gridRows = index.rows();
        gridMinX = index.minXM();
        gridMinY = index.minYM();
        gridCellM = index.cellM();
        cells = new int[gridColumns * gridRows][];
        cellBottomZ = new float[cells.length];
        cellTopZ = new float[cells.length];
        for (int row = 0; row < gridRows; row++) {
            for (int col = 0; col < gridColumns; col++) {
                int c = row * gridColumns + col;
                cells[c] = index.cell(col, row);
                double lo = INF;
                double hi = -INF;
                for (int k : cells[c]) {
                    double[] b = primitives.get(k).bounds();
                    lo = Math.min(lo, b[2]);
                    hi = Math.max(hi, b[5]);
                }
                // Rounded outwards to float, so the band stays conservative.
                cellBottomZ[c] = Math.nextDown((float) lo);
                cellTopZ[c] = Math.nextUp((float) hi);
            }
        }
        bottomZ = lowest;
        topZ = index.maxTopZ();
    }

    /**
     * The nearest entry of the ray origin + t * direction (unit direction) into a solid for t in [0, tMax),
     * or +infinity. On a hit, fills the hit's normal, class and reflectivity (not its range or point).
     */
    double trace(double ox, double oy, double oz, double dx, double dy, double dz, double tMax, RayHit hit) {
        if (count == 0) {
            return INF;
        }
        // Clip to the slab of heights holding solids, then to the grid's rectangle.
        double t0 = 0;
        double t1 = tMax;
        if (dz > 0) {
            t0 = Math.max(t0, (bottomZ - oz) / dz);
            t1 = Math.min(t1, (topZ - oz) / dz);
        } else if (dz < 0) {
            t0 = Math.max(t0, (topZ - oz) / dz);
            t1 = Math.min(t1, (bottomZ - oz) / dz);
        } else if (oz < bottomZ || oz > topZ) {
            return INF;
        }
        double x1 = gridMinX + gridColumns * gridCellM;
        double y1 = gridMinY + gridRows * gridCellM;
        if (dx != 0) {
            double ta = (gridMinX - ox) / dx;
            double tb = (x1 - ox) / dx;
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        } else if (ox < gridMinX || ox > x1) {
            return INF;
        }
        if (dy != 0) {
            double ta = (gridMinY - oy) / dy;
            double tb = (y1 - oy) / dy;
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        } else if (oy < gridMinY || oy > y1) {
            return INF;
        }
        if (!(t0 < t1)) {
            return INF;
        }
        double gx = (ox + dx * t0 - gridMinX) / gridCellM;
        double gy = (oy + dy * t0 - gridMinY) / gridCellM;
        int col = Math.max(0, Math.min(gridColumns - 1, (int) Math.floor(gx)));
        int row = Math.max(0, Math.min(gridRows - 1, (int) Math.floor(gy)));
        int stepX = dx > 0 ? 1 : -1;
        int stepY = dy > 0 ? 1 : -1;
        double nextX = dx > 0 ? (gridMinX + (col + 1) * gridCellM - ox) / dx : dx < 0 ? (gridMinX + col * gridCellM - ox) / dx : INF;
        double nextY = dy > 0 ? (gridMinY + (row + 1) * gridCellM - oy) / dy : dy < 0 ? (gridMinY + row * gridCellM - oy) / dy : INF;
        double deltaX = dx != 0 ? gridCellM / Math.abs(dx) : INF;
        double deltaY = dy != 0 ? gridCellM / Math.abs(dy) : INF;
        double best = t1;
        int bestK = -1;
        double tIn = t0;
        while (true) {
            double tOut = Math.min(nextX, nextY);
            double segEnd = Math.min(tOut, t1);
            int c = row * gridColumns + col;
            int[] list = cells[c];
            if (list.length > 0) {
                double za = oz + dz * tIn;
                double zb = oz + dz * segEnd;
                if (Math.max(za, zb) >= cellBottomZ[c] && Math.min(za, zb) <= cellTopZ[c]) {
                    for (int k : list) {
                        double t = intersect(k, ox, oy, oz, dx, dy, dz);
                        if (t < best) {
                            best = t;
                            bestK = k;
                        }
                    }
                }
            }
            if (best <= segEnd || tOut >= t1) {
                break;
            }
            tIn = tOut;
            if (nextX <= nextY) {
                col += stepX;
                if (col < 0 || col >= gridColumns) {
                    break;
                }
                nextX += deltaX;
            } else {
                row += stepY;
                if (row < 0 || row >= gridRows) {
                    break;
                }
                nextY += deltaY;
            }
        }
        if (bestK < 0) {
            return INF;
        }
        normal(bestK, ox + dx * best, oy + dy * best, oz + dz * best, dx, dy, dz, hit);
        hit.semanticClassId = classId[bestK];
        hit.reflectivity = reflectivity[bestK];
        return best;
    }

    /** Entry distance of the ray into solid k (t >= 0), or +infinity. */
    double intersect(int k, double ox, double oy, double oz, double dx, double dy, double dz) {
        int o = k * STRIDE;
        return switch (kind[k]) {
            case BOX -> box(o, ox, oy, oz, dx, dy, dz);
            case CYLINDER -> cylinder(o, ox, oy, oz, dx, dy, dz);
            default -> sphere(o, ox, oy, oz, dx, dy, dz);
        };
    }

    private double box(int o, double ox, double oy, double oz, double dx, double dy, double dz) {
        double cos = p[o + 3];
        double sin = p[o + 4];
        double lx = ox - p[o];
        double ly = oy - p[o + 1];
        // Into the box frame: rotate by -yaw.
        double bx = cos * lx + sin * ly;
        double by = -sin * lx + cos * ly;
        double bz = oz - p[o + 2];
        double ex = cos * dx + sin * dy;
        double ey = -sin * dx + cos * dy;
        double hl = p[o + 5];
        double hw = p[o + 6];
        double near = -INF;
        double far = INF;
        if (ex != 0) {
            double ta = (-hl - bx) / ex;
            double tb = (hl - bx) / ex;
            near = Math.max(near, Math.min(ta, tb));
            far = Math.min(far, Math.max(ta, tb));
        } else if (bx < -hl || bx > hl) {
            return INF;
        }
        if (ey != 0) {
            double ta = (-hw - by) / ey;
            double tb = (hw - by) / ey;
            near = Math.max(near, Math.min(ta, tb));
            far = Math.min(far, Math.max(ta, tb));
        } else if (by < -hw || by > hw) {
            return INF;
        }
        if (dz != 0) {
            double ta = -bz / dz;
            double tb = (p[o + 7] - bz) / dz;
            near = Math.max(near, Math.min(ta, tb));
            far = Math.min(far, Math.max(ta, tb));
        } else if (bz < 0 || bz > p[o + 7]) {
            return INF;
        }
        return near <= far && near >= 0 ? near : INF;
    }

    private double cylinder(int o, double ox, double oy, double oz, double dx, double dy, double dz) {
        double lx = ox - p[o];
        double ly = oy - p[o + 1];
        double base = p[o + 2];
        double r = p[o + 3];
        double top = base + p[o + 4];
        double c = lx * lx + ly * ly - r * r;
        double best = INF;
        if (c > 0) {
            // Outside the infinite cylinder: the side, if the ray closes in on the axis.
            double a = dx * dx + dy * dy;
            double b = lx * dx + ly * dy;
            if (b < 0) {
                double disc = b * b - a * c;
                if (disc >= 0) {
                    double t = c / (-b + Math.sqrt(disc));
                    double z = oz + dz * t;
                    if (z >= base && z <= top) {
                        best = t;
                    }
                }
            }
        } else if (oz >= base && oz <= top) {
            return INF;
        }
        // The caps, seen from above or below.
        if (dz < 0 && oz > top) {
            best = Math.min(best, disc(lx, ly, dx, dy, (top - oz) / dz, r));
        } else if (dz > 0 && oz < base) {
            best = Math.min(best, disc(lx, ly, dx, dy, (base - oz) / dz, r));
        }
        return best;
    }

    private static double disc(double lx, double ly, double dx, double dy, double t, double r) {
        double x = lx + dx * t;
        double y = ly + dy * t;
        return x * x + y * y <= r * r ? t : INF;
    }

    private double sphere(int o, double ox, double oy, double oz, double dx, double dy, double dz) {
        double inv = p[o + 5];
        double lx = ox - p[o];
        double ly = oy - p[o + 1];
        double lz = (oz - p[o + 2]) * inv;
        double ez = dz * inv;
        double r = p[o + 3];
        double c = lx * lx + ly * ly + lz * lz - r * r;
        double b = lx * dx + ly * dy + lz * ez;
        if (c <= 0 || b >= 0) {
            return INF;
        }
        double a = dx * dx + dy * dy + ez * ez;
        double disc = b * b - a * c;
        return disc >= 0 ? c / (-b + Math.sqrt(disc)) : INF;
    }

    private void normal(int k, double x, double y, double z, double dx, double dy, double dz, RayHit hit) {
        int o = k * STRIDE;
        double nx;
        double ny;
        double nz;
        switch (kind[k]) {
            case BOX -> {
                double cos = p[o + 3];
                double sin = p[o + 4];
                double lx = x - p[o];
                double ly = y - p[o + 1];
                double bx = (cos * lx + sin * ly) / p[o + 5];
                double by = (-sin * lx + cos * ly) / p[o + 6];
                double bz = (z - p[o + 2]) / p[o + 7] * 2 - 1;
                // The face the hit lies on: the largest normalised coordinate.
                double ax = Math.abs(bx);
                double ay = Math.abs(by);
                double az = Math.abs(bz);
                if (az >= ax && az >= ay) {
                    nx = 0;
                    ny = 0;
                    nz = bz > 0 ? 1 : -1;
                } else if (ax >= ay) {
                    double s = bx > 0 ? 1 : -1;
                    nx = s * cos;
                    ny = s * sin;
                    nz = 0;
                } else {
                    double s = by > 0 ? 1 : -1;
                    nx = -s * sin;
                    ny = s * cos;
                    nz = 0;
                }
            }
            case CYLINDER -> {
                double base = p[o + 2];
                double top = base + p[o + 4];
                double lx = x - p[o];
                double ly = y - p[o + 1];
                double r = p[o + 3];
                double side = Math.abs(Math.sqrt(lx * lx + ly * ly) - r);
                if (Math.abs(z - top) < side || Math.abs(z - base) < side) {
                    nx = 0;
                    ny = 0;
                    nz = Math.abs(z - top) < Math.abs(z - base) ? 1 : -1;
                } else {
                    nx = lx;
                    ny = ly;
                    nz = 0;
                }
            }
            default -> {
                double inv = p[o + 5];
                nx = x - p[o];
                ny = y - p[o + 1];
                nz = (z - p[o + 2]) * inv * inv;
            }
        }
        double n = Math.sqrt(nx * nx + ny * ny + nz * nz);
        hit.normalX = nx / n;
        hit.normalY = ny / n;
        hit.normalZ = nz / n;
    }
}
