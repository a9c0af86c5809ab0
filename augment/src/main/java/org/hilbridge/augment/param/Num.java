package org.hilbridge.augment.param;

/** Numbers as a scenario file spells them: 180 rather than 180.0, inf for infinity. */
public final class Num {
    private Num() {
    }

    public static String text(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
