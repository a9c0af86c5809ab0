package org.hilbridge.augment.gate;

import org.hilbridge.augment.VectorApi;
import org.hilbridge.augment.metrics.NoiseEstimate;

/**
 * SSIM of two luminance images after a Gaussian blur of each (Wang, Bovik, Sheikh, Simoncelli, "Image quality
 * assessment: from error visibility to structural similarity", IEEE TIP 13(4), 2004): local statistics under
 * a Gaussian window, C1 = (0.01 x 255)^2, C2 = (0.03 x 255)^2; the SSIM map's mean.
 *
 * <p>SSIM's luminance and contrast terms fall under every legitimate appearance change (fog lowers contrast
 * by design), so the gate leans on a structure term instead: the local correlation of the two blurred images,
 * cov / sqrt(var_raw (var_aug + floor)), which a locally affine change of brightness (fog, exposure,
 * vignetting, white balance on luma) leaves at 1, averaged with the raw image's local variance as weight (flat
 * areas hold no geometry to lose). Unlike SSIM's own structure term (with C3 in numerator and denominator),
 * it falls to 0 where textured raw content was painted flat, and to the lagged autocorrelation where content
 * moved. The variance floor keeps 8-bit quantisation of a faint (foggy) texture from counting as a loss, and
 * the white noise the augmentation added (sensor noise; estimated over the whole image, {@link NoiseEstimate})
 * is taken off the augmented image's local variance, since noise moves no geometry.
 * Reported: the image's weighted mean and the lowest of a tiles x tiles grid's.
 *
 * <p>Cost: everything after the blur is low-pass, so it runs at half resolution (2 x 2 means made by the gate, all lengths
 * halved for the blur's sigma; the window's is 1.5 half-resolution pixels, 3 of the full image, a little wider
 * than Wang et al.'s 1.5 so that a few samples of the half-resolution image fall in it), and every Gaussian is three passes
 * of a box filter of the same variance (Wells, "Efficient synthesis of Gaussian filters by cascaded uniform
 * filters", IEEE PAMI 8(2), 1986), a few additions a pixel whatever the sigma. The five local statistics (the two
 * means, squares and product) go through one {@link BoxCascade} as lanes of one interleaved image, made row by row
 * as the cascade asks and handed to the map row by row as it emits them, so none of the five is ever a whole image.
 * The map's two divisions and square root a pixel run 8 pixels at a time where the Vector API
 * is present ({@link SsimMapVector}); its per-tile sums run in registers along each tile's stretch of a row. Every sum
 * keeps its order, so the results are the same doubles as one plain pass per step (GateEquivalenceTest).
 */
final class Ssim {
    /**
     * @param mean           mean SSIM
     * @param structure      variance-weighted mean of the structure term
     * @param worstTile      the lowest tile structure
     */
    record Result(double mean, double structure, double worstTile) {
    }

    /** Floor under the augmented image's local variance in the structure term, code units squared. */
    static final double STRUCTURE_FLOOR = 0.25;
    static final double C1 = (0.01 * 255) * (0.01 * 255);
    static final double C2 = (0.03 * 255) * (0.03 * 255);
    static final double WINDOW_SIGMA_PX = 1.5;

