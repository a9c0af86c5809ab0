package org.hilbridge.sim.math;

/**
 * sin, cos and tan with StrictMath's results bit for bit, allocating nothing on any JDK.
 *
 * <p>Why: StrictMath must return fdlibm 5.3's results (its javadoc), and so it does everywhere, but how differs.
 * JDK 17 calls fdlibm's C code (a native method: nothing on the Java heap). From JDK 21 on, StrictMath.sin, cos and
 * tan are a Java port (java.lang.FdLibm) that opens with {@code new double[2]} for the reduced argument and hands it
 * to the argument reduction, a method too large for C2 to inline: escape analysis cannot remove the array, and once
 * an argument beyond pi/4 has been seen each call allocates 32 bytes. Measured on Temurin 25.0.3 with ThreadMXBean's
 * allocated bytes: 32 bytes a call for every argument, and a GNSS reading (six sin and six cos in the Bowring
 * iteration) 384 bytes, for ever. The simulation step and the sensor readings must not allocate, so they call this.
 *
 * <p>How: the same algorithm as fdlibm 5.3 (s_sin.c, s_cos.c, s_tan.c, k_sin.c, k_cos.c, k_tan.c and
 * e_rem_pio2.c, Sun Microsystems 1993; the constants are fdlibm's), the same operations in the same order, so the
 * roundings are the same; the reduced argument (two doubles) and the quadrant stay in local variables of one
 * method, which then calls the kernel. Java's double arithmetic is IEEE 754 binary64 with round-to-nearest on every
 * JDK since 17 (JEP 306), as fdlibm assumes. StrictTrigTest compares it with StrictMath bit for bit over millions of
 * arguments on the JDK that runs it; CI runs JDK 17 (the C code), the JDK 25 run the Java port.
 *
 * <p>fdlibm's notice, which its terms ask to keep with code derived from it: "Copyright (C) 1993 by Sun Microsystems,
 * Inc. All rights reserved. Developed at SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify,
 * and distribute this software is freely granted, provided that this notice is preserved."
 *
 * <p>Arguments beyond 2^19 pi/2 (about 823,550) need fdlibm's multi-precision reduction (k_rem_pio2.c, which works on
 * arrays); those, and infinities and NaN, go to StrictMath itself and may allocate. No angle in the simulation comes
 * near: headings and wheel angles are radians of a vehicle that would have to turn 131,000 times.
 */
public final class StrictTrig {
    private static final int SIN = 0;
    private static final int COS = 1;
    private static final int TAN = 2;

    /** High word of |x| at and below which no reduction is needed (|x| about pi/4, fdlibm's 0x3fe921fb). */
    private static final int PI_OVER_4_HIGH = 0x3fe9_21fb;
    /** High word of 3 pi/4: below it the quadrant is +-1 and one subtraction reduces (e_rem_pio2.c). */
    private static final int THREE_PI_OVER_4_HIGH = 0x4002_d97c;
    /** High word of pi/2 itself, where the first subtraction cancels too many bits. */
    private static final int PI_OVER_2_HIGH = 0x3ff9_21fb;
    /** High word of 2^19 pi/2: the end of the medium-size reduction. */
    private static final int MEDIUM_END_HIGH = 0x4139_21fb;

    /** 53 bits of 2/pi. */
    private static final double INV_PIO2 = 0x1.45f306dc9c883p-1;
    /** pi/2 in three 33-bit pieces, each with the rest of pi/2 after it as a tail (e_rem_pio2.c). */
    private static final double PIO2_1 = 0x1.921fb544p0;
    private static final double PIO2_1T = 0x1.0b4611a626331p-34;
    private static final double PIO2_2 = 0x1.0b4611a6p-34;
    private static final double PIO2_2T = 0x1.3198a2e037073p-69;
    private static final double PIO2_3 = 0x1.3198a2ep-69;
    private static final double PIO2_3T = 0x1.b839a252049c1p-104;

