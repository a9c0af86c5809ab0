package org.hilbridge.augment.photometric;

import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.Vector3;

/**
 * Motion blur, a neighbourhood pass of the lens, on linear RGB (3 floats a pixel).
 *
 * <p>Motion blur: a static point at depth Z seen from a camera moving at velocity (vx, vy, vz) (optical frame)
 * moves in the image at du/dt = (-fx vx + (u - cx) vz) / Z, dv/dt = (-fy vy + (v - cy) vz) / Z (the
 * translational motion field: Longuet-Higgins and Prazdny, Proc. R. Soc. Lond. B 208, 1980); the exposure
 * integrates the image along that path, sampled here at up to {@value #MAX_TAPS} points centred on the pixel.
 * Rotation of the camera is not included. The sky (infinite depth) does not move. (Defocus: {@link Defocus}.)
 *
 * <p>Two ways to the same bytes: the plain path sets up each pixel's path (flow, tap count, fixed-point start and
 * step) in the loop that sums its taps; with the Vector API ({@link MotionVector}) a row goes through three short
 * vector loops: the set-up into row arrays of floats; their cast to 16.16 fixed point; and the sums, tap k of a
 * vector of pixels in one lanewise addition, masked where a lane has fewer taps, its source indices stepped in
 * registers (clamped to the image: a no-op inside it, so no test of which pixels need clamping). The set-up
 * comes first ({@link #setUpRow}) and bounds the rows the sums read either side, so that the backend writes the scene
 * rows only that far ahead (band-ahead) and keeps only those rows, in a ring ({@link LinearRing}).
 * Neighbours' paths are near-identical, so a tap of 16 neighbours usually lies on 16 consecutive pixels of one row:
 * one vector load a plane (87 % of the vectors' taps on the benchmark's frames); on two such runs (a step between
 * neighbours: 11 %), two loads and a blend; the others (1-2 %) 16 scalar loads into a scratch vector. Each lane adds
 * its taps in their order from 0, as the plain path does, and divides by the same
 * value, so the output is bit-identical ({@code LensBlurTest}). Where the time went before (JFR samples, A/B probes,
 * the benchmark's frames: half the pixels do not move, a quarter take 9 taps, a pixel's count equals its left
 * neighbour's at 99.6 %, so the tap loop's branches were predicted): the per-pixel scalar work around the taps
 * (casts, the inside test, the loop's set-up) as much as the taps' loads; not cache misses (indices masked into L1:
 * no change). Measured on the benchmark's frames (thread CPU p50 a 1280x720 frame, A/B in one JVM, load average
 * 2.3-2.9; augment/PERFORMANCE.md): 8.6-8.8 -> 5.4-5.6 ms; then, with a vector of sky set up as one tap and nothing
 * more, 4.0 -> 3.6-3.7 ms (load average 5.8-6.1, a busier machine); then, in the chain, band-ahead, the index loop a
 * vector at a time and the casts in sign and magnitude: the blur's increment over the per-pixel chain 4.4-4.8 -> 3.3-3.7
 * ms (JDK 17; the scene rows the taps read still in cache: the same pass alone had cost 3.6); then the ring of rows in
 * place of the 11 MB linear frame and the two runs' loads and blend: 3.6 -> 2.9 ms (JDK 25: 3.2 -> 2.3); then the casts
 * split at multiples of 2^8 and the set-up's reductions cut (blur6, PERFORMANCE.md); then the tap indices stepped
 * in the sums' registers, not stored in nine index rows and read back: 2.6 -> 2.3 ms (JDK 25: 2.1 -> 1.85; blur7).
 * Measured and dropped: the sums
 * kept in the output row, a tap at a time (6.7 ms); a gather for the taps off consecutive pixels (no faster than the
 * scalar loads); two vector loads and a blend for one step between neighbours' taps with a mask cast from the int compare (boxed vectors:
 * 22 MB a frame), with the blend on the planes' bits or in a method of its own (no faster; kept now with the mask from
 * the indices compared as floats, which is faster); scalar sums from the index rows (20 ms: C2 leaves
 * the index loop scalar); each vector's run start noted by the index loop instead of the sums' test (slower); the
 * casts read off the floats' bits by variable shifts (faster alone, but in the chain's JVM C2 left them as Java code:
 * 2.8 MB allocated a frame); the row's largest scale as a loop-carried vector in the set-up (boxed: 3.2 MB a frame),
 * from a row array of scales or from the nearest depth (no faster than a reduction per moving vector); the copies of
 * the scene rows into the linear frame left out (an upper bound for writing them in place: no faster); the still
 * pixels' loads and blend only where a vector has one (no faster); on JDK 25, the casts by the Vector API's F2I
 * conversion (intrinsified there; no faster in the chain); the set-up's 1 / (n - 1) from a table where a vector's
 * lanes share a count, in place of the division (slower). Earlier (set-up in vectors, scalar sums): four neighbours in
 * one loop; the source interleaved (r, g, b, pad).
 */
