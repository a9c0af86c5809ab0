package org.hilbridge.augment.gate;

import java.util.Arrays;

/**
 * Whether the augmented image's strong colour contours were in the raw image: the gate's check for painted objects
 * (issue 9's negative control, a flat disc painted over the scene), reported per tile.
 *
 * <p>Why: the structure term is weighted by the raw image's local variance, so it sees texture lost, not structure
 * added: a disc painted over faint ground (most of its tile's weight in a tree or the horizon, or the whole tile under
 * 5% of the mean tile weight) left the worst tile at 0.6-0.84 on 1280x720 renders of the sparse default scenery, and a
 * red disc of nearly the ground's luma (82 against about 90 codes) was invisible to every luma measure (edge F1 1.000).
 * An object differs from what it covers in colour as well as in brightness, so the contours are taken on a colour
 * gradient: the square root of the summed squared Sobel gradients of luma and two opponent channels, r - g and
 * (r + g) / 2 - b (the trace of Di Zenzo's multi-channel structure tensor: S. Di Zenzo, "A note on the gradient of a
 * multi-image", Computer Vision, Graphics, and Image Processing 33(1), 1986).
 *
 * <p>How: on a coarse image of about {@link #COARSE_ROWS} rows (block means of the frame, the same share of the frame
 * at every size, as the negative controls are), where snowflakes, rain streaks, sensor noise and JPEG blocks average
 * out while an object's outline stays. A contour is an augmented gradient of at least {@link #STRONG_SHARE} of the
 * larger of the two images' 98th-percentile gradient (the raw's where the augmentation lowered contrast, as fog,
 * night or a darker exposure do, so their faint remnants are not counted; the augmented one's where it raised it).
 * What of it the raw image explains is the raw gradient within one coarse pixel (a 3 x 3 maximum), scaled by the gain
 * in contrast where the augmentation raised it; the rest is invented. Per tile: 1 - invented / contour strength, over
 * tiles holding at least {@link #MIN_TILE_SHARE} of the mean tile's contour strength. Calibration (GateAt720pTest,
 * GroundingGateTest, the benchmark's six frames, 12 poses of the sparse scenery and 5 of the dense at 256x192, 640x480
 * and 1280x720): the painted disc 0.02 to 0.16; every weather, sensor and codec effect of the tests 0.69 (fog at 400
 * m, 1280x720) to 1, snow 0.85 or more, a 3-pixel shift 0.82 or more (nothing invented, only moved).
 *
 * <p>Cost: about 1.3 ms a 1280x720 frame, nearly all of it the pass over the two frames' bytes that builds the coarse
 * images (integer block sums; 1/64 of the pixels). Scratch buffers are kept between frames of one size; one frame at a
 * time.
 */
final class ContourAgreement {
    /** Rows of the coarse image (block means of round(height / this) pixels a side). */
    static final int COARSE_ROWS = 90;
    /** A contour: an augmented gradient at or over this share of the 98th-percentile gradient. */
    static final double STRONG_SHARE = 0.5;
    /** Tiles with less contour strength than this share of the mean tile's are not judged (nothing drawn there). */
    static final double MIN_TILE_SHARE = 0.02;
    private static final int HIST_BINS = 4096;
    /**
     * Histogram range: the colour gradient of channel means is under sqrt(3) x 4 x 255 x sqrt 2 ~ 2499 (Sobel of each of
     * three channels spanning at most 255 codes).
     */
    private static final float HIST_MAX = 2500f;

    private int width = -1, height = -1, block, cw, ch;
    /**
     * Every row of a block, or every other one where blocks are 4 or more rows tall (1280x720: 32 of each block's 64
     * pixels, which still average out snowflakes and noise): half the bytes read, the measure's main cost.
     */
    private int rowStep;
    /** Three coarse channels of one image, one after another; the two gradients; the raw's dilated. */
    private float[] channels, gradRaw, gradAug, dilated;
    /** Block sums of r, g and b, interleaved. */
    private int[] sums;
    /** Histogram of a gradient for its 98th percentile (no sort: the gate allocates nothing per frame). */
    private final int[] hist = new int[HIST_BINS];
    private double[] tileStrength = new double[0], tileInvented = new double[0];