    /** Polynomial of k_sin.c on [-pi/4, pi/4]. */
    private static final double S1 = -0x1.5555555555549p-3;
    private static final double S2 = 0x1.111111110f8a6p-7;
    private static final double S3 = -0x1.a01a019c161d5p-13;
    private static final double S4 = 0x1.71de357b1fe7dp-19;
    private static final double S5 = -0x1.ae5e68a2b9cebp-26;
    private static final double S6 = 0x1.5d93a5acfd57cp-33;

    /** Polynomial of k_cos.c on [-pi/4, pi/4]. */
    private static final double C1 = 0x1.555555555554cp-5;
    private static final double C2 = -0x1.6c16c16c15177p-10;
    private static final double C3 = 0x1.a01a019cb159p-16;
    private static final double C4 = -0x1.27e4f809c52adp-22;
    private static final double C5 = 0x1.1ee9ebdb4b1c4p-29;
    private static final double C6 = -0x1.8fae9be8838d4p-37;

    /** Polynomial of k_tan.c on [0, 0.67434], T0..T12 (fdlibm's T[0..12]), and pi/4 as head and tail. */
    private static final double T0 = 0x1.5555555555563p-2;
    private static final double T1 = 0x1.111111110fe7ap-3;
    private static final double T2 = 0x1.ba1ba1bb341fep-5;
    private static final double T3 = 0x1.664f48406d637p-6;
    private static final double T4 = 0x1.226e3e96e8493p-7;
    private static final double T5 = 0x1.d6d22c9560328p-9;
    private static final double T6 = 0x1.7dbc8fee08315p-10;
    private static final double T7 = 0x1.344d8f2f26501p-11;
    private static final double T8 = 0x1.026f71a8d1068p-12;
    private static final double T9 = 0x1.47e88a03792a6p-14;
    private static final double T10 = 0x1.2b80f32f0a7e9p-14;
    private static final double T11 = -0x1.375cbdb605373p-16;
    private static final double T12 = 0x1.b2a7074bf7ad4p-16;
    private static final double PIO4 = 0x1.921fb54442d18p-1;
    private static final double PIO4_LO = 0x1.1a62633145c07p-55;

    private StrictTrig() {
    }

    /** StrictMath.sin(x), bit for bit. */
    public static double sin(double x) {
        return evaluate(x, SIN);
    }

    /** StrictMath.cos(x), bit for bit. */
    public static double cos(double x) {
        return evaluate(x, COS);
    }

    /** StrictMath.tan(x), bit for bit. */
    public static double tan(double x) {
        return evaluate(x, TAN);
    }