final class LensBlur {
    static final int MAX_TAPS = 9;
    static final int FIXED_BITS = 16;
    static final float FIXED_ONE = 1 << FIXED_BITS;
    /** 1 / k for k = 0 .. MAX_TAPS (entry 0 unused). */
    private static final float[] RECIPROCAL = new float[MAX_TAPS + 1];

    static {
        for (int k = 1; k <= MAX_TAPS; k++) {
            RECIPROCAL[k] = 1f / k;
        }
    }

    private final boolean vectorSetUp;
    /** The vector set-up's row: tap count, 16.16 step and start along u and v per pixel, as floats before the cast. */
    private float[] taps = new float[0];
    private float[] stepU = new float[0];
    private float[] stepV = new float[0];
    private float[] startU = new float[0];
    private float[] startV = new float[0];
    /** The same paths cast to int (those of pixels that do not move left as they were: any int gives a pixel of the image). */
    private int[] fixedStepU = new int[0];
    private int[] fixedStepV = new int[0];
    private int[] fixedStartU = new int[0];
    private int[] fixedStartV = new int[0];
    /** The most taps of each vector of pixels (b for pixels b L .. b L + L - 1, L the lanes of a vector). */
    private int[] blockTaps = new int[0];
    /** Three planes' taps of a vector of pixels where they do not lie on consecutive pixels ({@link MotionVector#sum}). */
    private final float[] scratch;
    /** A vector of pixels' source indices of one tap where they do not lie on one or two runs ({@link MotionVector#sum}). */
    private final int[] indexScratch;
    /** The set-up's largest scale of a row ({@link MotionVector#setUp}). */
    private final float[] maxScale = new float[1];
    /** Pixels 0 .. vectorPixels - 1 of the row last set up were set up as vectors; the plain path sums the rest. */
    private int vectorPixels;

    /** @param vectorSetUp set up and sum the paths with {@link MotionVector} (only where {@link SceneRow#vectorApiUsable}; the same output either way) */
    LensBlur(boolean vectorSetUp) {
        this.vectorSetUp = vectorSetUp;
        int lanes = vectorSetUp ? MotionVector.lanes() : 0;   // pixels a vector holds; MotionVector loads only with the module
        this.scratch = new float[3 * lanes];
        this.indexScratch = new int[lanes];
    }

    /**
     * Blurs row v of src (linear RGB in three planes r, g, b, w h floats each: a tap is three loads at one
     * index) into {@code row}'s planes (sized to the width): {@link #setUpRow} then {@link #sumRow}.
     */
    void motionRow(AugmentInput in, float exposureS, float[][] src, int v, PlanarRow row) {
        setUpRow(in, exposureS, v);
        sumRow(in, exposureS, src, -1, v, row);
    }

