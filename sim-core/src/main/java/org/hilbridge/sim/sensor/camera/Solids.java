package org.hilbridge.sim.sensor.camera;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.scene.Appearance;
import org.hilbridge.sim.scene.Primitive;

/**
 * The scene's primitives flattened into arrays for the renderer, with exact ray intersection for each kind
 * and an index of which primitives can shade a point from the sun. Immutable after construction; every
 * method is safe to call from any number of render threads.
 *
 * <p>Intersections are the textbook ones (Shirley and Marschner, "Fundamentals of Computer Graphics", 4th
 * ed., 4.4: quadric by the quadratic formula, box by slabs after Kay and Kajiya, SIGGRAPH 1986): a squashed
 * sphere is a unit-scaled sphere after dividing z by its vertical scale; a cylinder is its side quadric in the
 * horizontal plane clipped to its height, plus its two caps; a box is three slabs in its own yawed frame.
 * A ray starting inside a solid sees the solid's inner side at the exit point.
 */
final class Solids {
    static final int BOX = 0;
    static final int CYLINDER = 1;
    static final int SPHERE = 2;
    /** Faces a hit can report: a box's (axis * 2 + (positive side ? 1 : 0)), a cylinder's, a sphere's. */
    static final int CYLINDER_SIDE = 0;
    static final int CYLINDER_TOP = 1;
    static final int CYLINDER_BOTTOM = 2;
    static final int FACES = 8;

    final int count;
    final int[] kind;
    /** Box and cylinder: centre of the base; sphere: centre. */
    final double[] x;
    final double[] y;
    final double[] z;
    final double[] cosYaw;
    final double[] sinYaw;
    /** Box: half length (along its yawed x); cylinder and sphere: radius. */
    final double[] a;
    /** Box: half width. */
    final double[] b;
    /** Box and cylinder: height; sphere: vertical scale. */
    final double[] c;
    final double[][] bounds;
    final byte[] classId;
    final float[] red;
    final float[] green;
    final float[] blue;
    final float[] textureAmplitude;

    // The sun index: a uniform grid listing, per cell, the solids whose shadow can fall on a point in it.
    private final double sunCellM;
    private final double sunInverseCellM;
    private final double sunMinX;
    private final double sunMinY;
    private final int sunColumns;
    private final int sunRows;
    private final int[][] sunCells;
    private static final int[] NONE = new int[0];

