package org.hilbridge.hil.config;

/** Numbers in messages as a person writes them: 50, not 50.0. */
public final class NumberText {
    private NumberText() {
    }

    public static String of(double v) {
        return v == StrictMath.rint(v) && StrictMath.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
