package org.hilbridge.augment.gate;

/**
 * Whether the augmented image's edges sit where the raw image's do, or where they would after a whole-frame move: the
 * gate's displacement check (issue 9's negative control, a 3-pixel shift).
 *
 * <p>Why: the structure term (a local correlation under a 1.5-pixel window) falls under a move by the image's own
 * autocorrelation at that lag, which depends on the content's scale in pixels: a 3-pixel shift took it to 0.59-0.66 on
 * 256x192 renders but only to 0.72-0.81 at 1280x720 (the same scenery sampled five times finer, so smoother per pixel),
 * where fog alone reaches 0.87. The edge F1's tolerance (2 frame pixels) lets most of a 3-pixel move through as well,
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
 * fog change the edges' contrast, not their place.
 */
final class EdgeAlignment {
    /** Displacements tried either way along each axis, half-resolution pixels (4 frame pixels). */
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
        // Along x (offsets d) and along y (offsets d rows); the count in place is shared. No arrays: the gate allocates
        // nothing per frame (VectorShapesTest).
        long inPlace = matches(raw, augmented, w, h, 0);
        long minX = inPlace, maxX = inPlace, minY = inPlace, maxY = inPlace;
        for (int d = -r; d <= r; d++) {
            if (d != 0) {
                long x = matches(raw, augmented, w, h, d), y = matches(raw, augmented, w, h, d * w);
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        return Math.min(peakShare(inPlace, minX, maxX), peakShare(inPlace, minY, maxY));
    }

    /** Raw edges with an augmented edge at offset {@code offset} (in array index) over the interior. */
    private static long matches(byte[] raw, byte[] augmented, int w, int h, int offset) {
        int r = RADIUS_PX;
        long count = 0;
        for (int v = r; v < h - r; v++) {
            int row = v * w;
            // An int per row (at most w matches), which C2 vectorises as a byte AND and add reduction.
            int c = 0;
            for (int p = row + r, end = row + w - r; p < end; p++) {
                c += raw[p] & augmented[p + offset];
            }
            count += c;
        }
        return count;
    }

    /** (C(0) - min) / (max - min) of the counts at d = -R..R; 1 where they are all equal. */
    private static double peakShare(long inPlace, long min, long max) {
        return max == min ? 1 : (double) (inPlace - min) / (max - min);
    }
}