    /** The lowest tile agreement (tiles x tiles), 0 to 1, of {@code augmented} with {@code raw} (both rgb8, width x height). */
    double worstTile(byte[] raw, byte[] augmented, int width, int height, int tiles) {
        allocate(width, height);
        if (cw < 3 || ch < 3) {
            return 1;
        }
        gradient(raw, gradRaw);
        gradient(augmented, gradAug);
        // Both over 0: a histogram bin's upper edge.
        float p98Raw = p98(gradRaw), p98Aug = p98(gradAug);
        dilate(gradRaw, dilated);
        double unit = Math.max(p98Raw, p98Aug);
        double gain = Math.max(1, p98Aug / p98Raw);
        int tileCount = tiles * tiles;
        if (tileStrength.length != tileCount) {
            tileStrength = new double[tileCount];
            tileInvented = new double[tileCount];
        }
        Arrays.fill(tileStrength, 0);
        Arrays.fill(tileInvented, 0);
        double all = 0;
        for (int v = 0; v < ch; v++) {
            int tileRow = v * tiles / ch * tiles;
            for (int u = 0, p = v * cw; u < cw; u++, p++) {
                double b = gradAug[p] / unit;
                if (b >= STRONG_SHARE) {
                    int t = tileRow + u * tiles / cw;
                    tileStrength[t] += b;
                    tileInvented[t] += Math.max(0, b - dilated[p] * gain / unit);
                    all += b;
                }
            }
        }
        double worst = 1;
        for (int t = 0; t < tileCount; t++) {
            if (tileStrength[t] > MIN_TILE_SHARE * all / tileCount) {
                worst = Math.min(worst, 1 - tileInvented[t] / tileStrength[t]);
            }
        }
        return worst;
    }

    private void allocate(int width, int height) {
        if (width == this.width && height == this.height) {
            return;
        }
        this.width = width;
        this.height = height;
        block = Math.max(1, (int) Math.round(height / (double) COARSE_ROWS));
        rowStep = block >= 4 ? 2 : 1;
        cw = width / block;
        ch = height / block;
        int n = cw * ch;
        channels = new float[3 * n];
        sums = new int[3 * n];
        gradRaw = new float[n];
        gradAug = new float[n];
        dilated = new float[n];
    }

    /** The colour gradient magnitude of the coarse image of rgb into grad (0 on the border). */
    private void gradient(byte[] rgb, float[] grad) {
        int n = cw * ch;
        // Block sums of the codes per channel (integer adds: the pass over the frame's bytes is the measure's main
        // cost), then the channels of the block means, which are linear in them: luma (Rec. 601), r - g, (r + g)/2 - b.
        Arrays.fill(sums, 0);
        for (int v = 0; v < ch; v++) {
            int row = 3 * v * cw;
            for (int y = v * block; y < (v + 1) * block; y += rowStep) {
                for (int u = 0, o = 3 * y * width; u < cw; u++) {
                    int r = 0, g = 0, b = 0;
                    for (int k = 0; k < block; k++, o += 3) {
                        r += rgb[o] & 0xFF;
                        g += rgb[o + 1] & 0xFF;
                        b += rgb[o + 2] & 0xFF;
                    }
                    sums[row + 3 * u] += r;
                    sums[row + 3 * u + 1] += g;
                    sums[row + 3 * u + 2] += b;
                }
            }
        }
        float mean = 1f / (block * ((block + rowStep - 1) / rowStep));
        for (int p = 0; p < n; p++) {
            float r = sums[3 * p] * mean, g = sums[3 * p + 1] * mean, b = sums[3 * p + 2] * mean;
            channels[p] = 0.299f * r + 0.587f * g + 0.114f * b;
            channels[n + p] = r - g;
            channels[2 * n + p] = 0.5f * (r + g) - b;
        }
        Arrays.fill(grad, 0);
        for (int v = 1; v < ch - 1; v++) {
            for (int u = 1; u < cw - 1; u++) {
                int p = v * cw + u;
                float sum = 0;
                for (int c = 0; c < 3 * n; c += n) {
                    int q = c + p;
                    float gx = (channels[q - cw + 1] + 2 * channels[q + 1] + channels[q + cw + 1]) - (channels[q - cw - 1] + 2 * channels[q - 1] + channels[q + cw - 1]);
                    float gy = (channels[q + cw - 1] + 2 * channels[q + cw] + channels[q + cw + 1]) - (channels[q - cw - 1] + 2 * channels[q - cw] + channels[q - cw + 1]);
                    sum += gx * gx + gy * gy;
                }
                grad[p] = (float) Math.sqrt(sum);
            }
        }
    }

    /** The 98th percentile of grad, as the upper edge of its histogram bin. */
    private float p98(float[] grad) {
        Arrays.fill(hist, 0);
        float perBin = HIST_BINS / HIST_MAX;
        for (float g : grad) {
            hist[Math.min(HIST_BINS - 1, (int) (g * perBin))]++;
        }
        int target = (int) (0.98 * grad.length), acc = 0, bin = 0;
        while (bin < HIST_BINS - 1 && acc + hist[bin] < target) {
            acc += hist[bin];
            bin++;
        }
        return (bin + 1) / perBin;
    }

    /** 3 x 3 maximum (clamped at the borders): the raw gradient within one coarse pixel. */
    private void dilate(float[] src, float[] dst) {
        for (int v = 0; v < ch; v++) {
            int up = Math.max(0, v - 1) * cw, row = v * cw, dn = Math.min(ch - 1, v + 1) * cw;
            for (int u = 0; u < cw; u++) {
                int l = Math.max(0, u - 1), r = Math.min(cw - 1, u + 1);
                float m = 0;
                for (int k = l; k <= r; k++) {
                    m = Math.max(m, Math.max(src[up + k], Math.max(src[row + k], src[dn + k])));
                }
                dst[row + u] = m;
            }
        }
    }
}
