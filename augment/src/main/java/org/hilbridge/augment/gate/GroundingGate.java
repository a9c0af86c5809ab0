package org.hilbridge.augment.gate;

import java.util.Objects;
import org.hilbridge.augment.GroundingScores;

/**
 * Judges per frame whether an augmented image kept the raw render's geometry, with measures that need no
 * learned network:
 * <ul>
 * <li>Edge F1: edges of both images by a Canny-like detector (3 x 3 binomial smoothing, Sobel gradients,
 * non-maximum suppression across the gradient direction, a threshold at a fixed share of each image's own
 * 98th-percentile gradient, so a global change of exposure or contrast does not move it; Canny, IEEE PAMI
 * 8(6), 1986). Precision is the share of augmented edges with a raw edge within the tolerance, recall the
 * converse, F1 their harmonic mean (the boundary F-measure of Martin, Fowlkes and Malik, IEEE PAMI 26(5),
 * 2004, with a square tolerance window instead of a bipartite match).
 * <li>Blur-SSIM: SSIM (Wang, Bovik, Sheikh, Simoncelli, IEEE TIP 13(4), 2004: C1 = (0.01 L)^2,
 * C2 = (0.03 L)^2, Gaussian window sigma 1.5) of the two luminances after a Gaussian blur, so sensor noise,
 * compression and small blur weigh little and moved or painted structure weighs much; the mean over the
 * image, and an appearance-invariant structure term (see {@link Ssim}) over the image and its worst tile (a
 * local change, such as a painted object, shows in its tile).
 * <li>Boundary recall: of the semantic-label boundaries that are edges in the raw image, the share that are
 * edges in the augmented image: labels stay valid only where the boundaries they describe stay visible.
 * <li>Two checks that cap the structure scores (issue 9's negative controls at 1280x720, where the measures above let
 * them through): the structure is at most the edges' alignment ({@link EdgeAlignment}: whether the edge maps match
 * best in place or after a whole-frame move of up to 4 pixels), the worst tile at most the tile's contour agreement
 * ({@link ContourAgreement}: the share of the augmented image's strong colour contours, on a coarse image, that the
 * raw image explains; a painted object is structure added, which the raw-weighted structure cannot see, and may
 * differ from what it covers in colour only).
 * </ul>
 * Every measure but the contour agreement (a coarse colour image of its own) runs on the half-resolution luminance
 * (2 x 2 means): a quarter of the cost, and the edge tolerance of 1 half-resolution pixel is 2 pixels of the frame. Scratch buffers are kept between frames of one
 * size; one frame at a time.
 *
 * <p>Cost: it runs on every augmented frame, on the real-time stage's worker (32 ms a 1280x720 frame as first
 * written, about 11 now, 1.5 of it the two checks; AugmentBenchmark's gate figure), so every step is written for the JIT and gives the same
 * doubles as the plain form of each step (pinned by GateEquivalenceTest against the gate as first written): luminance
 * and 2 x 2 means in one pass from the rgb bytes (per-channel products by table, no full-resolution image); the SSIM's
 * Gaussians and map as in {@link Ssim}; smoothing and Sobel magnitude as unit-stride loops without per-pixel clamps
 * (C2 vectorises them); the edge direction and its non-maximum test only on pixels over the threshold (the others are
 * not edges whatever their direction); the tolerance as a dilated mask (OR of shifted rows) instead of a search; the
 * counts as one branch-free loop over masks.
 */
public final class GroundingGate {
    /** Edge threshold as a share of the image's 98th-percentile gradient magnitude. */
    static final double EDGE_SHARE_OF_P98 = 0.35;
    private static final int HIST_BINS = 4096;

    private final GateThresholds thresholds;
    private final ContourAgreement contours = new ContourAgreement();
    private int fullWidth = -1;
    private int fullHeight = -1;
    /** Half-resolution size: every measure runs on 2 x 2 means. */
    private int w = -1;
    private int h = -1;
    /** Full-resolution luminance, only for frames under 2 pixels wide or high (see {@link #halfLuminance}). */
    private float[] full;
    private float[] lumA, lumB, gradA, gradB, tmp;
    /** Edge masks, their dilations, and dilTmp: the dilation's scratch, then the label-boundary mask. */
    private byte[] edgeA, edgeB, dilA, dilB, dilTmp;
    /** Two histograms, even and odd pixels: consecutive increments of one bin then do not wait on each other's store. */
    private final int[] hist = new int[2 * HIST_BINS];
    private final Ssim ssim;

