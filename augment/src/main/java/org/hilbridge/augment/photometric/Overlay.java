package org.hilbridge.augment.photometric;

/**
 * Things drawn in front of the scene (rain streaks, snow flakes), composited over it later in the pass that
 * reads the scene, by the "over" operator layer by layer in drawing order: L' = L (1 - alpha) + alpha R (Porter
 * and Duff, "Compositing digital images", SIGGRAPH 1984).
 *
 * <p>Sparse: the drawing appends one record (pixel, row, depth, alpha, radiance) per covered pixel, touching no
 * per-pixel array of the frame (a streak's pixels are far apart in memory; full-frame arrays cost a cache miss each).
 * {@link #index} then drops the records behind a nearer surface and sorts the rest by row with a stable counting
 * sort, so the scene pass visits only the covered pixels of each row and applies each pixel's layers in the order
 * they were drawn. Buffers are reused from frame to frame (grown, never shrunk); one thread at a time.
 */
final class Overlay {
    private int[] pixel = new int[4096];
    private int[] row = new int[4096];
    private double[] depth = new double[4096];
    private float[] alpha = new float[4096];
    private float[] radiance = new float[4096];
    private int count;
    /** After index: the records by row (row v: entries rowStart[v] .. rowStart[v + 1] - 1), drawing order kept within a row. */
    private int[] rowStart = new int[0];
    private int[] sortedPixel = new int[0];
    private float[] sortedAlpha = new float[0];
    private float[] sortedRadiance = new float[0];

    void reset() {
        count = 0;
    }

    /**
     * Draws a layer of opacity alpha and radiance R at depth z (metres along the optical axis) over pixel p of row v;
     * {@link #index} drops it if the surface there is not farther than z.
     */
    void over(int p, int v, double z, float a, float r) {
        if (count == pixel.length) {
            pixel = java.util.Arrays.copyOf(pixel, 2 * count);
            row = java.util.Arrays.copyOf(row, 2 * count);
            depth = java.util.Arrays.copyOf(depth, 2 * count);
            alpha = java.util.Arrays.copyOf(alpha, 2 * count);
            radiance = java.util.Arrays.copyOf(radiance, 2 * count);
        }
        pixel[count] = p;
        row[count] = v;
        depth[count] = z;
        alpha[count] = a;
        radiance[count] = r;
        count++;
    }

    /**
     * Drops the layers hidden by a nearer surface (kept where depthM[p] &gt; z: NaN depth hides), then sorts the rest
     * of a w x h frame by row (call after drawing, before {@link #rowStart}). The depth tests run in one short loop
     * of their own: each misses the cache (the depth frame is megabytes, a streak's pixels a row apart), and a loop
     * of a few instructions keeps many of those misses in flight at once, where the drawing, between two tests,
     * kept one or two.
     */
    void index(int w, int h, float[] depthM) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            int p = pixel[i];
            pixel[n] = p;
            row[n] = row[i];
            alpha[n] = alpha[i];
            radiance[n] = radiance[i];
            n += depthM[p] > depth[i] ? 1 : 0;
        }
        count = n;
        if (rowStart.length != h + 1) {
            rowStart = new int[h + 1];
        }
        if (sortedPixel.length < count) {
            sortedPixel = new int[pixel.length];
            sortedAlpha = new float[pixel.length];
            sortedRadiance = new float[pixel.length];
        }
        int[] start = rowStart;
        java.util.Arrays.fill(start, 0);
        for (int i = 0; i < count; i++) {
            start[row[i] + 1]++;
        }
        for (int v = 0; v < h; v++) {
            start[v + 1] += start[v];
        }
        // Stable: records go to their row's next free slot in drawing order; start[v] walks to start[v + 1] and is
        // shifted back after.
        for (int i = 0; i < count; i++) {
            int k = start[row[i]]++;
            sortedPixel[k] = pixel[i];
            sortedAlpha[k] = alpha[i];
            sortedRadiance[k] = radiance[i];
        }
        for (int v = h; v > 0; v--) {
            start[v] = start[v - 1];
        }
        start[0] = 0;
    }

    /** First sorted record of row v; row v's records end at rowStart(v + 1). */
    int rowStart(int v) {
        return rowStart[v];
    }

    int pixel(int k) {
        return sortedPixel[k];
    }

    float alpha(int k) {
        return sortedAlpha[k];
    }

    float radiance(int k) {
        return sortedRadiance[k];
    }

    /** Records drawn this frame (after {@link #index}: those not hidden). */
    int count() {
        return count;
    }
}
