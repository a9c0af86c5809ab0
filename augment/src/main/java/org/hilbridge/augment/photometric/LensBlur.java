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
 */
final class LensBlur {
    static final int MAX_TAPS = 9;

    void motion(AugmentInput in, float exposureS, float[] src, float[] dst) {
        int w = in.width(), h = in.height();
        float[] depth = in.depthM();
        Vector3 vel = in.scene().velocityOpticalMps();
        float fx = (float) in.fxPx(), fy = (float) in.fyPx(), cx = (float) in.cxPx(), cy = (float) in.cyPx();
        float vx = (float) vel.x(), vy = (float) vel.y(), vz = (float) vel.z();
        for (int v = 0, p = 0; v < h; v++) {
            for (int u = 0; u < w; u++, p++) {
                int o = 3 * p;
                float z = depth[p];
                if (!(z > 0 && z < Float.POSITIVE_INFINITY)) {
                    dst[o] = src[o];
                    dst[o + 1] = src[o + 1];
                    dst[o + 2] = src[o + 2];
                    continue;
                }
                float du = (-fx * vx + (u - cx) * vz) / z * exposureS;
                float dv = (-fy * vy + (v - cy) * vz) / z * exposureS;
                float len = Math.abs(du) + Math.abs(dv);
                int taps = Math.min(MAX_TAPS, (int) len + 1);
                if (taps == 1) {
                    dst[o] = src[o];
                    dst[o + 1] = src[o + 1];
                    dst[o + 2] = src[o + 2];
                    continue;
                }
                float r = 0, g = 0, b = 0;
                // Tap k at t = k / (taps - 1) - 0.5 of the path; positions rounded to the nearest pixel by
                // (int) (x + 0.5) (Math.round is a call with a slow path on this JDK; the two agree wherever the
                // clamp keeps the position, x >= -0.5).
                float stepU = du / (taps - 1), stepV = dv / (taps - 1);
                float pu = u - 0.5f * du + 0.5f, pv = v - 0.5f * dv + 0.5f;
                for (int k = 0; k < taps; k++) {
                    int su = clamp((int) (pu + k * stepU), w), sv = clamp((int) (pv + k * stepV), h);
                    int so = 3 * (sv * w + su);
                    r += src[so];
                    g += src[so + 1];
                    b += src[so + 2];
                }
                float inv = 1f / taps;
                dst[o] = r * inv;
                dst[o + 1] = g * inv;
                dst[o + 2] = b * inv;
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
