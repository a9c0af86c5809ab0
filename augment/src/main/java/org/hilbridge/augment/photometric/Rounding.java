package org.hilbridge.augment.photometric;

/**
 * Rounding to the nearest integer without a float-to-int conversion (whose overflow check C2 compiles to a branch
 * and which keeps a loop scalar): adding 1.5 x 2^23 to a float of magnitude below 2^22 leaves no fraction bits, so
 * the sum is rounded to an integer (to the nearest, ties to even: IEEE 754 round-to-nearest, which Java's float
 * arithmetic always uses), the integer sitting in the low mantissa bits; subtracting it again gives the rounded
 * float, and the sum's bits minus the constant's give the integer.
 */
final class Rounding {
    static final float MAGIC = 12582912f;
    static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);

    private Rounding() {
    }

    /** The nearest integer to v (ties to even) as a float; |v| &lt; 2^22. */
    static float nearest(float v) {
        return (v + MAGIC) - MAGIC;
    }

    /** The nearest integer to v (ties to even) as an int; |v| &lt; 2^22. */
    static int nearestInt(float v) {
        return Float.floatToRawIntBits(v + MAGIC) - MAGIC_BITS;
    }
}
