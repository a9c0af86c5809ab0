package org.hilbridge.sim.math;

/**
 * x^y for x >= 0 as exp(y ln x) on StrictMath. StrictMath.pow would do, but JDK 17's pure-Java port of it
 * allocates scratch arrays on every call, and the physics step must not allocate. exp and log are fdlibm's
 * on every JDK (StrictMath's contract), so the result is still bit-identical everywhere; its relative
 * error is a few ulps times |y ln x|, far below what any soil parameter is known to.
 */
public final class StrictPow {
    private StrictPow() {
    }

    public static double pow(double x, double y) {
        if (x > 0) {
            return StrictMath.exp(y * StrictMath.log(x));
        }
        if (x == 0) {
            return y > 0 ? 0 : (y == 0 ? 1 : Double.POSITIVE_INFINITY);
        }
        throw new IllegalArgumentException("StrictPow.pow needs x >= 0, got " + x);
    }
}
