package org.hilbridge.augment.gate;

import java.util.Objects;
import org.hilbridge.augment.GroundingScores;

/**
 * The grounding gate as first written (commit 7ba27b7), kept as the reference the fast {@link GroundingGate} is
 * pinned against (GateEquivalenceTest): every step in its plain form, one pass per step, the same arithmetic.
 * Do not optimise this class.
 */
final class ReferenceGroundingGate {
    /** Edge threshold as a share of the image's 98th-percentile gradient magnitude. */
    static final double EDGE_SHARE_OF_P98 = GroundingGate.EDGE_SHARE_OF_P98;
    private static final int HIST_BINS = 4096;

    private final GateThresholds thresholds;
    private final ContourAgreement contours = new ContourAgreement();
    private int fullWidth = -1;
    private int fullHeight = -1;
    /** Half-resolution size: every measure runs on 2 x 2 means. */
    private int w = -1;
    private int h = -1;
    private float[] fullA, fullB;
    private float[] lumA, lumB, gradA, gradB, tmp;
    private byte[] dirA, dirB, edgeA, edgeB, dilA, dilB, dilTmp;
    private final int[] hist = new int[HIST_BINS];
    private final ReferenceSsim ssim = new ReferenceSsim();

    ReferenceGroundingGate(GateThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Scores {@code augmented} against {@code raw} (both rgb8, width x height) with the render's labels. */
    public GroundingScores score(int width, int height, byte[] raw, byte[] augmented, byte[] semantic) {
        allocate(width, height);
        luminance(raw, fullA, width * height);
        luminance(augmented, fullB, width * height);
        ReferenceSsim.halve(fullA, width, height, lumA, w, h);
        ReferenceSsim.halve(fullB, width, height, lumB, w, h);
        ReferenceSsim.Result s = ssim.compute(lumA, lumB, w, h, thresholds.blurSigmaPx(), thresholds.tiles());
        edges(lumA, gradA, dirA, edgeA);
        edges(lumB, gradB, dirB, edgeB);
        int tol = thresholds.edgeTolerancePx();
        dilate(edgeA, dilA, tol);
        dilate(edgeB, dilB, tol);
        // Labels at half resolution: each 2 x 2 block's top-left label.
        int fullW = width;
        // Counted without branches: edge flags are 0 or 1, and on textured images they flip too often to predict.
        long edgesA = 0, edgesB = 0, keptA = 0, keptB = 0, visible = 0, visibleKept = 0;
        for (int v = 0, p = 0; v < h; v++) {
            int row = 2 * v * fullW, below = Math.min(height - 1, 2 * v + 2) * fullW;
            for (int u = 0; u < w; u++, p++) {
                int ea = edgeA[p], eb = edgeB[p], da = dilA[p], db = dilB[p];
                edgesA += ea;
                keptA += ea & db;
                edgesB += eb;
                keptB += eb & da;
                byte label = semantic[row + 2 * u];
                int boundary = (u + 1 < w && label != semantic[row + 2 * u + 2]) || (v + 1 < h && label != semantic[below + 2 * u]) ? 1 : 0;
                visible += boundary & da;
                visibleKept += boundary & da & db;
            }
        }
        double recall = edgesA == 0 ? 1 : (double) keptA / edgesA;
        double precision = edgesB == 0 ? (edgesA == 0 ? 1 : 0) : (double) keptB / edgesB;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double boundaryRecall = visible == 0 ? 1 : (double) visibleKept / visible;
        // The structure, at most the edges' alignment: a whole-frame move shows there where the correlation survives it.
        double structure = Math.min(s.structure(), EdgeAlignment.of(edgeA, edgeB, w, h));
        // The worst tile, at most the tiles' contour agreement: an object painted where the raw image had little texture
        // adds structure, which the raw-weighted structure term cannot see.
        double worstTile = Math.min(s.worstTile(), contours.worstTile(raw, augmented, width, height, thresholds.tiles()));
        return new GroundingScores(f1, s.mean(), structure, worstTile, boundaryRecall);
    }

    private void allocate(int width, int height) {
        if (width == fullWidth && height == fullHeight) {
            return;
        }
        fullA = new float[width * height];
        fullB = new float[width * height];
        int n = Math.max(1, width / 2) * Math.max(1, height / 2);
        lumA = new float[n];
        lumB = new float[n];
        gradA = new float[n];
        gradB = new float[n];
        tmp = new float[n];
        dirA = new byte[n];
        dirB = new byte[n];
        edgeA = new byte[n];
        edgeB = new byte[n];
        dilA = new byte[n];
        dilB = new byte[n];
        dilTmp = new byte[n];
        fullWidth = width;
        fullHeight = height;
        w = Math.max(1, width / 2);
        h = Math.max(1, height / 2);
    }

    /** Rec. 601 luma of the sRGB codes (what the eye's edge contrast follows more closely than linear light). */
    private static void luminance(byte[] rgb, float[] out, int n) {
        for (int p = 0, o = 0; p < n; p++, o += 3) {
            out[p] = 0.299f * (rgb[o] & 0xFF) + 0.587f * (rgb[o + 1] & 0xFF) + 0.114f * (rgb[o + 2] & 0xFF);
        }
    }

    private void edges(float[] lum, float[] grad, byte[] dir, byte[] edge) {
        // 3 x 3 binomial smoothing (separable [1 2 1] / 4) into tmp.
        for (int v = 0; v < h; v++) {
            int row = v * w;
            for (int u = 0; u < w; u++) {
                int l = row + Math.max(0, u - 1), r = row + Math.min(w - 1, u + 1);
                grad[row + u] = 0.25f * lum[l] + 0.5f * lum[row + u] + 0.25f * lum[r];
            }
        }
        for (int v = 0; v < h; v++) {
            int up = Math.max(0, v - 1) * w, dn = Math.min(h - 1, v + 1) * w, row = v * w;
            for (int u = 0; u < w; u++) {
                tmp[row + u] = 0.25f * grad[up + u] + 0.5f * grad[row + u] + 0.25f * grad[dn + u];
            }
        }
        // Sobel magnitude and direction quantised to 0 (horizontal gradient), 1 (45), 2 (vertical), 3 (135 degrees).
        java.util.Arrays.fill(hist, 0);
        float maxBin = HIST_BINS / 1500f;   // Sobel magnitude of 8-bit data is below 4 x 255 x sqrt 2 ~ 1443
        int count = 0;
        for (int v = 0; v < h; v++) {
            int up = Math.max(0, v - 1) * w, dn = Math.min(h - 1, v + 1) * w, row = v * w;
            for (int u = 0; u < w; u++) {
                int l = Math.max(0, u - 1), r = Math.min(w - 1, u + 1);
                float gx = (tmp[up + r] + 2 * tmp[row + r] + tmp[dn + r]) - (tmp[up + l] + 2 * tmp[row + l] + tmp[dn + l]);
                float gy = (tmp[dn + l] + 2 * tmp[dn + u] + tmp[dn + r]) - (tmp[up + l] + 2 * tmp[up + u] + tmp[up + r]);
                float m = (float) Math.sqrt(gx * gx + gy * gy);
                grad[row + u] = m;
                float ax = Math.abs(gx), ay = Math.abs(gy);
                // tan(22.5 deg) = 0.4142
                byte d;
                if (ay <= 0.4142f * ax) {
                    d = 0;
                } else if (ax <= 0.4142f * ay) {
                    d = 2;
                } else {
                    d = (byte) ((gx > 0) == (gy > 0) ? 1 : 3);
                }
                dir[row + u] = d;
                hist[Math.min(HIST_BINS - 1, (int) (m * maxBin))]++;
                count++;
            }
        }
        int target = (int) (0.98 * count), acc = 0, bin = 0;
        while (bin < HIST_BINS - 1 && acc + hist[bin] < target) {
            acc += hist[bin++];
        }
        // A floor of 8 code units of Sobel response keeps a flat image (all noise) from filling with edges.
        float threshold = Math.max(8f, (float) (EDGE_SHARE_OF_P98 * (bin + 1) / maxBin));
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                float m = grad[p];
                byte e = 0;
                if (m >= threshold && u > 0 && v > 0 && u < w - 1 && v < h - 1) {
                    float a, b;
                    switch (dir[p]) {
                        case 0 -> { a = grad[p - 1]; b = grad[p + 1]; }
                        case 2 -> { a = grad[p - w]; b = grad[p + w]; }
                        case 1 -> { a = grad[p - w - 1]; b = grad[p + w + 1]; }
                        default -> { a = grad[p - w + 1]; b = grad[p + w - 1]; }
                    }
                    e = (byte) (m >= a && m >= b ? 1 : 0);
                }
                edge[p] = e;
            }
        }
    }

    /** Square dilation by {@code r} pixels (separable running max over rows then columns). */
    private void dilate(byte[] src, byte[] dst, int r) {
        if (r == 0) {
            System.arraycopy(src, 0, dst, 0, src.length);
            return;
        }
        for (int v = 0; v < h; v++) {
            int row = v * w;
            for (int u = 0; u < w; u++) {
                byte m = 0;
                for (int k = Math.max(0, u - r); k <= Math.min(w - 1, u + r) && m == 0; k++) {
                    m = src[row + k];
                }
                dilTmp[row + u] = m;
            }
        }
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                byte m = 0;
                for (int k = Math.max(0, v - r); k <= Math.min(h - 1, v + r) && m == 0; k++) {
                    m = dilTmp[k * w + u];
                }
                dst[v * w + u] = m;
            }
        }
    }
}
