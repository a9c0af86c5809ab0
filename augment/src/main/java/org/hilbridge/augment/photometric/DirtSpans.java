package org.hilbridge.augment.photometric;

/**
 * Where the lens dirt lies, row by row: for each row of a dirt mask (opacity per pixel, w h floats), the span [from,
 * to) from its first to one past its last non-zero entry (from = to = 0 where the row has none). Outside the span the
 * dirt step is the identity (see SensorRow.dirt), so the sensor pass runs it only inside: the benchmark's
 * 12 spots leave most rows and most of each dirty row clean. Found once per mask (the backend makes a new mask array
 * only when the frame size changes and never writes it afterwards), by the mask's identity. One thread at a time.
 */
final class DirtSpans {
    private float[] mask;
    private int width = -1;
    private int[] from = new int[0];
    private int[] to = new int[0];

    /** The spans of mask, a frame w pixels wide, found now unless they are already this mask's and width's. */
    DirtSpans of(float[] mask, int w) {
        if (mask != this.mask || w != width) {
            find(mask, w);
        }
        return this;
    }

    /** The scan, in a method of its own: run once per mask, it stays out of the sensor pass's compiled row method. */
    private void find(float[] mask, int w) {
        int h = w == 0 ? 0 : mask.length / w;
        from = new int[h];
        to = new int[h];
        for (int v = 0; v < h; v++) {
            int first = v * w, last = first + w;
            while (first < last && mask[first] == 0) {
                first++;
            }
            while (last > first && mask[last - 1] == 0) {
                last--;
            }
            from[v] = first == last ? 0 : first - v * w;
            to[v] = first == last ? 0 : last - v * w;
        }
        this.mask = mask;
        this.width = w;
    }

    /** The first column of row v with dirt (0 where it has none). */
    int from(int v) {
        return from[v];
    }

    /** One past the last column of row v with dirt (0 where it has none). */
    int to(int v) {
        return to[v];
    }
}