    public GroundingGate(GateThresholds thresholds) {
        this(thresholds, new Ssim());
    }

    /** With the SSIM's vector paths on or off (the tests run both; same scores). */
    GroundingGate(GateThresholds thresholds, boolean vector) {
        this(thresholds, new Ssim(vector));
    }

    private GroundingGate(GateThresholds thresholds, Ssim ssim) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.ssim = ssim;
    }

    public GateThresholds thresholds() {
        return thresholds;
    }

    public boolean passes(GroundingScores s) {
        return s.edgeF1() >= thresholds.minEdgeF1() && s.blurSsim() >= thresholds.minBlurSsim() && s.structure() >= thresholds.minStructure()
                && s.worstTileStructure() >= thresholds.minWorstTileStructure() && s.boundaryRecall() >= thresholds.minBoundaryRecall();
    }

    /** Scores {@code augmented} against {@code raw} (both rgb8, width x height) with the render's labels. */
    public GroundingScores score(int width, int height, byte[] raw, byte[] augmented, byte[] semantic) {
        allocate(width, height);
        halfLuminance(raw, width, height, lumA);
        halfLuminance(augmented, width, height, lumB);
        Ssim.Result s = ssim.compute(lumA, lumB, w, h, thresholds.blurSigmaPx(), thresholds.tiles());
        edges(lumA, gradA, edgeA);
        edges(lumB, gradB, edgeB);
        int tol = thresholds.edgeTolerancePx();
        dilate(edgeA, dilA, tol);
        dilate(edgeB, dilB, tol);
        // Labels at half resolution (each 2 x 2 block's top-left label): where a boundary is, into dilTmp.
        boundaries(semantic, width, height, dilTmp);
        // Counted over unit-stride rows of 0 and 1 bytes into int sums, which C2 vectorises (a half-resolution
        // image of up to 2^31 pixels).
        int edgesA = 0, edgesB = 0, keptA = 0, keptB = 0, visible = 0, visibleKept = 0;
        for (int p = 0, n = w * h; p < n; p++) {
            int ea = edgeA[p], eb = edgeB[p], da = dilA[p], db = dilB[p], boundary = dilTmp[p];
            edgesA += ea;
            keptA += ea & db;
            edgesB += eb;
            keptB += eb & da;
            visible += boundary & da;
            visibleKept += boundary & da & db;
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
        full = width < 2 || height < 2 ? new float[width * height] : null;
        int n = Math.max(1, width / 2) * Math.max(1, height / 2);
        lumA = new float[n];
        lumB = new float[n];
        gradA = new float[n];
        gradB = new float[n];
        tmp = new float[n];
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

    /** Rec. 601 luma weights of the sRGB codes (what the eye's edge contrast follows more closely than linear light). */
    private static final float KR = 0.299f, KG = 0.587f, KB = 0.114f;
    /** KR x code for every code, and KG's and KB's: the same float products as computing them, read from a table. */
    private static final float[] LUMA_R = lumaTable(KR), LUMA_G = lumaTable(KG), LUMA_B = lumaTable(KB);

    private static float[] lumaTable(float k) {
        float[] t = new float[256];
        for (int c = 0; c < 256; c++) {
            t[c] = k * c;
        }
        return t;
    }

    /** The luma of one rgb8 pixel at byte offset o: KR r + KG g + KB b, summed in that order. */
    private static float luma(byte[] rgb, int o) {
        return LUMA_R[rgb[o] & 0xFF] + LUMA_G[rgb[o + 1] & 0xFF] + LUMA_B[rgb[o + 2] & 0xFF];
    }

    /**
     * The luma's 2 x 2 means (an odd last row or column is dropped) straight from the rgb8 bytes: one pass, no
     * full-resolution image. A frame under 2 pixels wide or high is its own half-resolution image (its luma, copied).
     */
    private void halfLuminance(byte[] rgb, int width, int height, float[] dst) {
        if (width < 2 || height < 2) {
            for (int p = 0; p < width * height; p++) {
                full[p] = luma(rgb, 3 * p);
            }
            System.arraycopy(full, 0, dst, 0, Math.min(full.length, dst.length));
            return;
        }
        for (int v = 0; v < h; v++) {
            int r0 = 6 * v * width, r1 = r0 + 3 * width, out = v * w;
            for (int u = 0; u < w; u++) {
                int o = 6 * u;
                // Summed in the order of the mean of the four: top-left, top-right, bottom-left, bottom-right.
                dst[out + u] = 0.25f * (luma(rgb, r0 + o) + luma(rgb, r0 + o + 3) + luma(rgb, r1 + o) + luma(rgb, r1 + o + 3));
            }
        }
    }

    private void edges(float[] lum, float[] grad, byte[] edge) {
        // 3 x 3 binomial smoothing (separable [1 2 1] / 4, clamped at the borders): rows into grad, then columns into tmp.
        for (int v = 0; v < h; v++) {
            int row = v * w;
            if (w == 1) {
                grad[row] = 0.25f * lum[row] + 0.5f * lum[row] + 0.25f * lum[row];
                continue;
            }
            grad[row] = 0.25f * lum[row] + 0.5f * lum[row] + 0.25f * lum[row + 1];
            for (int p = row + 1, end = row + w - 1; p < end; p++) {
                grad[p] = 0.25f * lum[p - 1] + 0.5f * lum[p] + 0.25f * lum[p + 1];
            }
            int last = row + w - 1;
            grad[last] = 0.25f * lum[last - 1] + 0.5f * lum[last] + 0.25f * lum[last];
        }
        for (int v = 0; v < h; v++) {
            int up = Math.max(0, v - 1) * w, dn = Math.min(h - 1, v + 1) * w, row = v * w;
            for (int u = 0; u < w; u++) {
                tmp[row + u] = 0.25f * grad[up + u] + 0.5f * grad[row + u] + 0.25f * grad[dn + u];
            }
        }
        // Sobel magnitude (clamped at the borders).
        for (int v = 0; v < h; v++) {
            int up = Math.max(0, v - 1) * w, dn = Math.min(h - 1, v + 1) * w, row = v * w;
            grad[row] = sobel(tmp, up, row, dn, 0, 0, Math.min(w - 1, 1));
            for (int u = 1; u < w - 1; u++) {
                float gx = (tmp[up + u + 1] + 2 * tmp[row + u + 1] + tmp[dn + u + 1]) - (tmp[up + u - 1] + 2 * tmp[row + u - 1] + tmp[dn + u - 1]);
                float gy = (tmp[dn + u - 1] + 2 * tmp[dn + u] + tmp[dn + u + 1]) - (tmp[up + u - 1] + 2 * tmp[up + u] + tmp[up + u + 1]);
                grad[row + u] = (float) Math.sqrt(gx * gx + gy * gy);
            }
            if (w > 1) {
                grad[row + w - 1] = sobel(tmp, up, row, dn, w - 2, w - 1, w - 1);
            }
        }
        // The threshold: a share of the 98th-percentile magnitude, from a histogram.
        int n = w * h;
        java.util.Arrays.fill(hist, 0);
        float maxBin = HIST_BINS / 1500f;   // Sobel magnitude of 8-bit data is below 4 x 255 x sqrt 2 ~ 1443
        int p = 0;
        for (; p + 1 < n; p += 2) {
            hist[Math.min(HIST_BINS - 1, (int) (grad[p] * maxBin))]++;
            hist[HIST_BINS + Math.min(HIST_BINS - 1, (int) (grad[p + 1] * maxBin))]++;
        }
        if (p < n) {
            hist[Math.min(HIST_BINS - 1, (int) (grad[p] * maxBin))]++;
        }
        int target = (int) (0.98 * n), acc = 0, bin = 0;
        while (bin < HIST_BINS - 1 && acc + hist[bin] + hist[HIST_BINS + bin] < target) {
            acc += hist[bin] + hist[HIST_BINS + bin];
            bin++;
        }
        // A floor of 8 code units of Sobel response keeps a flat image (all noise) from filling with edges.
        float threshold = Math.max(8f, (float) (EDGE_SHARE_OF_P98 * (bin + 1) / maxBin));
        // Non-maximum suppression across the gradient direction, on interior pixels at or over the threshold (a few
        // percent of them: the branch is well predicted), the direction from the same Sobel sums as the magnitude.
        java.util.Arrays.fill(edge, (byte) 0);
        for (int v = 1; v < h - 1; v++) {
            int up = (v - 1) * w, dn = (v + 1) * w, row = v * w;
            for (int u = 1; u < w - 1; u++) {
                int q = row + u;
                float m = grad[q];
                if (m >= threshold) {
                    float gx = (tmp[up + u + 1] + 2 * tmp[row + u + 1] + tmp[dn + u + 1]) - (tmp[up + u - 1] + 2 * tmp[row + u - 1] + tmp[dn + u - 1]);
                    float gy = (tmp[dn + u - 1] + 2 * tmp[dn + u] + tmp[dn + u + 1]) - (tmp[up + u - 1] + 2 * tmp[up + u] + tmp[up + u + 1]);
                    float ax = Math.abs(gx), ay = Math.abs(gy);
                    // Direction quantised to horizontal gradient (neighbours left and right), 45, vertical, 135 degrees;
                    // tan(22.5 deg) = 0.4142.
                    int step;
                    if (ay <= 0.4142f * ax) {
                        step = 1;
                    } else if (ax <= 0.4142f * ay) {
                        step = w;
                    } else {
                        step = (gx > 0) == (gy > 0) ? w + 1 : w - 1;
                    }
                    edge[q] = (byte) (m >= grad[q - step] && m >= grad[q + step] ? 1 : 0);
                }
            }
        }
    }

    /** Sobel magnitude at (u, row) of the smoothed image with the given (clamped) neighbour columns l, r and rows up, dn. */
    private static float sobel(float[] s, int up, int row, int dn, int l, int u, int r) {
        float gx = (s[up + r] + 2 * s[row + r] + s[dn + r]) - (s[up + l] + 2 * s[row + l] + s[dn + l]);
        float gy = (s[dn + l] + 2 * s[dn + u] + s[dn + r]) - (s[up + l] + 2 * s[up + u] + s[up + r]);
        return (float) Math.sqrt(gx * gx + gy * gy);
    }

    /**
     * 1 where the label of a half-resolution pixel (its 2 x 2 block's top-left label) differs from its right or lower
     * neighbour's, else 0, into out.
     */
    private void boundaries(byte[] semantic, int width, int height, byte[] out) {
        for (int v = 0; v < h; v++) {
            int p = v * w, row = 2 * v * width, below = Math.min(height - 1, 2 * v + 2) * width;
            boolean hasBelow = v + 1 < h;
            for (int u = 0; u < w; u++, p++) {
                byte label = semantic[row + 2 * u];
                boolean right = u + 1 < w && label != semantic[row + 2 * u + 2];
                boolean down = hasBelow && label != semantic[below + 2 * u];
                out[p] = (byte) ((right | down) ? 1 : 0);
            }
        }
    }

    /**
     * Square dilation by {@code r} pixels (Chebyshev), of a mask of 0 and 1: the OR of the rows shifted by up to r
     * either way, then of the columns, clipped at the borders.
     */
    private void dilate(byte[] src, byte[] dst, int r) {
        if (r == 0) {
            System.arraycopy(src, 0, dst, 0, src.length);
            return;
        }
        for (int v = 0; v < h; v++) {
            int row = v * w;
            System.arraycopy(src, row, dilTmp, row, w);
            for (int k = 1; k <= r && k < w; k++) {
                for (int p = row, end = row + w - k; p < end; p++) {
                    dilTmp[p] |= src[p + k];
                }
                for (int p = row + k, end = row + w; p < end; p++) {
                    dilTmp[p] |= src[p - k];
                }
            }
        }
        for (int v = 0; v < h; v++) {
            int row = v * w;
            System.arraycopy(dilTmp, row, dst, row, w);
            for (int k = 1; k <= r; k++) {
                if (v + k < h) {
                    orRow(dst, row, dilTmp, row + k * w, w);
                }
                if (v - k >= 0) {
                    orRow(dst, row, dilTmp, row - k * w, w);
                }
            }
        }
    }

    private static void orRow(byte[] dst, int at, byte[] src, int from, int n) {
        for (int i = 0; i < n; i++) {
            dst[at + i] |= src[from + i];
        }
    }
}
