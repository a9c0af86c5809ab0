package org.hilbridge.hil.regress;

import java.util.List;
import org.hilbridge.hil.control.RoutePath;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.CylinderObstacle;
import org.hilbridge.sim.world.Obstacle;

/**
 * What the runner does not measure itself, from a run's trajectory (the CG every 0.1 s of sim time): the
 * largest cross-track error to the route and the smallest clearance from obstacles.
 */
final class RunMeasurements {
    private RunMeasurements() {
    }

    /** The largest distance of a trajectory point from the route (or the start-goal line), m; NaN without either. */
    static double maxCrossTrackErrorM(Scenario s, double[] xy) {
        if (s.route().size() < 2 && s.goal() == null) {
            return Double.NaN;
        }
        RoutePath route = RoutePath.of(s);
        double worst = 0;
        for (int i = 0; i + 1 < xy.length; i += 2) {
            worst = Math.max(worst, route.distanceM(xy[i], xy[i + 1]));
        }
        return worst;
    }

    /**
     * The smallest distance from a trajectory point (the CG) to an obstacle's edge, m (0 inside one); +inf
     * without obstacles. The CG, not the body: subtract half the vehicle's width for the body's clearance.
     */
    static double minObstacleClearanceM(List<Obstacle> obstacles, double[] xy) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < xy.length; i += 2) {
            for (Obstacle o : obstacles) {
                best = Math.min(best, clearanceM(o, xy[i], xy[i + 1]));
            }
        }
        return best;
    }

    /** Distance from a point to a cylinder's circle or a box's rectangle (in the box's own frame), m. */
    static double clearanceM(Obstacle o, double xM, double yM) {
        if (o instanceof CylinderObstacle c) {
            return Math.max(0, Math.hypot(xM - c.centerXM(), yM - c.centerYM()) - c.radiusM());
        }
        BoxObstacle b = (BoxObstacle) o;
        double dx = xM - b.centerXM();
        double dy = yM - b.centerYM();
        double cos = Math.cos(b.yawRad());
        double sin = Math.sin(b.yawRad());
        // Rotate into the box frame (by -yaw); outside distance to an axis-aligned rectangle.
        double lx = Math.abs(cos * dx + sin * dy) - b.halfLengthM();
        double ly = Math.abs(-sin * dx + cos * dy) - b.halfWidthM();
        return Math.hypot(Math.max(lx, 0), Math.max(ly, 0));
    }
}
