package org.hilbridge.augment.photometric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * The motion blur's vector loops for a row with the JDK's Vector API (module jdk.incubator.vector, an incubator in JDK
 * 17), a vector of pixels at a time ({@link LensBlur} runs them in this order):
 * <ol>
 * <li>{@link #setUp}: each pixel's flow over the exposure (du, dv), its tap count, and its 16.16 fixed-point step and
 * start (before the scaling by 2^16), as {@link LensBlur}'s plain path computes them, as floats: C2 on JDK 17 does
 * not intrinsify the Vector API's float-to-int cast (F2I runs as Java code: the pass with it took 2.3 times the plain
 * pass's time). The count (int) length + 1 without a cast: length rounded to the nearest integer by adding and
 * subtracting 2^23 (exact below 2^22: IEEE 754 rounds to nearest), minus 1 where that rounded up, plus 1; 9 where
 * length &lt; 9 fails (NaN included), as the plain path's ternary does (was a sum of eight comparisons). Every other
 * value is the same single-precision operation in the same order as the plain path's (a sum's operands swapped where
 * that is exact: IEEE 754 addition and multiplication commute), and 1 / (n - 1) is the division the plain path's table
 * holds, so each lane equals the plain path's value bit for bit ({@code LensBlurTest}). A pixel that does not move gets
 * step 0 (not 0 or more times 1 / 0: a NaN or an infinity sends its vector to the lane-by-lane cast below).
 * <li>{@link #toFixed}: the steps and starts cast to 16.16 fixed point as Java casts, without the Vector API's cast
 * (a scalar cast loop cost as much as the set-up): magic-number roundings and the float bits.
 * <li>{@link #sum}: the taps' mean, a tap of every lane at a time, each tap's source indices stepped in int lanes
 * and clamped to the image in registers (was a loop of its own writing up to nine index rows that the sums read back:
 * PERFORMANCE.md, blur7).
 * </ol>
 * Each kernel keeps few lanewise operations (PERFORMANCE.md: past about 25 in one compilation C2 stops intrinsifying
 * and boxes vectors) and carries no vector across a call; {@link #sum}, with its index steps, is the largest: in the
 * benchmark chains' JVM on JDK 17 its compilation observed 40 class_check traps, against the limit of 100 (blur7;
 * {@link SensorVector} explains the limit). Stateless.
 */
final class MotionVector {
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final VectorSpecies<Integer> I = VectorShapes.INT;
    /** 2^23: a float in [2^23, 2^24) holds integers only, so adding it rounds a smaller non-negative float to an integer. */
    private static final float ROUNDING = 1 << 23;
    /** 1.5 2^23: adding it rounds a float of magnitude below 2^22 to an integer, held in the low mantissa bits. */
    private static final float MAGIC = 1.5f * (1 << 23);
    /** 0, 1, 2, ... one per lane: the lanes' offsets along the row. */
    private static final float[] LANES = new float[F.length()];
    private static final int[] INT_LANES = new int[F.length()];

    static {
        if (I.length() != F.length()) {
            throw new IllegalStateException("the int and float species differ in lanes: " + I + ", " + F);
        }
        for (int i = 0; i < LANES.length; i++) {
            LANES[i] = i;
            INT_LANES[i] = i;
        }
    }

    private MotionVector() {
    }

    /** Pixels a vector holds. */
    static int lanes() {
        return F.length();
    }

    /**
     * Sets up pixels u = 0 .. of row v (depths from depth[base + u]) a whole vector at a time; returns how many it set
     * up (the rest, fewer than a vector, are the caller's). flowU0 = -fx vx, flowV = -fy vy + (v - cy) vz. Writes each
     * pixel's tap count, step and start (in pixels: {@link #toFixed} scales and casts them) and each vector's most taps
     * (blockTaps[b] for pixels b L .. b L + L - 1, L the lanes). A vector with no positive finite depth (the sky) gets
     * blockTaps 1 and nothing else: no later loop reads its row arrays (the set-up's two divisions skipped on half the
     * benchmark's pixels: 0.25 ms of a 1280x720 frame, PERFORMANCE.md). Writes the largest scale (exposure / depth, 0
     * where the depth is not a positive finite number) of those pixels to maxScale[0], from which {@link LensBlur} bounds
     * the rows the taps read.
     */
    static int setUp(float[] depth, int base, int w, int v, float exposureS, float flowU0, float cx, float vz, float flowV,
                     float[] taps, int[] blockTaps, float[] stepU, float[] stepV, float[] startU, float[] startV, float[] maxScale) {
        int n = F.length(), u = 0;
        FloatVector lanes = FloatVector.fromArray(F, LANES, 0);
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f), exposure = FloatVector.broadcast(F, exposureS);
        FloatVector maxTaps = FloatVector.broadcast(F, (float) LensBlur.MAX_TAPS);
        FloatVector rowV = FloatVector.broadcast(F, (float) v);
        float largest = 0;
        for (; u <= w - n; u += n) {
            FloatVector z = FloatVector.fromArray(F, depth, base + u);
            // The sky (z infinite) and a missing or bad depth (0, negative, NaN) do not move: scale 0.
            VectorMask<Float> finite = z.compare(VectorOperators.GT, 0f).and(z.compare(VectorOperators.LT, Float.POSITIVE_INFINITY));
            if (!finite.anyTrue()) {
                // A vector of sky (half the benchmark's pixels): one tap each, nothing else read (sum copies it).
                blockTaps[u / n] = 1;
                continue;
            }
            FloatVector scale = zero.blend(exposure.div(z), finite);
            if (!scale.compare(VectorOperators.LE, largest).allTrue()) {
                // Reduced only where a lane exceeds the row's largest so far (or is NaN): a float max reduction (Java's
                // Math.max, NaN and -0 handled by blends at every step) is a long sequence; a compare and a test are two.
                largest = Math.max(largest, scale.reduceLanes(VectorOperators.MAX));
            }
            FloatVector uF = lanes.add((float) u);
            FloatVector du = uF.sub(cx).mul(vz).add(flowU0).mul(scale);
            FloatVector dv = scale.mul(flowV);
            FloatVector length = du.abs().add(dv.abs());
            // (int) length + 1 without a cast: r = (length + 2^23) - 2^23 is length rounded to the nearest integer
            // (exact for 0 <= length < 2^22: IEEE 754 round to nearest), and floor(length) = r - 1 where r > length.
            FloatVector rounded = length.add(ROUNDING).sub(ROUNDING);
            // (r - 1 where r > length) + 1: integers below 2^23, so the same floats as r + 1 - (1 or 0) (was a blend and
            // a subtraction more, and a mask's not).
            FloatVector count = maxTaps.blend(rounded.sub(1f, rounded.compare(VectorOperators.GT, length)).add(1f),
                    length.compare(VectorOperators.LT, (float) LensBlur.MAX_TAPS));
            FloatVector perTap = zero.blend(one.div(count.sub(1f)), count.compare(VectorOperators.GT, 1f));   // 0 where count is 1 (never read)
            count.intoArray(taps, u);
            // The counts are the floats 1 .. 9 (positive, no NaN): their bits as ints order as they do, so an int max
            // reduction (no NaN or -0 steps) finds the largest.
            int countBits = ((IntVector) count.reinterpretShape(I, 0)).reduceLanes(VectorOperators.MAX);
            blockTaps[u / n] = (int) Float.intBitsToFloat(countBits);
            du.mul(perTap).intoArray(stepU, u);
            dv.mul(perTap).intoArray(stepV, u);
            uF.sub(du.mul(0.5f)).add(0.5f).intoArray(startU, u);
            rowV.sub(dv.mul(0.5f)).add(0.5f).intoArray(startV, u);
        }
        maxScale[0] = largest;
        return u;
    }

    /**
     * (int) (y FIXED_ONE), Java's cast of the 16.16 fixed-point value (truncation towards 0), for the pixels of the
     * vectors b with blockTaps[b] &gt; 1 among u = 0 .. count - 1 (whole vectors), without the Vector API's cast (see
     * above), in sign and magnitude: trunc(y 2^16) = sign(y) floor(x), x = |y| 2^16 (exact: a power of two). For x &lt;
     * 2^31 (|y| &lt; 2^15: no saturation), x splits exactly into hi + lo: adding 2^31 rounds x to a multiple of 2^8 (the
     * float spacing in [2^31, 2^32)), so hi = (x + 2^31) - 2^31 exactly (Sterbenz) and lo = x - hi, |lo| &lt;= 128, is
     * exact too (a multiple of x's spacing, at most 2^23 of them). floor(x) = hi + floor(lo): lo rounded to an integer by
     * adding M = 1.5 2^23 (the float spacing 1 in [2^23, 2^24)), stepped 1 down where that rounded up (exact there), and
     * both parts read off the float bits, (x + 2^31) as hi / 2^8 and (lo + M) as M's plus floor(lo), both offsets
     * subtracted at once in wrapping ints (hi = 2^31 wraps, and its floor(lo) &lt; 0 wraps it back). The sign as (m ^ s) - s
     * with s the sign bit spread over the lane (-0 gives 0). A vector with a lane outside that range (a depth of
     * micrometres: a saturated cast) or NaN is cast lane by lane. (Was floor(|y|) and floor of the fraction 2^16, each
     * rounded and stepped, then both bits offset: four more lanewise operations a vector; before that two signed parts.)
     */
    static void toFixed(float[] y, int[] fixed, int[] blockTaps, int count) {
        int n = F.length();
        float split = 1L << 31;   // 2^31: x + 2^31 rounds x to a multiple of 2^8
        int splitShift = 31 - 23;   // hi / 2^8 in the mantissa bits of x + 2^31
        int offsets = (Float.floatToRawIntBits(split) << splitShift) + Float.floatToRawIntBits(MAGIC);   // wrapping
        for (int u = 0, b = 0; u < count; u += n, b++) {
            if (blockTaps[b] == 1) {
                continue;   // no lane moves: never read
            }
            FloatVector x = FloatVector.fromArray(F, y, u);
            FloatVector size = x.abs().mul(LensBlur.FIXED_ONE);
            if (!size.compare(VectorOperators.LT, split).allTrue()) {
                for (int j = u; j < u + n; j++) {
                    fixed[j] = (int) (y[j] * LensBlur.FIXED_ONE);
                }
                continue;
            }
            FloatVector high = size.add(split);
            FloatVector low = size.sub(high.sub(split));
            FloatVector lowRounded = low.add(MAGIC);
            FloatVector lowFloor = lowRounded.sub(1f, lowRounded.sub(MAGIC).compare(VectorOperators.GT, low));
            IntVector magnitude = ((IntVector) high.reinterpretShape(I, 0)).lanewise(VectorOperators.LSHL, splitShift)
                    .add((IntVector) lowFloor.reinterpretShape(I, 0)).sub(offsets);
            IntVector sign = ((IntVector) x.reinterpretShape(I, 0)).lanewise(VectorOperators.ASHR, 31);
            magnitude.lanewise(VectorOperators.XOR, sign).sub(sign).intoArray(fixed, u);
        }
    }

    /**
     * Pixels u = 0 .. count - 1 (count a whole number of vectors) of a row from their tap counts (as floats) and 16.16
     * fixed-point paths ({@link LensBlur}): the mean of each pixel's taps, a vector of pixels at a time, tap k of every lane added
     * in one lanewise addition where k is below the lane's count (so each lane sums its taps in their order from 0, as
     * the scalar loop does: the same floats; where every lane has the vector's most taps, 91 % of the moving vectors on the
     * benchmark's frames, the additions are not masked: the same sums, without a compare and three blends a tap (JDK 17
     * composes a masked addition from an addition and a blend; AVX-512's mask registers came with JEP 417 in JDK 18,
     * openjdk/jdk pull 5873): the blur's increment in the chain 0.06-0.37 ms less on JDK 17, none on JDK 25,
     * PERFORMANCE.md), then times 1 / count (the same division as the scalar path's table); a
     * pixel that does not move keeps its value. Where the lanes' tap k lie on consecutive pixels of one row (neighbours'
     * paths are near-identical: 87 % of the benchmark's frames' vector taps), one vector load a plane; where they lie on
     * two such runs, the first from lane 0's tap and the second ending at the last lane's (11 %), two loads and a blend;
     * elsewhere scalar loads into {@code scratch} (3 lanes() floats) at the indices stored in {@code indexScratch}
     * (lanes() ints). Tap k's source index is start + k step in wrapping int arithmetic (k additions, as the plain path
     * steps), shifted to whole pixels, clamped to the image (a no-op for a tap inside it, so every index is a pixel of
     * the image whatever the pixel's count) and row y at (y &amp; rowMask) w (the source's ring of rows, {@link
     * LinearRing}; -1 for a whole frame): all in registers, no index rows stored and read back. Row v's own pixels (a
     * pixel that does not move) from src[c][base + u]. blockTaps[b]: the most taps of vector b (1: a copy).
     */
    static void sum(float[] taps, int[] blockTaps, int[] startU, int[] stepU, int[] startV, int[] stepV, int w, int h, int rowMask,
                    float[][] src, int base, int count, PlanarRow row, float[] scratch, int[] indexScratch) {
        int n = F.length();
        int uMax = w - 1, vMax = h - 1;
        float[] srcR = src[0], srcG = src[1], srcB = src[2];
        float[] outR = row.r, outG = row.g, outB = row.b;
        IntVector lanes = IntVector.fromArray(I, INT_LANES, 0);
        FloatVector lanesF = FloatVector.fromArray(F, LANES, 0);
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f);
        int limit = srcR.length - n;   // the last index a vector load may start at
        for (int u = 0, block = 0; u < count; u += n, block++) {
            FloatVector stillR = FloatVector.fromArray(F, srcR, base + u), stillG = FloatVector.fromArray(F, srcG, base + u),
                    stillB = FloatVector.fromArray(F, srcB, base + u);
            int most = blockTaps[block];
            if (most == 1) {
                stillR.intoArray(outR, u);
                stillG.intoArray(outG, u);
                stillB.intoArray(outB, u);
                continue;
            }
            FloatVector countF = FloatVector.fromArray(F, taps, u);
            boolean uniform = countF.compare(VectorOperators.EQ, (float) most).allTrue();
            FloatVector r = zero, g = zero, b = zero;
            IntVector pu = IntVector.fromArray(I, startU, u), pv = IntVector.fromArray(I, startV, u);
            IntVector du = IntVector.fromArray(I, stepU, u), dv = IntVector.fromArray(I, stepV, u);
            for (int k = 0; k < most; k++, pu = pu.add(du), pv = pv.add(dv)) {
                IntVector su = pu.lanewise(VectorOperators.ASHR, LensBlur.FIXED_BITS).max(0).min(uMax);
                IntVector sv = pv.lanewise(VectorOperators.ASHR, LensBlur.FIXED_BITS).max(0).min(vMax);
                IntVector at = sv.and(rowMask).mul(w).add(su);
                int first = at.lane(0);
                FloatVector tapR, tapG, tapB;
                if (at.compare(VectorOperators.EQ, lanes.add(first)).allTrue()) {
                    tapR = FloatVector.fromArray(F, srcR, first);
                    tapG = FloatVector.fromArray(F, srcG, first);
                    tapB = FloatVector.fromArray(F, srcB, first);
                } else {
                    // Two runs (a step between neighbours' taps: 82 % of the taps off one run on the benchmark's frames):
                    // each active lane on the run from lane 0's tap or on the run that ends at the last lane's tap; two
                    // vector loads a plane and a blend (an inactive lane's tap is not added: any value). The lanes compared
                    // as floats (indices below 2^24: exact), so that the blend's mask is a float mask without a mask cast
                    // (which boxed vectors on JDK 17).
                    int second = at.lane(n - 1) - (n - 1);
                    VectorMask<Float> active = countF.compare(VectorOperators.GT, (float) k);
                    FloatVector atF = (FloatVector) at.convertShape(VectorOperators.I2F, F, 0);
                    VectorMask<Float> onFirst = atF.compare(VectorOperators.EQ, lanesF.add((float) first));
                    if (first <= limit && second >= 0
                            && onFirst.or(atF.compare(VectorOperators.EQ, lanesF.add((float) second))).or(active.not()).allTrue()) {
                        tapR = FloatVector.fromArray(F, srcR, second).blend(FloatVector.fromArray(F, srcR, first), onFirst);
                        tapG = FloatVector.fromArray(F, srcG, second).blend(FloatVector.fromArray(F, srcG, first), onFirst);
                        tapB = FloatVector.fromArray(F, srcB, second).blend(FloatVector.fromArray(F, srcB, first), onFirst);
                    } else {
                        // Scalar loads into a scratch vector (a gather measured slower, and it made this method too large
                        // for C2 to inline the Vector API's calls).
                        at.intoArray(indexScratch, 0);
                        for (int j = 0; j < n; j++) {
                            int so = indexScratch[j];
                            scratch[j] = srcR[so];
                            scratch[n + j] = srcG[so];
                            scratch[2 * n + j] = srcB[so];
                        }
                        tapR = FloatVector.fromArray(F, scratch, 0);
                        tapG = FloatVector.fromArray(F, scratch, n);
                        tapB = FloatVector.fromArray(F, scratch, 2 * n);
                    }
                }
                if (uniform) {
                    r = r.add(tapR);
                    g = g.add(tapG);
                    b = b.add(tapB);
                } else {
                    VectorMask<Float> active = countF.compare(VectorOperators.GT, (float) k);
                    r = r.add(tapR, active);
                    g = g.add(tapG, active);
                    b = b.add(tapB, active);
                }
            }
            VectorMask<Float> moves = countF.compare(VectorOperators.GT, 1f);
            FloatVector inv = one.div(countF);
            stillR.blend(r.mul(inv), moves).intoArray(outR, u);
            stillG.blend(g.mul(inv), moves).intoArray(outG, u);
            stillB.blend(b.mul(inv), moves).intoArray(outB, u);
        }
    }
}
