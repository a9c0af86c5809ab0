package org.hilbridge.hil.control;

import org.hilbridge.hil.scenario.Scenario;

/**
 * A route as a polyline of waypoints (open, or closed into a loop), tracked with a progress pointer that
 * only moves forward, so a look-ahead point never jumps back to an earlier pass. No allocation per call.
 */
public final class RoutePath {
    private final double[] xs;
    private final double[] ys;
    private final boolean closed;
    private int segment;

    /** @param xy x0, y0, x1, y1, ... (at least two points) */
    public RoutePath(double[] xy, boolean closed) {
        if (xy.length < 4 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("a route needs at least two waypoints, got " + xy.length / 2);
        }
        int n = xy.length / 2;
        xs = new double[n];
        ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
        }
        this.closed = closed;
    }

    /**
     * The scenario's route (or, without one, the straight line from the start to the goal). A route whose last
     * waypoint repeats its first is a closed loop.
     */
    public static RoutePath of(Scenario s) {
        double[] xy;
        if (s.route().size() >= 2) {
            xy = s.routeXyM();
        } else if (s.goal() != null) {
            xy = new double[] {s.initial().xM(), s.initial().yM(), s.goal().xM(), s.goal().yM()};
        } else {
            throw new IllegalArgumentException("scenario " + s.name() + " has neither a route (two or more waypoints) nor a goal to follow");
        }
        int n = xy.length / 2;
        boolean loop = n > 2 && xy[0] == xy[2 * n - 2] && xy[1] == xy[2 * n - 1];
        return new RoutePath(loop ? java.util.Arrays.copyOf(xy, xy.length - 2) : xy, loop);
    }

    /**
     * The shortest distance from (xM, yM) to the route (any segment, wherever the vehicle is along it), m:
     * the cross-track error the regression criteria bound. Stateless: the progress pointer does not move.
     */
    public double distanceM(double xM, double yM) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < segments(); i++) {
            int j = next(i);
            double dx = xs[j] - xs[i];
            double dy = ys[j] - ys[i];
            double len2 = dx * dx + dy * dy;
            // Projection of the point on the segment, clamped to its ends.
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((xM - xs[i]) * dx + (yM - ys[i]) * dy) / len2));
            best = Math.min(best, Math.hypot(xM - (xs[i] + t * dx), yM - (ys[i] + t * dy)));
        }
        return best;
    }

    private int segments() {
        return closed ? xs.length : xs.length - 1;
    }

    private int next(int i) {
        return (i + 1) % xs.length;
    }

    /**
     * Writes to {@code out[0..1]} the point {@code lookaheadM} along the route beyond the vehicle's
     * projection on its current segment (advancing the segment as the vehicle passes its end). On an open
     * route the point stops at the last waypoint. Returns the distance left to the end (infinite if closed).
     */
    public double lookahead(double xM, double yM, double lookaheadM, double[] out) {
        // Advance while the projection lies beyond the current segment's end.
        for (int guard = 0; guard < xs.length; guard++) {
            if (projection(segment, xM, yM) < 1 || (!closed && segment == segments() - 1)) {
                break;
            }
            segment = closed ? next(segment) : segment + 1;
        }
        double t = Math.max(0, Math.min(1, projection(segment, xM, yM)));
        int a = segment;
        int b = next(a);
        double left = lookaheadM + t * length(a) ;
        double remainingToEnd = 0;
        int s = a;
        while (true) {
            double len = length(s);
            if (left <= len || (!closed && s == segments() - 1)) {
                double f = len > 0 ? Math.min(1, left / len) : 1;
                int e = next(s);
                out[0] = xs[s] + f * (xs[e] - xs[s]);
                out[1] = ys[s] + f * (ys[e] - ys[s]);
                break;
            }
            left -= len;
            s = closed ? next(s) : s + 1;
            if (s == a) {
                out[0] = xs[b];
                out[1] = ys[b];
                break;
            }
        }
        if (closed) {
            return Double.POSITIVE_INFINITY;
        }
        remainingToEnd = (1 - t) * length(a);
        for (int k = a + 1; k < segments(); k++) {
            remainingToEnd += length(k);
        }
        return remainingToEnd;
    }

    private double length(int s) {
        int e = next(s);
        return Math.hypot(xs[e] - xs[s], ys[e] - ys[s]);
    }

    /** Position of (x, y) projected on segment s, as a fraction of its length (unclamped). */
    private double projection(int s, double x, double y) {
        int e = next(s);
        double dx = xs[e] - xs[s];
        double dy = ys[e] - ys[s];
        double len2 = dx * dx + dy * dy;
        return len2 == 0 ? 1 : ((x - xs[s]) * dx + (y - ys[s]) * dy) / len2;
    }
}