    /**
     * Reduces x to y0 + y1 = x - n pi/2 with |y0 + y1| <= pi/4 (e_rem_pio2.c up to 2^19 pi/2), then evaluates the
     * kernel of the function's quadrant: with S, C, T the kernels, quadrant n mod 4 = 0, 1, 2, 3 gives sin = S, C, -S,
     * -C; cos = C, -S, -C, S; tan = T, -1/T, T, -1/T (s_sin.c, s_cos.c, s_tan.c).
     */
    private static double evaluate(double x, int function) {
        int hx = high(x);
        int ix = hx & 0x7fff_ffff;
        if (ix <= PI_OVER_4_HIGH) {
            // No reduction: fdlibm calls the kernels with a zero tail and, for sin, the "tail is zero" flag.
            switch (function) {
                case SIN:
                    return kernelSin(x, 0, false);
                case COS:
                    return kernelCos(x, 0);
                default:
                    return kernelTan(x, 0, 1);
            }
        }
        if (ix > MEDIUM_END_HIGH) {
            // Infinity, NaN, or beyond the medium range (see the class comment).
            switch (function) {
                case SIN:
                    return StrictMath.sin(x);
                case COS:
                    return StrictMath.cos(x);
                default:
                    return StrictMath.tan(x);
            }
        }
        int n;
        double y0;
        double y1;
        if (ix < THREE_PI_OVER_4_HIGH) {
            // |x| < 3 pi/4: n = +-1, 33 + 53 bits of pi/2 are enough except next to pi/2 itself.
            if (hx > 0) {
                double z = x - PIO2_1;
                if (ix != PI_OVER_2_HIGH) {
                    y0 = z - PIO2_1T;
                    y1 = (z - y0) - PIO2_1T;
                } else {
                    z -= PIO2_2;
                    y0 = z - PIO2_2T;
                    y1 = (z - y0) - PIO2_2T;
                }
                n = 1;
            } else {
                double z = x + PIO2_1;
                if (ix != PI_OVER_2_HIGH) {
                    y0 = z + PIO2_1T;
                    y1 = (z - y0) + PIO2_1T;
                } else {
                    z += PIO2_2;
                    y0 = z + PIO2_2T;
                    y1 = (z - y0) + PIO2_2T;
                }
                n = -1;
            }
        } else {
            // Medium size: n = round(|x| 2/pi); subtract n pi/2 as a 33-bit piece and its tail. Where |x| shares its
            // high word with n pi/2 (or n >= 32) the result may have cancelled: if its exponent fell by more than 16
            // (then 49), subtract with the second (then third) 33-bit piece of pi/2 as well.
            double t = Math.abs(x);
            n = (int) (t * INV_PIO2 + 0.5);
            double fn = n;
            double r = t - fn * PIO2_1;
            double w = fn * PIO2_1T;
            y0 = r - w;
            if (n >= 32 || ix == multipleOfPiOver2High(n)) {
                int j = ix >> 20;
                if (j - ((high(y0) >> 20) & 0x7ff) > 16) {
                    t = r;
                    w = fn * PIO2_2;
                    r = t - w;
                    w = fn * PIO2_2T - ((t - r) - w);
                    y0 = r - w;
                    if (j - ((high(y0) >> 20) & 0x7ff) > 49) {
                        t = r;
                        w = fn * PIO2_3;
                        r = t - w;
                        w = fn * PIO2_3T - ((t - r) - w);
                        y0 = r - w;
                    }
                }
            }
            y1 = (r - y0) - w;
            if (hx < 0) {
                y0 = -y0;
                y1 = -y1;
                n = -n;
            }
        }
        switch (function) {
            case SIN:
                switch (n & 3) {
                    case 0:
                        return kernelSin(y0, y1, true);
                    case 1:
                        return kernelCos(y0, y1);
                    case 2:
                        return -kernelSin(y0, y1, true);
                    default:
                        return -kernelCos(y0, y1);
                }
            case COS:
                switch (n & 3) {
                    case 0:
                        return kernelCos(y0, y1);
                    case 1:
                        return -kernelSin(y0, y1, true);
                    case 2:
                        return -kernelCos(y0, y1);
                    default:
                        return kernelSin(y0, y1, true);
                }
            default:
                return kernelTan(y0, y1, 1 - ((n & 1) << 1));
        }
    }

    /**
     * High word of n pi/2 for n = 1..31 (fdlibm's npio2_hw): where |x| has it, the first subtraction may cancel, and
     * the exponent check decides whether to subtract more of pi/2.
     */
    private static int multipleOfPiOver2High(int n) {
        return NPIO2_HIGH[n - 1];
    }

    private static final int[] NPIO2_HIGH = {
        0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C,
        0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C,
        0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
        0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
        0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
        0x404858EB, 0x404921FB,
    };