    /** The two images the statistics are taken of: the callers' half-resolution ones, or their blurred copies. */
    private float[] a, b;
    private float[] blurredA, blurredB;
    /** The five blurred statistics of the row the map is on: means, squares and product. */
    private float[] ma, mb, maa, mbb, mab;
    private final BoxCascade cascade;
    /** Each column's tile index (u x tiles / w), for the width and tile count of the last frame. */
    private int[] tileColumn = new int[0];
    private int tileColumnTiles = -1;
    private double[] tileSum = new double[0];
    private double[] tileWeight = new double[0];
    private double[] rowSsim = new double[0], rowWeighted = new double[0], rowWeight = new double[0];
    private final boolean vector;
    /** The frame's state while the map's rows arrive. */
    private int w, h, tiles;
    private double addedNoise, sum, structureSum, weightSum;
    /** The blur before the statistics: the two images in lanes 0 and 1. */
    private final BoxCascade.Rows preBlur = new BoxCascade.Rows() {
        @Override
        public void fill(int y, float[] dst) {
            for (int u = 0, p = y * w, o = 0; u < w; u++, p++, o += BoxCascade.LANES) {
                dst[o] = a[p];
                dst[o + 1] = b[p];
            }
        }

        @Override
        public void take(int v, float[] src) {
            for (int u = 0, p = v * w, o = 0; u < w; u++, p++, o += BoxCascade.LANES) {
                a[p] = src[o];
                b[p] = src[o + 1];
            }
        }
    };
    /** The local statistics: the two images, their squares and their product in lanes 0 to 4, each row into the map. */
    private final BoxCascade.Rows statistics = new BoxCascade.Rows() {
        @Override
        public void fill(int y, float[] dst) {
            for (int u = 0, p = y * w, o = 0; u < w; u++, p++, o += BoxCascade.LANES) {
                float x = a[p], z = b[p];
                dst[o] = x;
                dst[o + 1] = z;
                dst[o + 2] = x * x;
                dst[o + 3] = z * z;
                dst[o + 4] = x * z;
            }
        }

        @Override
        public void take(int v, float[] src) {
            for (int u = 0, o = 0; u < w; u++, o += BoxCascade.LANES) {
                ma[u] = src[o];
                mb[u] = src[o + 1];
                maa[u] = src[o + 2];
                mbb[u] = src[o + 3];
                mab[u] = src[o + 4];
            }
            mapRow(v);
        }
    };

    /**
     * @param vector the box filters with {@link BoxVector} and the SSIM map with {@link SsimMapVector}, each where this
     *               JVM can run it (same results as the scalar paths)
     */
    Ssim(boolean vector) {
        this.vector = vector && mapVectorUsable();
        this.cascade = new BoxCascade(vector && BoxCascade.vectorUsable());
    }

    Ssim() {
        this(true);
    }

    /**
     * Whether this JVM can run {@link SsimMapVector}: started with {@code --add-modules jdk.incubator.vector} (without
     * the module its class must not be initialised) and vectors of 8 doubles.
     */
    static boolean mapVectorUsable() {
        return VectorApi.present() && SsimMapVector.wideEnough();
    }

    /**
     * @param halfA      the raw image's luminance at half resolution (2 x 2 means), w x h; not modified
     * @param halfB      the augmented image's, likewise
     * @param blurSigma  the blur before the statistics, in full-resolution pixels
     */
    Result compute(float[] halfA, float[] halfB, int w, int h, double blurSigma, int tiles) {
        int n = w * h;
        if (ma == null || ma.length != w) {
            ma = new float[w];
            mb = new float[w];
            maa = new float[w];
            mbb = new float[w];
            mab = new float[w];
            rowSsim = new double[w];
            rowWeighted = new double[w];
            rowWeight = new double[w];
        }
        this.w = w;
        this.h = h;
        this.tiles = tiles;
        int preR = blurSigma > 0 ? boxRadius(blurSigma / 2) : 0;
        if (preR > 0) {
            // Blurred copies (the callers' images stay as they are).
            if (blurredA == null || blurredA.length != n) {
                blurredA = new float[n];
                blurredB = new float[n];
            }
            System.arraycopy(halfA, 0, blurredA, 0, n);
            System.arraycopy(halfB, 0, blurredB, 0, n);
            a = blurredA;
            b = blurredB;
            cascade.apply(w, h, preR, preBlur);
        } else {
            // No blur (its box rounds to nothing at the default sigma): the statistics read the callers' images.
            a = halfA;
            b = halfB;
        }
        // Noise the augmentation added, as a variance: Immerkaer's estimate on each blurred image, the raw's taken off.
        addedNoise = Math.max(0, NoiseEstimate.variance(b, w, h) - NoiseEstimate.variance(a, w, h));
        int tileCount = tiles * tiles;
        if (tileSum.length != tileCount) {
            tileSum = new double[tileCount];
            tileWeight = new double[tileCount];
        }
        java.util.Arrays.fill(tileSum, 0);
        java.util.Arrays.fill(tileWeight, 0);
        if (tileColumn.length != w || tileColumnTiles != tiles) {
            tileColumn = new int[w];
            for (int u = 0; u < w; u++) {
                tileColumn[u] = u * tiles / w;
            }
            tileColumnTiles = tiles;
        }
        sum = 0;
        structureSum = 0;
        weightSum = 0;
        // The local statistics under the window (its box has half-width 1), row by row into the map (mapRow).
        cascade.apply(w, h, boxRadius(WINDOW_SIGMA_PX), statistics);
        double worst = 1;
        double meanWeight = weightSum / tileCount;
        for (int i = 0; i < tileCount; i++) {
            if (tileWeight[i] > 0.05 * meanWeight) {   // a tile with almost no raw structure (sky) has nothing to lose
                worst = Math.min(worst, tileSum[i] / tileWeight[i]);
            }
        }
        a = null;
        b = null;
        return new Result(sum / n, weightSum > 0 ? structureSum / weightSum : 1, worst);
    }