    /**
     * Flattens {@code primitives} and indexes them for shadow rays towards the sun, whose direction in the world
     * is the unit vector (sunX, sunY, sunZ); sunZ &lt;= 0 means no direct sunlight and no index.
     *
     * @param ground bounds the height of the points that can receive a shadow: the visible ones lie on or above
     *               the ground
     */
    Solids(List<Primitive> primitives, double sunX, double sunY, double sunZ, TerrainShading ground) {
        count = primitives.size();
        kind = new int[count];
        x = new double[count];
        y = new double[count];
        z = new double[count];
        cosYaw = new double[count];
        sinYaw = new double[count];
        a = new double[count];
        b = new double[count];
        c = new double[count];
        bounds = new double[count][];
        classId = new byte[count];
        red = new float[count];
        green = new float[count];
        blue = new float[count];
        textureAmplitude = new float[count];
        for (int k = 0; k < count; k++) {
            Primitive p = primitives.get(k);
            if (p instanceof Primitive.Box box) {
                kind[k] = BOX;
                x[k] = box.centerXM();
                y[k] = box.centerYM();
                z[k] = box.baseZM();
                cosYaw[k] = StrictTrig.cos(box.yawRad());
                sinYaw[k] = StrictTrig.sin(box.yawRad());
                a[k] = box.halfLengthM();
                b[k] = box.halfWidthM();
                c[k] = box.heightM();
            } else if (p instanceof Primitive.Cylinder cyl) {
                kind[k] = CYLINDER;
                x[k] = cyl.centerXM();
                y[k] = cyl.centerYM();
                z[k] = cyl.baseZM();
                cosYaw[k] = 1;
                a[k] = cyl.radiusM();
                c[k] = cyl.heightM();
            } else {
                Primitive.Sphere s = (Primitive.Sphere) p;
                kind[k] = SPHERE;
                x[k] = s.centerXM();
                y[k] = s.centerYM();
                z[k] = s.centerZM();
                cosYaw[k] = 1;
                a[k] = s.radiusM();
                c[k] = s.verticalScale();
            }
            bounds[k] = p.bounds();
            classId[k] = (byte) p.semanticClass().id();
            Appearance look = p.appearance();
            red[k] = look.red();
            green[k] = look.green();
            blue[k] = look.blue();
            textureAmplitude[k] = look.textureAmplitude();
        }

        // Sun index. A visible point P is shaded by solid k only if P + t s lies in k's bounds for some t >= 0,
        // and P lies on or above the ground. So P lies in k's bounds swept away from the sun, horizontally by up
        // to (maxZ - zLow) / tan(elevation), where zLow is at most the lowest ground in the swept region itself:
        // found by growing the region until the ground in it is no lower than assumed.
        if (!(sunZ > 0) || count == 0) {
            sunCellM = 1;
            sunInverseCellM = 1;
            sunMinX = 0;
            sunMinY = 0;
            sunColumns = 1;
            sunRows = 1;
            sunCells = new int[][] {NONE};
            return;
        }
        double[][] swept = new double[count][];
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (int k = 0; k < count; k++) {
            double[] bd = bounds[k];
            double zLow = Math.min(bd[2], ground.lowestIn(bd[0], bd[1], bd[3], bd[4]));
            double[] s;
            while (true) {
                double reach = Math.max(0, bd[5] - zLow) / sunZ;
                double dx = -sunX * reach;
                double dy = -sunY * reach;
                s = new double[] {Math.min(bd[0], bd[0] + dx), Math.min(bd[1], bd[1] + dy), Math.max(bd[3], bd[3] + dx), Math.max(bd[4], bd[4] + dy)};
                double lower = ground.lowestIn(s[0], s[1], s[2], s[3]);
                if (lower >= zLow) {
                    break;
                }
                zLow = lower;
            }
            swept[k] = s;
            x0 = Math.min(x0, s[0]);
            y0 = Math.min(y0, s[1]);
            x1 = Math.max(x1, s[2]);
            y1 = Math.max(y1, s[3]);
        }
        // Cells of about 2 m, but not more than about 4 million of them.
        double cell = Math.max(2, Math.sqrt((x1 - x0) * (y1 - y0) / 4e6));
        sunCellM = cell;
        sunInverseCellM = 1 / cell;
        sunMinX = x0;
        sunMinY = y0;
        sunColumns = (int) Math.floor((x1 - x0) / cell) + 1;
        sunRows = (int) Math.floor((y1 - y0) / cell) + 1;
        List<List<Integer>> lists = new ArrayList<>(sunColumns * sunRows);
        for (int i = 0; i < sunColumns * sunRows; i++) {
            lists.add(null);
        }
        // Horizontally the shadow lies within r of the segment from the solid's centre along the anti-sun
        // direction u for the sweep's length (r: the bounds' half-diagonal); a cell enters a solid's list only
        // if its centre is within r plus half the cell's diagonal of that segment, which keeps a diagonal
        // sun from filling the whole bounding square of the sweep.
        double horizontalSun = Math.sqrt(sunX * sunX + sunY * sunY);
        double ux = horizontalSun > 1e-9 ? -sunX / horizontalSun : 0;
        double uy = horizontalSun > 1e-9 ? -sunY / horizontalSun : 0;
        double halfDiagonal = cell * Math.sqrt(0.5);
        for (int k = 0; k < count; k++) {
            double[] s = swept[k];
            double[] bd = bounds[k];
            double cx = 0.5 * (bd[0] + bd[3]);
            double cy = 0.5 * (bd[1] + bd[4]);
            double margin = 0.5 * Math.sqrt((bd[3] - bd[0]) * (bd[3] - bd[0]) + (bd[4] - bd[1]) * (bd[4] - bd[1])) + halfDiagonal;
            double length = Math.sqrt((s[2] - s[0] - (bd[3] - bd[0])) * (s[2] - s[0] - (bd[3] - bd[0]))
                    + (s[3] - s[1] - (bd[4] - bd[1])) * (s[3] - s[1] - (bd[4] - bd[1])));
            int i0 = sunColumn(s[0]);
            int i1 = sunColumn(s[2]);
            int j0 = sunRow(s[1]);
            int j1 = sunRow(s[3]);
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    double vx = sunMinX + (i + 0.5) * cell - cx;
                    double vy = sunMinY + (j + 0.5) * cell - cy;
                    double along = vx * ux + vy * uy;
                    double across = Math.abs(vx * uy - vy * ux);
                    if (across > margin || along < -margin || along > length + margin) {
                        continue;
                    }
                    List<Integer> l = lists.get(j * sunColumns + i);
                    if (l == null) {
                        l = new ArrayList<>(2);
                        lists.set(j * sunColumns + i, l);
                    }
                    l.add(k);
                }
            }
        }
        sunCells = new int[sunColumns * sunRows][];
        for (int i = 0; i < sunCells.length; i++) {
            List<Integer> l = lists.get(i);
            sunCells[i] = l == null ? NONE : l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    // Truncation, not Math.floor (per pixel near solids): they differ only on negative non-integers, which the
    // clamp to 0 maps alike, and on NaN both give 0, so the cell is the same for every input.
    private int sunColumn(double xM) {
        return Math.max(0, Math.min(sunColumns - 1, (int) ((xM - sunMinX) / sunCellM)));
    }

    private int sunRow(double yM) {
        return Math.max(0, Math.min(sunRows - 1, (int) ((yM - sunMinY) / sunCellM)));
    }

    /**
     * Whether some solid may shade a point of the rectangle [x0, x1] x [y0, y1] from the sun: false only if
     * {@link #sunCandidates} is empty at every point of it.
     */
    boolean mayShade(double x0, double y0, double x1, double y1) {
        double gx0 = (x0 - sunMinX) * sunInverseCellM;
        double gy0 = (y0 - sunMinY) * sunInverseCellM;
        double gx1 = (x1 - sunMinX) * sunInverseCellM;
        double gy1 = (y1 - sunMinY) * sunInverseCellM;
        if (gx1 < 0 || gy1 < 0 || gx0 >= sunColumns || gy0 >= sunRows) {
            return false;
        }
        int i0 = (int) Math.max(0, Math.floor(gx0));
        int j0 = (int) Math.max(0, Math.floor(gy0));
        int i1 = (int) Math.min(sunColumns - 1, Math.floor(gx1));
        int j1 = (int) Math.min(sunRows - 1, Math.floor(gy1));
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                if (sunCells[j * sunColumns + i].length != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The solids that may shade point (x, y) from the sun (do not modify). */
    int[] sunCandidates(double xM, double yM) {
        double gx = (xM - sunMinX) * sunInverseCellM;
        double gy = (yM - sunMinY) * sunInverseCellM;
        if (!(gx >= 0 && gy >= 0 && gx < sunColumns && gy < sunRows)) {
            return NONE;
        }
        return sunCells[(int) gy * sunColumns + (int) gx];
    }

    /**
     * Whether the ray o + t d, t &gt; 0, meets any of {@code candidates} other than {@code self} (-1 for none):
     * a shadow ray towards the sun.
     */
    boolean occluded(int[] candidates, int self, double ox, double oy, double oz, double dx, double dy, double dz, int[] faceScratch) {
        for (int k : candidates) {
            if (k != self && intersect(k, ox, oy, oz, dx, dy, dz, 0, faceScratch) < Double.POSITIVE_INFINITY) {
                return true;
            }
        }
        return false;
    }

    /**
     * The least t &gt;= tMin at which o + t d meets solid k's surface, or +infinity; the face hit is written to
     * face[0]. Directions need not be unit length: t is in units of |d|.
     */
    double intersect(int k, double ox, double oy, double oz, double dx, double dy, double dz, double tMin, int[] face) {
        switch (kind[k]) {
            case BOX:
                return box(k, ox, oy, oz, dx, dy, dz, tMin, face);
            case CYLINDER:
                return cylinder(k, ox, oy, oz, dx, dy, dz, tMin, face);
            default:
                return sphere(k, ox, oy, oz, dx, dy, dz, tMin, face);
        }
    }

    private double sphere(int k, double ox, double oy, double oz, double dx, double dy, double dz, double tMin, int[] face) {
        double inv = 1 / c[k];
        double px = ox - x[k];
        double py = oy - y[k];
        double pz = (oz - z[k]) * inv;
        double qz = dz * inv;
        double aa = dx * dx + dy * dy + qz * qz;
        double bb = px * dx + py * dy + pz * qz;
        double r = a[k];
        double cc = px * px + py * py + pz * pz - r * r;
        double disc = bb * bb - aa * cc;
        if (!(disc >= 0) || aa == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double root = Math.sqrt(disc);
        face[0] = 0;
        double t = (-bb - root) / aa;
        if (t >= tMin) {
            return t;
        }
        t = (-bb + root) / aa;
        return t >= tMin ? t : Double.POSITIVE_INFINITY;
    }

    private double cylinder(int k, double ox, double oy, double oz, double dx, double dy, double dz, double tMin, int[] face) {
        double px = ox - x[k];
        double py = oy - y[k];
        double pz = oz - z[k];
        double r = a[k];
        double h = c[k];
        double best = Double.POSITIVE_INFINITY;
        int bestFace = CYLINDER_SIDE;
        double aa = dx * dx + dy * dy;
        if (aa > 0) {
            double bb = px * dx + py * dy;
            double cc = px * px + py * py - r * r;
            double disc = bb * bb - aa * cc;
            if (disc >= 0) {
                double root = Math.sqrt(disc);
                double t = (-bb - root) / aa;
                double zt = pz + t * dz;
                if (t >= tMin && zt >= 0 && zt <= h) {
                    best = t;
                } else {
                    t = (-bb + root) / aa;
                    zt = pz + t * dz;
                    if (t >= tMin && zt >= 0 && zt <= h) {
                        best = t;
                    }
                }
            }
        }
        if (dz != 0) {
            double t = (h - pz) / dz;
            if (t >= tMin && t < best) {
                double qx = px + t * dx;
                double qy = py + t * dy;
                if (qx * qx + qy * qy <= r * r) {
                    best = t;
                    bestFace = CYLINDER_TOP;
                }
            }
            t = -pz / dz;
            if (t >= tMin && t < best) {
                double qx = px + t * dx;
                double qy = py + t * dy;
                if (qx * qx + qy * qy <= r * r) {
                    best = t;
                    bestFace = CYLINDER_BOTTOM;
                }
            }
        }
        face[0] = bestFace;
        return best;
    }

    private double box(int k, double ox, double oy, double oz, double dx, double dy, double dz, double tMin, int[] face) {
        double co = cosYaw[k];
        double si = sinYaw[k];
        double half = c[k] / 2;
        double px = ox - x[k];
        double py = oy - y[k];
        // Origin and direction in the box's frame, centred on the box.
        double lo0 = co * px + si * py;
        double lo1 = -si * px + co * py;
        double lo2 = oz - z[k] - half;
        double ld0 = co * dx + si * dy;
        double ld1 = -si * dx + co * dy;
        double tNear = Double.NEGATIVE_INFINITY;
        double tFar = Double.POSITIVE_INFINITY;
        int nearFace = 0;
        int farFace = 0;
        for (int axis = 0; axis < 3; axis++) {
            double o = axis == 0 ? lo0 : axis == 1 ? lo1 : lo2;
            double d = axis == 0 ? ld0 : axis == 1 ? ld1 : dz;
            double e = axis == 0 ? a[k] : axis == 1 ? b[k] : half;
            if (d == 0) {
                if (o < -e || o > e) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            double t1 = (-e - o) / d;
            double t2 = (e - o) / d;
            // Entering through the face whose outward normal opposes d; leaving through the other.
            int enter = d > 0 ? axis * 2 : axis * 2 + 1;
            int leave = d > 0 ? axis * 2 + 1 : axis * 2;
            if (t1 > t2) {
                double tmp = t1;
                t1 = t2;
                t2 = tmp;
            }
            if (t1 > tNear) {
                tNear = t1;
                nearFace = enter;
            }
            if (t2 < tFar) {
                tFar = t2;
                farFace = leave;
            }
        }
        if (tNear > tFar) {
            return Double.POSITIVE_INFINITY;
        }
        if (tNear >= tMin) {
            face[0] = nearFace;
            return tNear;
        }
        if (tFar >= tMin) {
            face[0] = farFace;
            return tFar;
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The outward unit normal of solid k at a surface point (hx, hy, hz) hit on {@code face}, in the world, into
     * out[0..2].
     */
    void normal(int k, int face, double hx, double hy, double hz, double[] out) {
        switch (kind[k]) {
            case BOX -> {
                double sign = (face & 1) == 1 ? 1 : -1;
                int axis = face >> 1;
                if (axis == 0) {
                    out[0] = sign * cosYaw[k];
                    out[1] = sign * sinYaw[k];
                    out[2] = 0;
                } else if (axis == 1) {
                    out[0] = -sign * sinYaw[k];
                    out[1] = sign * cosYaw[k];
                    out[2] = 0;
                } else {
                    out[0] = 0;
                    out[1] = 0;
                    out[2] = sign;
                }
            }
            case CYLINDER -> {
                if (face == CYLINDER_TOP || face == CYLINDER_BOTTOM) {
                    out[0] = 0;
                    out[1] = 0;
                    out[2] = face == CYLINDER_TOP ? 1 : -1;
                } else {
                    double nx = hx - x[k];
                    double ny = hy - y[k];
                    double n = Math.sqrt(nx * nx + ny * ny);
                    out[0] = n > 0 ? nx / n : 1;
                    out[1] = n > 0 ? ny / n : 0;
                    out[2] = 0;
                }
            }
            default -> {
                // Gradient of x^2 + y^2 + (z / s)^2 (Shirley and Marschner 4.4.1, scaled).
                double s = c[k];
                double nx = hx - x[k];
                double ny = hy - y[k];
                double nz = (hz - z[k]) / (s * s);
                double n = Math.sqrt(nx * nx + ny * ny + nz * nz);
                out[0] = n > 0 ? nx / n : 0;
                out[1] = n > 0 ? ny / n : 0;
                out[2] = n > 0 ? nz / n : 1;
            }
        }
    }
}
