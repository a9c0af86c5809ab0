package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.ChildJvm;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.sim.math.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BlockDctTest {
    /** The AAN factorisation equals the orthonormal DCT-II (the JPEG FDCT, T.81 A.3.3) times 8 s(u) s(v). */
    @Test
    void theAanForwardTransformIsTheScaledOrthonormalDct() {
        BlockDct dct = new BlockDct();
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            float[] x = new float[64];
            for (int i = 0; i < 64; i++) {
                x[i] = (float) (r.nextDouble() * 255 - 128);
            }
            float[] reference = BlockDct.forwardReference(x);
            float[] aan = x.clone();
            BlockDct.forwardAan(aan);
            for (int u = 0; u < 8; u++) {
                for (int v = 0; v < 8; v++) {
                    float scaled = aan[8 * u + v] / (8 * dct.aanScale(u) * dct.aanScale(v));
                    assertEquals(reference[8 * u + v], scaled, 2e-3, "coefficient (" + u + ", " + v + ")");
                }
            }
        }
    }

    /**
     * The AAN inverse (jidctflt.c's arrangement), fed the coefficients times s(u) s(v) / 8, equals the orthonormal
     * inverse DCT (T.81 A.3.3 IDCT) by the matrix product; sparse blocks (the flat-column shortcut) included.
     */
    @Test
    void theAanInverseTransformIsTheOrthonormalInverse() {
        BlockDct dct = new BlockDct();
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 40; trial++) {
            float[] f = new float[64];
            for (int i = 0; i < 64; i++) {
                boolean kept = trial % 2 == 0 || (i / 8 < 2 && i % 8 < 3);   // odd trials: only low frequencies, as after coarse quantisation
                f[i] = kept ? (float) (r.nextDouble() * 400 - 200) : 0;
            }
            float[] reference = BlockDct.inverseReference(f);
            float[] aan = new float[64];
            for (int i = 0; i < 64; i++) {
                aan[i] = f[i] * dct.aanScale(i / 8) * dct.aanScale(i % 8) / 8;
            }
            BlockDct.inverseAan(aan);
            for (int i = 0; i < 64; i++) {
                assertEquals(reference[i], aan[i], 2e-3, "sample (" + i / 8 + ", " + i % 8 + ") of trial " + trial);
            }
        }
    }

    /** The magic-number rounding against Math.rint (round half to even) and the clamp to [0, 255]. */
    @Test
    void roundingAndClampingMatchTheExactOnes() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) (r.nextDouble() * 4000 - 2000);
            if (i % 10 == 0) {
                v = Math.round(v) + 0.5f;   // the ties
            }
            assertEquals((float) Math.rint(v), Rounding.nearest(v), 0f, "rounding " + v);   // -0 and 0 alike
            assertEquals((int) Math.rint(v), Rounding.nearestInt(v), "rounding " + v + " to an int");
            assertEquals((int) Math.min(255, Math.max(0, Math.rint(v))), BlockDct.toByte(v) & 0xFF, "code of " + v);
        }
    }

    @Test
    void aFlatImageStaysFlatAndDetailIsLostAtLowQuality() {
        int w = 32, h = 16;
        byte[] flat = new byte[3 * w * h];
        java.util.Arrays.fill(flat, (byte) 90);
        byte[] f = flat.clone();
        new BlockDct().quantise(w, h, 10, f);
        // Flat stays flat; its DC term moves by at most half a quantiser step: at quality 10 the luminance DC step
        // is 16 x 5 = 80 on 8 x (Y - 128), i.e. 5 codes.
        for (byte b : f) {
            assertEquals(f[0], b);
        }
        assertEquals(90, f[0] & 0xFF, 5);
        byte[] stripes = new byte[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            int val = (p % w) % 2 == 0 ? 40 : 200;
            stripes[3 * p] = stripes[3 * p + 1] = stripes[3 * p + 2] = (byte) val;
        }
        byte[] low = stripes.clone();
        new BlockDct().quantise(w, h, 10, low);
        byte[] high = stripes.clone();
        new BlockDct().quantise(w, h, 95, high);
        assertTrue(error(stripes, low) > 4 * error(stripes, high), "quality 10 loses far more of a 1-px pattern than quality 95");
    }

    /**
     * Blocks at the right and bottom edges read clamped pixels (T.81 A.2.4 leaves the padding to the encoder;
     * libjpeg replicates the last column and row, jcsample.c expand_right_edge): an image of any size gives,
     * pixel for pixel, what the same image with its last column and row repeated out to whole 16 x 16 areas gives
     * on the interior path. Odd widths and heights take the edge paths (an odd last pixel of a chroma pair).
     */
    @Test
    void edgeBlocksEqualTheImageWithItsLastColumnAndRowRepeated() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(31);
        for (int[] size : new int[][] {{37, 23}, {17, 9}, {5, 3}, {16, 31}, {1, 1}}) {
            int w = size[0], h = size[1], pw = (w + 15) / 16 * 16, ph = (h + 15) / 16 * 16;
            byte[] img = new byte[3 * w * h];
            for (int i = 0; i < img.length; i++) {
                img[i] = (byte) (rnd.nextInt(40) + 100 + 60 * ((i / 3) % w % 3));
            }
            byte[] padded = new byte[3 * pw * ph];
            for (int v = 0; v < ph; v++) {
                for (int u = 0; u < pw; u++) {
                    System.arraycopy(img, 3 * (Math.min(v, h - 1) * w + Math.min(u, w - 1)), padded, 3 * (v * pw + u), 3);
                }
            }
            new BlockDct().quantise(w, h, 40, img);
            new BlockDct().quantise(pw, ph, 40, padded);
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(padded[3 * (v * pw + u) + c], img[3 * (v * w + u) + c], "channel " + c + " at " + u + ", " + v + " of " + w + " x " + h);
                    }
                }
            }
        }
    }

    /**
     * The Vector API pass over planes ({@link BlockDctVector}) gives the scalar per-macroblock pass's bytes: sizes
     * with vector tails, odd widths and heights (clamped edges, an odd last chroma pair), narrower than one vector,
     * and 1280 x 720; qualities from coarse to fine; smooth gradients with noise and hard edges, so that both the
     * sparse (flat-column) and the dense inverse paths run.
     */
    @Test
    void theVectorPassGivesTheScalarPassesBytes() {
        assertTrue(BlockDct.vectorApiUsable(), "this test needs module jdk.incubator.vector (the surefire argLine adds it) and vectors of 8 floats");
        vectorPassGivesTheScalarPassesBytes();
    }

    /**
     * The same with 8 float lanes (the AVX2 shapes: groups of 8 blocks, two to a reordering unit of 128 codes), in a child
     * JVM of this one's java and class path limited to 256-bit vectors.
     */
    @Test
    @Timeout(120)
    void theVectorPassWithEightLanesGivesTheScalarPassesBytes() throws Exception {
        ChildJvm.run(List.of("-XX:MaxVectorSize=32", "--add-modules", "jdk.incubator.vector"), EightLanes.class, "8 lanes: the scalar pass's bytes");
    }

    /** The child JVM of {@link #theVectorPassWithEightLanesGivesTheScalarPassesBytes}: exits non-zero on the first difference. */
    public static final class EightLanes {
        public static void main(String[] args) {
            int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
            if (lanes != 8 || !BlockDct.vectorApiUsable()) {
                throw new AssertionError("the child JVM has " + lanes + " float lanes, usable " + BlockDct.vectorApiUsable());
            }
            vectorPassGivesTheScalarPassesBytes();
            System.out.println("8 lanes: the scalar pass's bytes");
        }
    }

    /**
     * The comparison of both tests: sizes around the vector, group (N blocks) and reordering unit (128 codes) widths,
     * odd ones, narrower than one vector, and 1280 x 720.
     */
    static void vectorPassGivesTheScalarPassesBytes() {
        SplittableRandom rnd = new SplittableRandom(17);
        int[][] sizes = {{1280, 720}, {203, 77}, {37, 23}, {33, 17}, {64, 48}, {17, 9}, {5, 3}, {1, 1}, {2, 31}, {95, 1}, {130, 66},
            {127, 16}, {128, 17}, {129, 15}, {255, 33}, {256, 8}, {257, 40}, {383, 19}, {640, 24}};
        int[] qualities = {5, 30, 60, 90, 99};
        for (int t = 0; t < sizes.length; t++) {
            int w = sizes[t][0], h = sizes[t][1];
            byte[] img = new byte[3 * w * h];
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    for (int c = 0; c < 3; c++) {
                        int smooth = (u * (c + 1) * 3 + v * 2 + 40 * c) % 256;
                        int edge = ((u / 7 + v / 5) % 3 == 0) ? 120 : 0;
                        img[3 * (v * w + u) + c] = (byte) Math.min(255, Math.max(0, smooth + edge - 60 + rnd.nextInt(9)));
                    }
                }
            }
            for (int q : qualities) {
                byte[] scalar = img.clone(), vector = img.clone();
                new BlockDct(false).quantise(w, h, q, scalar);
                new BlockDct(true).quantise(w, h, q, vector);
                // The same pass band by band from the codes in its block order (as the chain's sensor pass writes them),
                // each band's padding rows and codes before it holding anything (the band is reused, and overwritten).
                BlockDct fromBlocks = new BlockDct(true);
                BlockOrderCodes blocks = fromBlocks.codeBlocks(w);
                byte[] planar = new byte[img.length];
                for (int by = 0; by < h; by += 16) {
                    for (int i = 0; i < blocks.codes.length; i++) {
                        blocks.codes[i] = (byte) rnd.nextInt(256);
                    }
                    for (int v = by; v < Math.min(h, by + 16); v++) {
                        for (int c = 0; c < 3; c++) {
                            for (int x = 0; x < blocks.paddedWidth; x++) {
                                blocks.codes[blocks.row(v, c) + BlockOrderCodes.position(x, blocks.lanes)] = img[3 * (v * w + Math.min(x, w - 1)) + c];
                            }
                        }
                    }
                    fromBlocks.quantiseBand(w, h, q, by, blocks, planar);
                }
                for (int i = 0; i < scalar.length; i++) {
                    if (scalar[i] != vector[i] || scalar[i] != planar[i]) {
                        fail("channel " + i % 3 + " of pixel (" + (i / 3) % w + ", " + (i / 3) / w + ") of " + w + " x " + h + " at quality " + q
                                + ": scalar " + (scalar[i] & 0xFF) + ", vector " + (vector[i] & 0xFF) + ", vector from block-order codes " + (planar[i] & 0xFF));
                    }
                }
                if (w * h >= 64) {   // (a single pixel may come back unchanged at a fine quality)
                    assertFalse(java.util.Arrays.equals(img, vector), "the pass changes a " + w + " x " + h + " image at quality " + q);
                }
            }
        }
        // One object over frames of changing size and quality (its buffers and tiled tables are rebuilt).
        BlockDct reused = new BlockDct(true);
        for (int[] size : new int[][] {{64, 48}, {37, 23}, {64, 48}}) {
            for (int q : new int[] {60, 20}) {
                int w = size[0], h = size[1];
                byte[] img = new byte[3 * w * h];
                for (int i = 0; i < img.length; i++) {
                    img[i] = (byte) rnd.nextInt(256);
                }
                byte[] scalar = img.clone();
                new BlockDct(false).quantise(w, h, q, scalar);
                reused.quantise(w, h, q, img);
                assertArrayEquals(scalar, img, w + " x " + h + " at quality " + q + " after other frames");
            }
        }
    }

    /**
     * The chain runs the vector pass band by band, each band as soon as the sensor pass has written its last row: on
     * every path into the sensor pass (per pixel, motion blur alone, defocus alone, both), at heights that end inside a
     * band, on a whole band, and one backend over frames of changing size, the plain backend's bytes (its scalar pass over
     * the whole frame), and the pass changes the frame.
     */
    @Test
    void theChainsBandByBandPassGivesThePlainBytesOnEveryPath() {
        PhotometricBackend plain = new PhotometricBackend(SPACE, 0, false), vector = new PhotometricBackend(SPACE, 0, true);
        ParameterSet still = SPACE.of(Map.of(FOG_VISIBILITY_M, 400.0, NOISE_FULL_WELL_E, 5000.0, CODEC_JPEG_QUALITY, 60.0));
        ParameterSet[] paths = {still, still.with(Map.of(BLUR_EXPOSURE_MS, 8.0)), still.with(Map.of(LENS_DEFOCUS_PX, 2.0)),
                still.with(Map.of(BLUR_EXPOSURE_MS, 8.0, LENS_DEFOCUS_PX, 2.0, LENS_DIRT, 0.4, CODEC_JPEG_QUALITY, 30.0))};
        for (int[] size : new int[][] {{203, 77}, {40, 16}, {131, 33}, {17, 5}, {203, 77}}) {
            AugmentInput in = TestFrames.render(size[0], size[1], 3, 0.3, new Vec3(10 * Math.cos(0.3), 10 * Math.sin(0.3), 0));
            for (ParameterSet p : paths) {
                byte[] expected = plain.augment(in, p, 5), got = vector.augment(in, p, 5);
                assertArrayEquals(expected, got, size[0] + "x" + size[1] + ", parameters " + p);
                assertFalse(Arrays.equals(got, vector.augment(in, p.with(Map.of(CODEC_JPEG_QUALITY, 100.0)), 5)),
                        "the pass changes the frame: " + size[0] + "x" + size[1] + ", parameters " + p);
            }
        }
    }

    private static double error(byte[] a, byte[] b) {
        double e = 0;
        for (int i = 0; i < a.length; i++) {
            e += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return e / a.length;
    }
}
