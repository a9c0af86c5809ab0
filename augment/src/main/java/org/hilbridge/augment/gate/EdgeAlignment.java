package org.hilbridge.augment.gate;

/**
 * Whether the augmented image's edges sit where the raw image's do, or where they would after a whole-frame move: the
 * gate's displacement check (issue 9's negative control, a 3-pixel shift).
 *
 * <p>Why: the structure term (a local correlation under a 1.5-pixel window) falls under a move by the image's own
 * autocorrelation at that lag, which depends on the content's scale in pixels: a 3-pixel shift took it to 0.59-0.66 on
 * 256x192 renders but only to 0.67-0.88 at 1280x720 (the same scenery sampled five times finer, so smoother per pixel),
 * where fog at 400 m alone takes it to 0.87. The edge F1's tolerance (2 frame pixels) lets most of a 3-pixel move through as well,
 * and the off-road scenery's edges are mostly near-horizontal (the horizon, ground cover), which a sideways move does not
 * displace at all. A displacement estimate does not depend on the content's scale: it asks where the match peaks.
 *
 * <p>How: C(d), the count of raw edge pixels with an augmented edge pixel exactly d half-resolution pixels away, for
 * d = -R..R along each axis separately (edges are the gate's thin, non-maximum-suppressed masks). Edges along the axis
 * of a move match at every d alike; they add the same count to each C(d), which the minimum removes. An image that kept
 * its geometry matches best in place (every weather, sensor and codec effect of the tests, and the exposure and colour
 * models, peak at d = 0 on every render tried); a moved one peaks at the move. The alignment along an axis is
 * (C(0) - min C) / (max C - min C), 1 where the match peaks in place, near 0 where it peaks elsewhere (1 where C is
 * flat: nothing to tell). The lower of the two axes is reported. It is the 1-D form of locating the peak of a
 * cross-correlation (as in image registration, e.g. Zitová and Flusser, "Image registration methods: a survey", Image
 * and Vision Computing 21(11), 2003), on binary edge maps, so it needs no brightness model: exposure, white balance or
 * fog change the edges' contrast, not their place. A 3-pixel shift: 0.29-0.59 at 1280x720, 0.33-0.51 at 256x192.
 *
 * <p>Cost: about 0.5 ms a 1280x720 frame (one pass over the raw mask; 9 lookups at each of its few edge pixels).
 */
final class EdgeAlignment {
    /** Displacements tried either way along each axis, half-resolution pixels (4 frame pixels; the counts below are written out for 2). */
    static final int RADIUS_PX = 2;

    private EdgeAlignment() {
    }

    /**
     * The lower alignment of the two axes, 0 to 1, of the edge masks (0 and 1 bytes, w x h) {@code raw} and
     * {@code augmented}, counted over the pixels at least {@link #RADIUS_PX} from every border.
     */
    static double of(byte[] raw, byte[] augmented, int w, int h) {
        int r = RADIUS_PX;
        if (w <= 2 * r || h <= 2 * r) {
            return 1;
        }
        // One pass over the raw mask; at each raw edge pixel (a few percent of them: the branch is well predicted) the
        // augmented mask at the 4R + 1 offsets along x and along y. No arrays: the gate allocates nothing per frame.
        long inPlace = 0, x1 = 0, x2 = 0, xm1 = 0, xm2 = 0, y1 = 0, y2 = 0, ym1 = 0, ym2 = 0;
        for (int v = r; v < h - r; v++) {
            for (int p = v * w + r, end = v * w + w - r; p < end; p++) {
                if (raw[p] != 0) {
                    inPlace += augmented[p];
                    xm2 += augmented[p - 2];
                    xm1 += augmented[p - 1];
                    x1 += augmented[p + 1];
                    x2 += augmented[p + 2];
                    ym2 += augmented[p - 2 * w];
                    ym1 += augmented[p - w];
                    y1 += augmented[p + w];
                    y2 += augmented[p + 2 * w];
                }
            }
        }
        long minX = Math.min(inPlace, Math.min(Math.min(xm2, xm1), Math.min(x1, x2)));
        long maxX = Math.max(inPlace, Math.max(Math.max(xm2, xm1), Math.max(x1, x2)));
        long minY = Math.min(inPlace, Math.min(Math.min(ym2, ym1), Math.min(y1, y2)));
        long maxY = Math.max(inPlace, Math.max(Math.max(ym2, ym1), Math.max(y1, y2)));
        return Math.min(peakShare(inPlace, minX, maxX), peakShare(inPlace, minY, maxY));
    }

    /** (C(0) - min) / (max - min) of the counts at d = -R..R; 1 where they are all equal. */
    private static double peakShare(long inPlace, long min, long max) {
        return max == min ? 1 : (double) (inPlace - min) / (max - min);
    }
}
