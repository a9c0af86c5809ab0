package org.hilbridge.augment.photometric;

import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.Vector3;

/**
 * Neighbourhood passes of the lens, on linear RGB (3 floats a pixel).
 *
 * <p>Motion blur: a static point at depth Z seen from a camera moving at velocity (vx, vy, vz) (optical frame)
 * moves in the image at du/dt = (-fx vx + (u - cx) vz) / Z, dv/dt = (-fy vy + (v - cy) vz) / Z (the
 * translational motion field: Longuet-Higgins and Prazdny, Proc. R. Soc. Lond. B 208, 1980); the exposure
 * integrates the image along that path, sampled here at up to {@value #MAX_TAPS} points centred on the pixel.
 * Rotation of the camera is not included. The sky (infinite depth) does not move.
 *
 * <p>Defocus: a disc of confusion of the given radius, approximated by two passes of a separable box filter
 * (a box applied twice is a tent; its variance r(r+1)/3 per pass-pair matches a disc of radius ~r within a few
 * per cent).
 */
final class LensBlur {
    static final int MAX_TAPS = 9;
    private float[] columnSums = new float[0];

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
                for (int k = 0; k < taps; k++) {
                    float t = (float) k / (taps - 1) - 0.5f;
                    int su = clamp(Math.round(u + t * du), w), sv = clamp(Math.round(v + t * dv), h);
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

    /** In place on {@code img}, using {@code tmp} (same size). */
    void defocus(int w, int h, float radiusPx, float[] img, float[] tmp) {
        int r = Math.max(1, Math.round(radiusPx / (float) Math.sqrt(2)));   // two boxes of radius r ~ a disc of radius r sqrt 2
        for (int pass = 0; pass < 2; pass++) {
            boxRows(w, h, r, img, tmp);
            boxColumns(w, h, r, tmp, img);
        }
    }

    private static void boxRows(int w, int h, int r, float[] src, float[] dst) {
        float inv = 1f / (2 * r + 1);
        for (int v = 0; v < h; v++) {
            int row = 3 * v * w;
            for (int c = 0; c < 3; c++) {
                float sum = 0;
                for (int k = -r; k <= r; k++) {
                    sum += src[row + 3 * clamp(k, w) + c];
                }
                for (int u = 0; u < w; u++) {
                    dst[row + 3 * u + c] = sum * inv;
                    sum += src[row + 3 * clamp(u + r + 1, w) + c] - src[row + 3 * clamp(u - r, w) + c];
                }
            }
        }
    }

    /** Column box filter streamed row by row: a running sum per column and channel, so memory is read in order. */
    private void boxColumns(int w, int h, int r, float[] src, float[] dst) {
        int stride = 3 * w;
        if (columnSums.length != stride) {
            columnSums = new float[stride];
        }
        float[] sum = columnSums;
        java.util.Arrays.fill(sum, 0);
        float inv = 1f / (2 * r + 1);
        for (int k = -r; k <= r; k++) {
            int row = stride * clamp(k, h);
            for (int i = 0; i < stride; i++) {
                sum[i] += src[row + i];
            }
        }
        for (int v = 0; v < h; v++) {
            int out = stride * v;
            int enter = stride * clamp(v + r + 1, h), leave = stride * clamp(v - r, h);
            for (int i = 0; i < stride; i++) {
                dst[out + i] = sum[i] * inv;
                sum[i] += src[enter + i] - src[leave + i];
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
