package org.hilbridge.augment.photometric;

/**
 * Things drawn in front of the scene (rain streaks, snow flakes) composited over it later, in the pass that
 * reads the scene: per touched pixel the transmitted share K = product of (1 - alpha_i) and the added
 * radiance A, built by the "over" operator layer by layer (A' = A (1 - a) + a R, K' = K (1 - a); Porter and
 * Duff, "Compositing digital images", SIGGRAPH 1984), so the scene L becomes L K + A.
 *
 * <p>Sparse: only touched pixels hold values, listed so that clearing costs nothing for the rest. Once drawn,
 * {@link #index} sorts the touched pixels by row (a counting sort) into compact arrays, so the scene pass visits
 * only the touched pixels of each row, in order, instead of testing every pixel. Buffers are reused from frame
 * to frame; one thread at a time.
 */
final class Overlay {
    private byte[] touched = new byte[0];
    private float[] keep = new float[0];
    private float[] add = new float[0];
    private int[] list = new int[1024];
    private int count;
    /** After index: touched pixels by row (row v: entries rowStart[v] .. rowStart[v + 1] - 1) with their K and A. */
    private int[] rowStart = new int[0];
    private int[] sortedPixel = new int[1024];
    private float[] sortedKeep = new float[1024];
    private float[] sortedAdd = new float[1024];

    void reset(int pixels) {
        if (touched.length != pixels) {
            touched = new byte[pixels];
            keep = new float[pixels];
            add = new float[pixels];
            count = 0;
            return;
        }
        for (int i = 0; i < count; i++) {
            touched[list[i]] = 0;
        }
        count = 0;
    }

    void over(int p, float alpha, float radiance) {
        if (touched[p] == 0) {
            touched[p] = 1;
            keep[p] = 1;
            add[p] = 0;
            if (count == list.length) {
                list = java.util.Arrays.copyOf(list, 2 * count);
            }
            list[count++] = p;
        }
        add[p] = add[p] * (1 - alpha) + alpha * radiance;
        keep[p] *= 1 - alpha;
    }

    /** Sorts the touched pixels of a w x h frame by row (call after drawing, before {@link #rowStart}). */
    void index(int w, int h) {
        if (rowStart.length != h + 1) {
            rowStart = new int[h + 1];
        }
        if (sortedPixel.length < count) {
            sortedPixel = new int[list.length];
            sortedKeep = new float[list.length];
            sortedAdd = new float[list.length];
        }
        int[] start = rowStart;
        java.util.Arrays.fill(start, 0);
        for (int i = 0; i < count; i++) {
            start[list[i] / w + 1]++;
        }
        for (int v = 0; v < h; v++) {
            start[v + 1] += start[v];
        }
        // Place each pixel at its row's next free slot; start[v] walks to start[v + 1] and is restored after.
        for (int i = 0; i < count; i++) {
            int p = list[i];
            int k = start[p / w]++;
            sortedPixel[k] = p;
            sortedKeep[k] = keep[p];
            sortedAdd[k] = add[p];
        }
        for (int v = h; v > 0; v--) {
            start[v] = start[v - 1];
        }
        start[0] = 0;
    }

    /** First sorted entry of row v; row v's entries end at rowStart(v + 1). */
    int rowStart(int v) {
        return rowStart[v];
    }

    int pixel(int k) {
        return sortedPixel[k];
    }

    float keep(int k) {
        return sortedKeep[k];
    }

    float add(int k) {
        return sortedAdd[k];
    }
}
