package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.SplittableRandom;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.sim.math.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ring of linear rows that the motion blur reads ({@link LinearRing}): every row asked for is held at its slot with
 * its own values, whatever windows the blur asks for (short reaches, a reach longer than the ring holds, which grows it
 * mid-frame, and windows that step back), and each row is computed once a frame unless the ring grew; and the backend
 * blurs the same bytes as the plain path (which holds the whole frame) when its ring grows mid-frame and in the frames
 * after.
 */
@Timeout(60)
class LinearRingTest {
    @Test
    void everyRowAskedForIsHeldWithItsOwnValues() {
        int w = 5;
        for (int h : new int[] {20, 31, 32, 33, 100, 300}) {
            SplittableRandom rnd = new SplittableRandom(h);
            LinearRing ring = new LinearRing();
            PlanarRow scratch = new PlanarRow().ensure(w);
            int[] computed = new int[h];
            int[] frameOf = {0};
            // Row y's pixel u: y + u / 8 + the frame's number, so a row left from another frame or slot shows.
            Defocus.RowSource scene = (y, row) -> {
                computed[y]++;
                for (int u = 0; u < w; u++) {
                    row.r[u] = y + u / 8f + frameOf[0];
                    row.g[u] = -y - u / 8f - frameOf[0];
                    row.b[u] = y * 1000 + u + frameOf[0];
                }
            };
            for (int frame = 0; frame < 6; frame++) {
                frameOf[0] = frame;
                java.util.Arrays.fill(computed, 0);
                ring.startFrame(w, h);
                int rowsBefore = ring.rows();
                boolean grew = false;
                for (int v = 0; v < h; v++) {
                    // Mostly short reaches; now and then a long one (frames 2 and 4: past the ring's 32 rows).
                    int reach = rnd.nextInt(10) == 0 && (frame == 2 || frame == 4) ? 10 + rnd.nextInt(h) : rnd.nextInt(9);
                    int first = Math.max(v - reach, 0), last = Math.min(v + reach, h - 1);
                    int rows = ring.rows();
                    ring.hold(first, last, scene, scratch);
                    grew |= ring.rows() != rows;
                    float[][] planes = ring.planes();
                    for (int y = first; y <= last; y++) {
                        int o = ring.offset(y);
                        assertEquals(o, (y & ring.rowMask()) * w, "the offset is the slot's");
                        for (int u = 0; u < w; u++) {
                            String where = " row " + y + " pixel " + u + " (window " + first + ".." + last + " of " + h + ", frame " + frame + ", " + ring.rows() + " rows)";
                            assertEquals(y + u / 8f + frame, planes[0][o + u], "red" + where);
                            assertEquals(-y - u / 8f - frame, planes[1][o + u], "green" + where);
                            assertEquals(y * 1000 + u + frame, planes[2][o + u], "blue" + where);
                        }
                    }
                }
                assertTrue(ring.rows() >= rowsBefore, "the ring keeps its size from frame to frame");
                assertTrue(ring.rows() <= h, "no more rows than the image");
                for (int y = 0; y < h; y++) {
                    assertTrue(grew ? computed[y] >= 1 : computed[y] == 1, "row " + y + " computed " + computed[y] + " times (frame " + frame + ", grew " + grew + ")");
                }
                if (frame < 2) {
                    assertEquals(Math.min(LinearRing.FIRST_ROWS, h), ring.rows(), "short reaches keep the first ring");
                }
            }
        }
    }

    /**
     * A render at 10 m/s and a short exposure (the ring's first size), then fast with a long exposure (paths of tens
     * of rows: the ring grows mid-frame), then slow again (the grown ring): the same bytes as the plain path, blur alone
     * and into the defocus.
     */
    @Test
    void theBackendBlursAsThePlainPathWhenTheRingGrows() {
        AugmentInput slow = TestFrames.render(203, 160, 3, 0.3, new Vec3(10 * Math.cos(0.3), 10 * Math.sin(0.3), 0));
        AugmentInput fast = TestFrames.render(203, 160, 3, 0.3, new Vec3(60 * Math.cos(0.3), 60 * Math.sin(0.3), -3));
        ParameterSet blurred = SPACE.of(Map.of(BLUR_EXPOSURE_MS, 8.0));
        for (ParameterSet params : new ParameterSet[] {blurred, blurred.with(Map.of(LENS_DEFOCUS_PX, 2.0))}) {
            PhotometricBackend plain = new PhotometricBackend(SPACE, 0, false), vector = new PhotometricBackend(SPACE, 0, true);
            ParameterSet longExposure = params.with(Map.of(BLUR_EXPOSURE_MS, 30.0));
            int k = 0;
            for (AugmentInput in : new AugmentInput[] {slow, fast, slow}) {
                for (ParameterSet p : new ParameterSet[] {params, longExposure}) {
                    assertArrayEquals(plain.augment(in, p, 5), vector.augment(in, p, 5), "frame " + k + " " + p);
                    k++;
                }
            }
        }
    }
}