    /**
     * sin(x + y) for |x + y| <= pi/4, y the tail of x (k_sin.c): sin(x) ~ x + S1 x^3 + ... + S6 x^13, and with a tail
     * sin(x + y) ~ x + (S1 x^3 + (x^2 (r - y/2) + y)), r = x^3 (S2 + x^2 (S3 + ...)). fdlibm keeps the tail-free form
     * for an unreduced x, so a reduced x with y = 0 still takes the second formula ({@code hasTail}).
     */
    private static double kernelSin(double x, double y, boolean hasTail) {
        int ix = high(x) & 0x7fff_ffff;
        if (ix < 0x3e40_0000 && (int) x == 0) { // |x| < 2^-27: sin x = x to double precision
            return x;
        }
        double z = x * x;
        double v = z * x;
        double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        if (!hasTail) {
            return x + v * (S1 + z * r);
        }
        return x - ((z * (0.5 * y - v * r) - y) - v * S1);
    }

    /**
     * cos(x + y) for |x + y| <= pi/4 (k_cos.c): 1 - x^2/2 + r - x y with r = C1 x^4 + ... + C6 x^14; beyond |x| = 0.3
     * an exact qx (|x|/4 with the low word cleared, or 0.28125 beyond 0.78125) is taken out of both terms,
     * (1 - qx) - ((x^2/2 - qx) - (r - x y)), so the subtraction loses less.
     */
    private static double kernelCos(double x, double y) {
        int ix = high(x) & 0x7fff_ffff;
        if (ix < 0x3e40_0000 && (int) x == 0) { // |x| < 2^-27
            return 1.0;
        }
        double z = x * x;
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        if (ix < 0x3fd3_3333) { // |x| < 0.3
            return 1.0 - (0.5 * z - (z * r - x * y));
        }
        double qx = ix > 0x3fe9_0000 ? 0.28125 : Double.longBitsToDouble((long) (ix - 0x0020_0000) << 32);
        double hz = 0.5 * z - qx;
        double a = 1.0 - qx;
        return a - (hz - (z * r - x * y));
    }

    /**
     * tan(x + y) ({@code k = 1}) or -1/tan(x + y) ({@code k = -1}) for |x + y| <= pi/4 (k_tan.c): an odd polynomial
     * x + T0 x^3 + ... + T12 x^27 on [0, 0.67434], split into even and odd powers of x^4; beyond 0.67434 through
     * tan(pi/4 - y') = 1 - 2 (tan y' - tan^2 y' / (1 + tan y')); -1/tan computed with a split divisor for accuracy.
     */
    private static double kernelTan(double x, double y, int k) {
        int hx = high(x);
        int ix = hx & 0x7fff_ffff;
        if (ix < 0x3e30_0000 && (int) x == 0) { // |x| < 2^-28
            if (((ix | low(x)) | (k + 1)) == 0) {
                return 1.0 / Math.abs(x);
            }
            if (k == 1) {
                return x;
            }
            double w = x + y;
            double z = withLowZero(w);
            double v = y - (z - x);
            double a = -1.0 / w;
            double t = withLowZero(a);
            double s = 1.0 + t * z;
            return t + a * (s + t * v);
        }
        boolean large = ix >= 0x3fe5_9428; // |x| >= 0.6744
        if (large) {
            if (hx < 0) {
                x = -x;
                y = -y;
            }
            double z = PIO4 - x;
            double w = PIO4_LO - y;
            x = z + w;
            y = 0.0;
        }
        double z = x * x;
        double w = z * z;
        double r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
        double v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
        double s = z * x;
        r = y + z * (s * (r + v) + y);
        r += T0 * s;
        w = x + r;
        if (large) {
            v = k;
            return (1 - ((hx >> 30) & 2)) * (v - 2.0 * (x - (w * w / (w + v) - r)));
        }
        if (k == 1) {
            return w;
        }
        double zz = withLowZero(w);
        v = r - (zz - x);
        double a = -1.0 / w;
        double t = withLowZero(a);
        s = 1.0 + t * zz;
        return t + a * (s + t * v);
    }

    private static int high(double x) {
        return (int) (Double.doubleToRawLongBits(x) >> 32);
    }

    private static int low(double x) {
        return (int) Double.doubleToRawLongBits(x);
    }

    private static double withLowZero(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0xFFFF_FFFF_0000_0000L);
    }
}
