package org.hilbridge.sim.sensor.lidar;

import java.util.List;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.scene.Primitive;

/**
 * A scene's solids copied into flat arrays (no virtual calls, no pointer chasing per test), with their
 * ray intersections in closed form: an upright box is a slab test (Kay and Kajiya, "Ray Tracing Complex
 * Scenes", SIGGRAPH 1986) in its yawed frame; an upright cylinder is the circle quadratic for its side plus
 * two disc tests for its caps; a vertically squashed sphere is the sphere quadratic after scaling z by
 * 1 / verticalScale. Quadratics are solved in the cancellation-free form t = c / (-b + sqrt(b^2 - a c)).
 * Solids are seen from outside: a ray that starts inside one passes through it.
 *
 * <p>Immutable, safe to share between threads; nothing here allocates.
 */
final class Solids {
    static final byte BOX = 0;
    static final byte CYLINDER = 1;
    static final byte SPHERE = 2;
    private static final int STRIDE = 8;
    private static final double INF = Double.POSITIVE_INFINITY;

    private final byte[] kind;
    private final double[] p;
    private final byte[] classId;
    private final float[] reflectivity;

    Solids(List<Primitive> primitives) {
        int count = primitives.size();
        kind = new byte[count];
        p = new double[count * STRIDE];
        classId = new byte[count];
        reflectivity = new float[count];
        for (int k = 0; k < count; k++) {
            Primitive prim = primitives.get(k);
            int o = k * STRIDE;
            if (prim instanceof Primitive.Box b) {
                kind[k] = BOX;
                p[o] = b.centerXM();
                p[o + 1] = b.centerYM();
                p[o + 2] = b.baseZM();
                p[o + 3] = StrictTrig.cos(b.yawRad());
                p[o + 4] = StrictTrig.sin(b.yawRad());
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
        }
    }

    int classId(int k) {
        return classId[k];
    }

    float reflectivity(int k) {
        return reflectivity[k];
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

    /** The unit outward normal of solid k at the surface point (x, y, z), into the hit. */
    void normal(int k, double x, double y, double z, RayHit hit) {
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