    /** Row v of the SSIM map (from the statistics in ma to mab) into the image's and its tiles' sums. */
    private void mapRow(int v) {
        if (vector) {
            SsimMapVector.mapRow(ma, mb, maa, mbb, mab, 0, w, addedNoise, rowSsim, rowWeighted, rowWeight);
        } else {
            mapRowScalar(ma, mb, maa, mbb, mab, 0, w, addedNoise, rowSsim, rowWeighted, rowWeight, 0);
        }
        int tileRow = v * tiles / h * tiles;
        double s = sum, st = structureSum, ws = weightSum;
        // Each tile's stretch of this row: its sums in registers, added in the same order as pixel by pixel.
        for (int u = 0; u < w; ) {
            int tile = tileRow + tileColumn[u];
            double ts = tileSum[tile], tw = tileWeight[tile];
            int end = u + 1;
            while (end < w && tileColumn[end] == tileColumn[u]) {
                end++;
            }
            for (; u < end; u++) {
                s += rowSsim[u];
                st += rowWeighted[u];
                ws += rowWeight[u];
                ts += rowWeighted[u];
                tw += rowWeight[u];
            }
            tileSum[tile] = ts;
            tileWeight[tile] = tw;
        }
        sum = s;
        structureSum = st;
        weightSum = ws;
    }

    /**
     * The SSIM map along pixels [from, from + n) of the blurred statistics: each pixel's SSIM, its structure term
     * weighted by the raw image's local variance, and that variance, into the three rows from index {@code at}.
     */
    static void mapRowScalar(float[] a, float[] b, float[] aa, float[] bb, float[] ab, int from, int n, double addedNoise,
                             double[] ssim, double[] weighted, double[] weight, int at) {
        for (int i = 0; i < n; i++) {
            int p = from + i;
            double ma = a[p], mb = b[p];
            double va = Math.max(0, aa[p] - ma * ma), vb = Math.max(0, bb[p] - mb * mb), cov = ab[p] - ma * mb;
            ssim[at + i] = (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
            // Structure: correlation of the two, weighted by the raw image's local variance.
            double st = Math.max(-1, Math.min(1, cov / Math.sqrt(va * (Math.max(0, vb - addedNoise) + STRUCTURE_FLOOR) + 1e-12)));
            weighted[at + i] = va * st;
            weight[at + i] = va;
        }
    }

    /**
     * The half-width of the box whose three passes make a Gaussian of the given sigma ({@link BoxCascade}): a box of
     * half-width r has variance r(r + 1)/3, three of them r(r + 1), so r = round((sqrt(1 + 4 sigma^2) - 1) / 2), with
     * the remaining variance (if the rounding left some) ignored.
     */
    private static int boxRadius(double sigma) {
        return (int) Math.max(0, Math.round((Math.sqrt(1 + 4 * sigma * sigma) - 1) / 2));
    }
}
