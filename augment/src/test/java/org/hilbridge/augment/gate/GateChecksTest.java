package org.hilbridge.augment.gate;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.junit.jupiter.api.Test;

/** The gate's displacement and contour checks on their own (GateAt720pTest pins them inside the gate on renders). */
class GateChecksTest {
    private static byte[] sparseMask(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] m = new byte[w * h];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) (r.nextInt(40) == 0 ? 1 : 0);
        }
        return m;
    }

    /** The mask moved dx right and dy down (zeros shifted in). */
    private static byte[] moved(byte[] m, int w, int h, int dx, int dy) {
        byte[] out = new byte[m.length];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int su = u - dx, sv = v - dy;
                if (su >= 0 && su < w && sv >= 0 && sv < h) {
                    out[v * w + u] = m[sv * w + su];
                }
            }
        }
        return out;
    }

    @Test
    void edgesInPlaceAreAlignedAndMovedOnesAreNot() {
        int w = 120, h = 80;
        byte[] raw = sparseMask(w, h, 1);
        assertEquals(1, EdgeAlignment.of(raw, raw.clone(), w, h));
        // Half of the edges kept in place, the rest replaced by others (noise): still peaks in place.
        byte[] noisy = raw.clone();
        byte[] other = sparseMask(w, h, 2);
        for (int i = 0; i < noisy.length; i += 2) {
            noisy[i] = other[i];
        }
        assertEquals(1, EdgeAlignment.of(raw, noisy, w, h));
        for (int[] d : new int[][] {{1, 0}, {-2, 0}, {0, 1}, {0, -2}, {2, 2}}) {
            double a = EdgeAlignment.of(raw, moved(raw, w, h, d[0], d[1]), w, h);
            assertTrue(a < 0.2, "moved by " + d[0] + ", " + d[1] + ": " + a);
        }
        // Nothing to tell (no edges, or too small to count): 1.
        assertEquals(1, EdgeAlignment.of(new byte[w * h], new byte[w * h], w, h));
        assertEquals(1, EdgeAlignment.of(new byte[16], new byte[16], 4, 4));
    }

    @Test
    void aPaintedDiscIsAnInventedContourAndAGlobalColourChangeIsNot() {
        int w = 256, h = 192;
        AugmentInput raw = TestFrames.render(w, h);
        ContourAgreement c = new ContourAgreement();
        assertEquals(1, c.worstTile(raw.rgb8(), raw.rgb8().clone(), w, h, 4));
        // A flat red disc over the scene (issue 9's painted object).
        byte[] disc = Shapes.blob(raw.rgb8(), w, h, 0.62 * w, 0.62 * h, 0.14 * h, 200, 30, 40);
        assertTrue(c.worstTile(raw.rgb8(), disc, w, h, 4) < 0.2);
        // White balance and more contrast everywhere (every code x (1.3, 1, 0.8), clamped) invents nothing.
        byte[] tinted = raw.rgb8().clone();
        double[] gain = {1.3, 1, 0.8};
        for (int i = 0; i < tinted.length; i++) {
            tinted[i] = (byte) Math.min(255, Math.round((tinted[i] & 0xFF) * gain[i % 3]));
        }
        assertTrue(c.worstTile(raw.rgb8(), tinted, w, h, 4) > 0.9);
        // Too small for a coarse image with an interior: nothing to judge.
        assertEquals(1, c.worstTile(new byte[3 * 4 * 4], new byte[3 * 4 * 4], 4, 4, 4));
    }
}