    /**
     * Sets up row v's paths (with the Vector API: flow, counts, fixed point) and returns the rows either side
     * of v that {@link #sumRow} of this row reads (its taps lie in rows v - reach .. v + reach, clamped to the image), so
     * that the backend computes the scene rows only that far before summing (band-ahead: the rows the taps read were
     * written a few rows earlier and are still in cache, not an 11 MB frame written in full first) and holds them in a
     * ring of rows ({@link LinearRing}). Reads only the depths, not the source. The plain path sets up as it sums and
     * returns the image's height (every row, as before band-ahead: scanning each row's depths for the bound cost it more
     * than the cache saved, PERFORMANCE.md). Its compilation is fragile on JDK 17: a scalar gate added here (one static
     * call) left {@link MotionVector#toFixed}'s casts at one of the four calls as Java code, 9.2 MB allocated a frame
     * (blur8): check allocation in the chain's JVM after any change.
     */
    int setUpRow(AugmentInput in, float exposureS, int v) {
        vectorPixels = 0;
        if (!vectorSetUp) {
            return in.height();
        }
        int w = in.width();
        Vector3 vel = in.scene().velocityOpticalMps();
        float flowV = flowV(in, v);
        float fx = (float) in.fxPx(), cx = (float) in.cxPx(), vx = (float) vel.x(), vz = (float) vel.z();
        ensure(w);
        int set = MotionVector.setUp(in.depthM(), v * w, w, v, exposureS, -fx * vx, cx, vz, flowV, taps, blockTaps, stepU, stepV, startU, startV, maxScale);
        float largestScale = maxScale[0];
        MotionVector.toFixed(stepU, fixedStepU, blockTaps, set);
        MotionVector.toFixed(stepV, fixedStepV, blockTaps, set);
        MotionVector.toFixed(startU, fixedStartU, blockTaps, set);
        MotionVector.toFixed(startV, fixedStartV, blockTaps, set);
        vectorPixels = set;
        // The pixels past the last whole vector (the plain path sets them up): their nearest positive finite depth, one
        // division (a float quotient rounds monotonically, so no pixel's exposure / depth is larger).
        float[] depth = in.depthM();
        float nearest = Float.POSITIVE_INFINITY;
        for (int p = v * w + set; p < v * w + w; p++) {
            float z = depth[p];
            if (z > 0 && z < nearest) {
                nearest = z;
            }
        }
        if (nearest < Float.POSITIVE_INFINITY) {
            largestScale = Math.max(largestScale, exposureS / nearest);
        }
        return rowReach(in.height(), largestScale, flowV);
    }

    /**
     * Blurs row v of src into {@code row}'s planes, as set up by {@link #setUpRow} of (in, exposureS, v) last; src holds
     * image row y at ((y &amp; rowMask) w) ({@link LinearRing}, whose size may change after the set-up: so the taps'
     * source indices are found here; rowMask -1 for a whole frame).
     */
    void sumRow(AugmentInput in, float exposureS, float[][] src, int rowMask, int v, PlanarRow row) {
        int set = vectorPixels;
        if (set > 0) {
            MotionVector.sum(taps, blockTaps, fixedStartU, fixedStepU, fixedStartV, fixedStepV, in.width(), in.height(), rowMask,
                    src, LinearRing.offset(v, rowMask, in.width()), set, row, scratch, indexScratch);
        }
        plainRange(in, exposureS, src, rowMask, v, set, row);
    }

    /**
     * The rows either side of row v that its taps read (of an image h rows high), from the largest scale of its pixels
     * (exposure / depth; the flow along v is flowV scale). A path's taps lie, in 16.16 fixed point, between v + 1/2 - dv/2
     * and v + 1/2 + dv/2 (the start and step truncated towards 0, each a float rounding off, together under 0.02 px
     * within 2^15 px of row 0), so no tap lies more than |dv|/2 + 1 rows from v (one more row returned, a margin), and
     * |dv| is at most |flowV| times the largest scale (a float product rounds monotonically). Past 2^15 px (a depth of
     * micrometres: the fixed point may saturate or wrap and land on any row) or NaN: h (every row).
     */
    static int rowReach(int h, float largestScale, float flowV) {
        float halfPath = 0.5f * (largestScale * Math.abs(flowV));
        return h + halfPath + 2 < 1 << 15 ? Math.min((int) halfPath + 2, h) : h;
    }

    /** Row v's flow along v per unit of scale: -fy vy + (v - cy) vz (the translational motion field, above). */
    private static float flowV(AugmentInput in, int v) {
        Vector3 vel = in.scene().velocityOpticalMps();
        return -(float) in.fyPx() * (float) vel.y() + (v - (float) in.cyPx()) * (float) vel.z();
    }

    private void ensure(int w) {
        if (taps.length != w) {
            taps = new float[w];
            stepU = new float[w];
            stepV = new float[w];
            startU = new float[w];
            startV = new float[w];
            fixedStepU = new int[w];
            fixedStepV = new int[w];
            fixedStartU = new int[w];
            fixedStartV = new int[w];
            blockTaps = new int[w];
        }
    }

