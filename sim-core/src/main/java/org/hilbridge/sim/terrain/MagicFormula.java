package org.hilbridge.sim.terrain;

import org.hilbridge.sim.math.StrictTrig;

/**
 * Pacejka's Magic Formula, Pacejka, "Tire and Vehicle Dynamics", 3rd ed. (2012), eq. 4.49:
 * y(x) = D sin(C atan(B x - E (B x - atan(B x)))). StrictMath throughout so results are bit-identical (sin and tan
 * through StrictTrig: the same bits, without allocating).
 */
public final class MagicFormula {
    private MagicFormula() {
    }

    public static double value(double x, double b, double c, double d, double e) {
        double bx = b * x;
        return d * StrictTrig.sin(c * StrictMath.atan(bx - e * (bx - StrictMath.atan(bx))));
    }

    /**
     * The product B*x at which the curve peaks (for C > 1): the root of B x - E (B x - atan(B x)) =
     * tan(pi / (2 C)), which depends on C and E only. Found by bisection; the left side increases with
     * B x for E <= 1.
     */
    public static double peakArgument(double c, double e) {
        if (!(c > 1)) {
            throw new IllegalArgumentException("Magic Formula shape factor C = " + c + " has no peak: it must be > 1");
        }
        double target = StrictTrig.tan(StrictMath.PI / (2 * c));
        double lo = 0;
        double hi = 1;
        while (argument(hi, e) < target) {
            hi *= 2;
            if (hi > 1e9) {
                throw new IllegalArgumentException("Magic Formula with C = " + c + ", E = " + e + " has no peak");
            }
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (argument(mid, e) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double argument(double bx, double e) {
        return bx - e * (bx - StrictMath.atan(bx));
    }
}
