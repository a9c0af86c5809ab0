package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The overlay's row index: every drawn record listed under its row, in drawing order (the "over" operator is not
 * commutative: Porter and Duff 1984), so compositing a pixel's layers in that order gives L K + A with
 * K = product of (1 - alpha_i) and A built by A' = A (1 - alpha) + alpha R.
 */
@Timeout(30)
class OverlayTest {
    @Test
    void recordsAreListedByRowInDrawingOrderAndCompositeAsTheOverOperator() {
        int w = 7, h = 5;
        SplittableRandom r = new SplittableRandom(4);
        Overlay overlay = new Overlay();
        float[] nothingHides = new float[w * h];
        java.util.Arrays.fill(nothingHides, Float.POSITIVE_INFINITY);
        for (int frame = 0; frame < 3; frame++) {   // buffers reused: nothing carries over between frames
            overlay.reset();
            List<float[]> drawn = new ArrayList<>();
            int count = 5000 + 3000 * frame;   // beyond the initial capacity: the arrays grow
            for (int i = 0; i < count; i++) {
                int p = r.nextInt(w * h);
                float alpha = (float) r.nextDouble(), radiance = (float) r.nextDouble();
                overlay.over(p, p / w, 1, alpha, radiance);
                drawn.add(new float[] {p, alpha, radiance});
            }
            overlay.index(w, h, nothingHides);
            assertEquals(count, overlay.count());
            assertEquals(0, overlay.rowStart(0));
            assertEquals(count, overlay.rowStart(h));
            for (int v = 0; v < h; v++) {
                int k = overlay.rowStart(v);
                for (float[] d : drawn) {
                    if ((int) d[0] / w == v) {
                        assertEquals((int) d[0], overlay.pixel(k), "row " + v + " entry " + k);
                        assertEquals(d[1], overlay.alpha(k));
                        assertEquals(d[2], overlay.radiance(k));
                        k++;
                    }
                }
                assertEquals(overlay.rowStart(v + 1), k, "row " + v + " holds exactly its records");
            }
            // Layer by layer equals L K + A, for one pixel with its layers from the index.
            int pixel = (int) drawn.get(0)[0], v = pixel / w;
            double layered = 0.3, keep = 1, add = 0;
            for (int k = overlay.rowStart(v); k < overlay.rowStart(v + 1); k++) {
                if (overlay.pixel(k) == pixel) {
                    layered = layered * (1 - overlay.alpha(k)) + overlay.alpha(k) * overlay.radiance(k);
                    add = add * (1 - overlay.alpha(k)) + overlay.alpha(k) * overlay.radiance(k);
                    keep *= 1 - overlay.alpha(k);
                }
            }
            assertEquals(0.3 * keep + add, layered, 1e-9);
        }
    }

    /**
     * A layer is kept where the surface lies farther than it (depth &gt; z) and dropped where the surface is at its
     * depth, nearer, or unknown (NaN), as the drawing's own test was; the kept ones stay in drawing order.
     */
    @Test
    void layersBehindANearerSurfaceAreDroppedAndTheRestKeepTheirOrder() {
        int w = 4, h = 3;
        float[] depth = {5, 5, 5, 5, 1, 2, Float.NaN, Float.POSITIVE_INFINITY, 3, 3, 3, 3};
        Overlay overlay = new Overlay();
        overlay.reset();
        double[] z = {4.999, 5, 1.5, 1.5, 1.5, 0.5, 2.999999, 3.0000001};
        int[] p = {0, 1, 4, 5, 6, 7, 8, 9};
        boolean[] kept = {true, false, false, true, false, true, true, false};
        for (int i = 0; i < p.length; i++) {
            overlay.over(p[i], p[i] / w, z[i], i, 0.5f);
        }
        overlay.index(w, h, depth);
        int k = 0;
        for (int i = 0; i < p.length; i++) {
            if (kept[i]) {
                assertEquals(p[i], overlay.pixel(k), "record " + i);
                assertEquals(i, overlay.alpha(k), "record " + i + " in drawing order");
                k++;
            }
        }
        assertEquals(k, overlay.count());
        assertEquals(4, k);
        assertEquals(1, overlay.rowStart(1));
        assertEquals(3, overlay.rowStart(2));
        assertEquals(4, overlay.rowStart(3));
    }
}
