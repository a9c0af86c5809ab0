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
 * step) in the loop that sums its taps; with the Vector API ({@link MotionVector}) the set-up of a row runs first,
 * a vector of pixels at a time, into row arrays, and the scalar loop only converts, checks and sums (a run of
 * pixels that do not move is three block copies; two neighbours with as many taps, both inside the image, are summed
 * in one loop, two independent chains of additions, each pixel's in its own order). The set-up was over half of the
 * pass (the pass with one tap a pixel cost about 55 % of the whole, the benchmark's frames); the vector set-up
 * computes the same single-precision operations in the same order, lane by lane (IEEE 754 results do not depend on
 * the lane), so the output is bit-identical ({@code LensBlurTest}). Measured on the benchmark's frames (thread CPU
 * p50 a 1280x720 frame, A/B in one JVM, load average 2.7): 12.5 -> 9.7 ms. Measured and dropped: four neighbours in
 * one loop (slower than two: 10.3 against 9.8 ms); the source interleaved (r, g, b, pad a pixel, one cache line
 * a tap; scalar taps, or 128-bit vector taps: 15.6 and 17.3 ms with the interleaving copy, against 12.5 planar); the casts to
 * int and the inside-the-image test in the vector set-up too (no gain: the casts' bit arithmetic costs what it saves).
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

    /** @param vectorSetUp set up the paths with {@link MotionVector} (only where {@link SceneRow#vectorApiUsable}; the same output either way) */
    LensBlur(boolean vectorSetUp) {
        this.vectorSetUp = vectorSetUp;
    }

    /**
     * Blurs row v of src (linear RGB in three planes r, g, b, w h floats each: a tap is three loads at one
     * index) into {@code row}'s planes (sized to the width): the backend streams the blurred rows straight into
     * the defocus or the sensor pass, with no blurred frame written and read back.
     */
    void motionRow(AugmentInput in, float exposureS, float[][] src, int v, PlanarRow row) {
        int set = 0;
        if (vectorSetUp) {
            int w = in.width();
            Vector3 vel = in.scene().velocityOpticalMps();
            float fx = (float) in.fxPx(), fy = (float) in.fyPx(), cx = (float) in.cxPx(), cy = (float) in.cyPx();
            float vx = (float) vel.x(), vy = (float) vel.y(), vz = (float) vel.z();
            if (taps.length != w) {
                taps = new float[w];
                stepU = new float[w];
                stepV = new float[w];
                startU = new float[w];
                startV = new float[w];
            }
            set = MotionVector.setUp(in.depthM(), v * w, w, v, exposureS, -fx * vx, cx, vz, -fy * vy + (v - cy) * vz, taps, stepU, stepV, startU, startV);
            sumSetUp(in, src, v, set, row);
        }
        plainRange(in, exposureS, src, v, set, row);
    }

    /**
     * Pixels 0 .. count - 1 of row v from the vector set-up's arrays. The tap loop is written out here and in
     * {@link #plainRange} rather than shared: with the loop in one static method called from both, the plain pass
     * went 12.6 -> 15.5 ms a 1280x720 frame, and with one loop choosing its set-up per pixel 15.0 ms (the
     * benchmark's frames, thread CPU p50).
     */
    private void sumSetUp(AugmentInput in, float[][] src, int v, int count, PlanarRow row) {
        int w = in.width(), h = in.height();
        float[] reciprocal = RECIPROCAL;
        float[] srcR = src[0], srcG = src[1], srcB = src[2];
        float[] outR = row.r, outG = row.g, outB = row.b;
        float[] taps = this.taps, setStepU = this.stepU, setStepV = this.stepV, startU = this.startU, startV = this.startV;
        int uLast = (w << FIXED_BITS) - 1, vLast = (h << FIXED_BITS) - 1;   // the image's last fixed-point positions
        for (int u = 0, p = v * w; u < count; u++, p++) {
            int n = (int) taps[u];
            if (n == 1) {
                // A run of pixels that do not move (the sky, the centre of the flow): block copies.
                int end = u + 1;
                while (end < count && taps[end] == 1f) {
                    end++;
                }
                System.arraycopy(srcR, p, outR, u, end - u);
                System.arraycopy(srcG, p, outG, u, end - u);
                System.arraycopy(srcB, p, outB, u, end - u);
                p += end - 1 - u;
                u = end - 1;
                continue;
            }
            int stepU = (int) setStepU[u], stepV = (int) setStepV[u], pu = (int) startU[u], pv = (int) startV[u];
            float r = 0, g = 0, b = 0;
            if (inside(pu, pv, stepU, stepV, n, uLast, vLast)) {
                // The first and the last tap inside the image, so every tap between them too (the positions are
                // a straight sequence, and the int sums between two in-range values do not overflow): no clamping.
                int u1 = u + 1;
                if (u1 < count && (int) taps[u1] == n) {
                    int stepU1 = (int) setStepU[u1], stepV1 = (int) setStepV[u1], pu1 = (int) startU[u1], pv1 = (int) startV[u1];
                    if (inside(pu1, pv1, stepU1, stepV1, n, uLast, vLast)) {
                        // The next pixel too, with as many taps: both paths in one loop (two independent chains of sums).
                        float r1 = 0, g1 = 0, b1 = 0;
                        for (int k = 0; k < n; k++, pu += stepU, pv += stepV, pu1 += stepU1, pv1 += stepV1) {
                            int so = (pv >> FIXED_BITS) * w + (pu >> FIXED_BITS);
                            int so1 = (pv1 >> FIXED_BITS) * w + (pu1 >> FIXED_BITS);
                            r += srcR[so];
                            g += srcG[so];
                            b += srcB[so];
                            r1 += srcR[so1];
                            g1 += srcG[so1];
                            b1 += srcB[so1];
                        }
                        float inv = reciprocal[n];
                        outR[u] = r * inv;
                        outG[u] = g * inv;
                        outB[u] = b * inv;
                        outR[u1] = r1 * inv;
                        outG[u1] = g1 * inv;
                        outB[u1] = b1 * inv;
                        u = u1;
                        p++;
                        continue;
                    }
                }
                for (int k = 0; k < n; k++, pu += stepU, pv += stepV) {
                    int so = (pv >> FIXED_BITS) * w + (pu >> FIXED_BITS);
                    r += srcR[so];
                    g += srcG[so];
                    b += srcB[so];
                }
            } else {
                for (int k = 0; k < n; k++, pu += stepU, pv += stepV) {
                    int su = Math.min(Math.max(pu >> FIXED_BITS, 0), w - 1), sv = Math.min(Math.max(pv >> FIXED_BITS, 0), h - 1);
                    int so = sv * w + su;
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

    /** Pixels from .. w - 1 of row v, each set up and summed in one loop (the plain path). */
    private static void plainRange(AugmentInput in, float exposureS, float[][] src, int v, int from, PlanarRow row) {
        int w = in.width(), h = in.height();
        Vector3 vel = in.scene().velocityOpticalMps();
        float fx = (float) in.fxPx(), fy = (float) in.fyPx(), cx = (float) in.cxPx(), cy = (float) in.cyPx();
        float vx = (float) vel.x(), vy = (float) vel.y(), vz = (float) vel.z();
        float flowV = -fy * vy + (v - cy) * vz;
        float[] depth = in.depthM();
        float[] reciprocal = RECIPROCAL;
        float[] srcR = src[0], srcG = src[1], srcB = src[2];
        float[] outR = row.r, outG = row.g, outB = row.b;
        int uLast = (w << FIXED_BITS) - 1, vLast = (h << FIXED_BITS) - 1;   // the image's last fixed-point positions
        for (int u = from, p = v * w + from; u < w; u++, p++) {
            float z = depth[p];
            // The image path during the exposure; the sky (z infinite) and a missing depth do not move.
            float scale = z > 0 && z < Float.POSITIVE_INFINITY ? exposureS / z : 0;
            float du = (-fx * vx + (u - cx) * vz) * scale;
            float dv = flowV * scale;
            float length = Math.abs(du) + Math.abs(dv);
            int n = length < MAX_TAPS ? (int) length + 1 : MAX_TAPS;
            if (n == 1) {
                outR[u] = srcR[p];
                outG[u] = srcG[p];
                outB[u] = srcB[p];
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
                    int so = (pv >> FIXED_BITS) * w + (pu >> FIXED_BITS);
                    r += srcR[so];
                    g += srcG[so];
                    b += srcB[so];
                }
            } else {
                for (int k = 0; k < n; k++, pu += stepU, pv += stepV) {
                    int su = Math.min(Math.max(pu >> FIXED_BITS, 0), w - 1), sv = Math.min(Math.max(pv >> FIXED_BITS, 0), h - 1);
                    int so = sv * w + su;
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
