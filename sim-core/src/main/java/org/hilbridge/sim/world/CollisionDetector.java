package org.hilbridge.sim.world;

import java.util.List;
import org.hilbridge.sim.math.StrictTrig;

/**
 * Finds which obstacle a vehicle's footprint touches. Both shapes are upright prisms standing on the same
 * ground, so the test is the 2D one in the horizontal plane: the separating axis theorem for two oriented
 * rectangles (Gottschalk, Lin, Manocha, "OBBTree", SIGGRAPH 1996, in 2D), and closest point on a rectangle
 * against a circle for cylinders. Obstacles are checked in world order; no allocation.
 */
public final class CollisionDetector {
    private final List<Obstacle> obstacles;

    public CollisionDetector(List<Obstacle> obstacles) {
        this.obstacles = List.copyOf(obstacles);
    }

    /** The first obstacle the footprint overlaps, or null if none. */
    public Obstacle firstHit(Footprint f) {
        for (int k = 0; k < obstacles.size(); k++) {
            Obstacle o = obstacles.get(k);
            if (o instanceof BoxObstacle b ? overlaps(f, b) : overlaps(f, (CylinderObstacle) o)) {
                return o;
            }
        }
        return null;
    }

    static boolean overlaps(Footprint f, CylinderObstacle c) {
        double cos = StrictTrig.cos(f.yawRad);
        double sin = StrictTrig.sin(f.yawRad);
        double dx = c.centerXM() - f.centerXM;
        double dy = c.centerYM() - f.centerYM;
        // Circle centre in the footprint's frame, then the nearest point of the rectangle to it.
        double lx = cos * dx + sin * dy;
        double ly = -sin * dx + cos * dy;
        double nx = StrictMath.max(-f.halfLengthM, StrictMath.min(f.halfLengthM, lx));
        double ny = StrictMath.max(-f.halfWidthM, StrictMath.min(f.halfWidthM, ly));
        double ex = lx - nx;
        double ey = ly - ny;
        return ex * ex + ey * ey <= c.radiusM() * c.radiusM();
    }

    static boolean overlaps(Footprint f, BoxObstacle b) {
        double ca = StrictTrig.cos(f.yawRad);
        double sa = StrictTrig.sin(f.yawRad);
        double cb = StrictTrig.cos(b.yawRad());
        double sb = StrictTrig.sin(b.yawRad());
        double dx = b.centerXM() - f.centerXM;
        double dy = b.centerYM() - f.centerYM;
        // Four candidate separating axes: the two edge normals of each rectangle.
        return !separated(ca, sa, dx, dy, f, b, ca, sa, cb, sb)
                && !separated(-sa, ca, dx, dy, f, b, ca, sa, cb, sb)
                && !separated(cb, sb, dx, dy, f, b, ca, sa, cb, sb)
                && !separated(-sb, cb, dx, dy, f, b, ca, sa, cb, sb);
    }

    private static boolean separated(double ax, double ay, double dx, double dy, Footprint f, BoxObstacle b,
                                     double ca, double sa, double cb, double sb) {
        double distance = StrictMath.abs(ax * dx + ay * dy);
        double radiusA = f.halfLengthM * StrictMath.abs(ax * ca + ay * sa) + f.halfWidthM * StrictMath.abs(-ax * sa + ay * ca);
        double radiusB = b.halfLengthM() * StrictMath.abs(ax * cb + ay * sb) + b.halfWidthM() * StrictMath.abs(-ax * sb + ay * cb);
        return distance > radiusA + radiusB;
    }
}