    /** Pixels from .. w - 1 of row v, each set up and summed in one loop (the plain path); src as {@link #sumRow} reads it. */
    private static void plainRange(AugmentInput in, float exposureS, float[][] src, int rowMask, int v, int from, PlanarRow row) {
        int w = in.width(), h = in.height();
        Vector3 vel = in.scene().velocityOpticalMps();
        float fx = (float) in.fxPx(), cx = (float) in.cxPx();
        float vx = (float) vel.x(), vz = (float) vel.z();
        float flowV = flowV(in, v);
        float[] depth = in.depthM();
        float[] reciprocal = RECIPROCAL;
        float[] srcR = src[0], srcG = src[1], srcB = src[2];
        float[] outR = row.r, outG = row.g, outB = row.b;
        int uLast = (w << FIXED_BITS) - 1, vLast = (h << FIXED_BITS) - 1;   // the image's last fixed-point positions
        for (int u = from, p = v * w + from, s = LinearRing.offset(v, rowMask, w) + from; u < w; u++, p++, s++) {
            float z = depth[p];
            // The image path during the exposure; the sky (z infinite) and a missing depth do not move.
            float scale = z > 0 && z < Float.POSITIVE_INFINITY ? exposureS / z : 0;
            float du = (-fx * vx + (u - cx) * vz) * scale;
            float dv = flowV * scale;
            float length = Math.abs(du) + Math.abs(dv);
            int n = length < MAX_TAPS ? (int) length + 1 : MAX_TAPS;
            if (n == 1) {
                outR[u] = srcR[s];
                outG[u] = srcG[s];
                outB[u] = srcB[s];
                continue;
            }
            // Tap k at t = k / (taps - 1) - 0.5 of the path, rounded to the nearest pixel: floor(x + 0.5), in
            // 16.16 fixed point (an arithmetic shift floors), clamped to the image; a path beyond 2^15 px (a depth
            // under a millimetre) saturates or wraps and still lands on a pixel of the image.
            float perTap = reciprocal[n - 1];
            int stepU = (int) (du * perTap * FIXED_ONE), stepV = (int) (dv * perTap * FIXED_ONE);
            int pu = (int) ((u - 0.5f * du + 0.5f) * FIXED_ONE), pv = (int) ((v - 0.5f * dv + 0.5f) * FIXED_ONE);
            float r = 0, g = 0, b = 0;
            if (inside(pu, pv, stepU, stepV, n, uLast, vLast)) {
                // The first and the last tap inside the image, so every tap between them too (the positions are
                // a straight sequence, and the int sums between two in-range values do not overflow): no clamping.
                for (int k = 0; k < n; k++, pu += stepU, pv += stepV) {
                    int so = ((pv >> FIXED_BITS) & rowMask) * w + (pu >> FIXED_BITS);
                    r += srcR[so];
                    g += srcG[so];
                    b += srcB[so];
                }
            } else {
                for (int k = 0; k < n; k++, pu += stepU, pv += stepV) {
                    int su = Math.min(Math.max(pu >> FIXED_BITS, 0), w - 1), sv = Math.min(Math.max(pv >> FIXED_BITS, 0), h - 1);
                    int so = (sv & rowMask) * w + su;
                    r += srcR[so];
                    g += srcG[so];
                    b += srcB[so];
                }
            }
            float inv = reciprocal[n];
            outR[u] = r * inv;
            outG[u] = g * inv;
            outB[u] = b * inv;
        }
    }

    /**
     * Whether a path's first and last taps (16.16 fixed point, {@code taps} of them) both lie inside the image,
     * whose last positions are uLast and vLast. The last tap's position in exact (long) arithmetic: a saturated
     * step cannot wrap into the image.
     */
    private static boolean inside(int pu, int pv, int stepU, int stepV, int taps, int uLast, int vLast) {
        long lastU = pu + (long) (taps - 1) * stepU, lastV = pv + (long) (taps - 1) * stepV;
        return (pu | pv) >= 0 && lastU >= 0 && lastV >= 0 && Math.max(pu, lastU) <= uLast && Math.max(pv, lastV) <= vLast;
    }
}
