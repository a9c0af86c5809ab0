package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.SteadyAllocation;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.param.ParameterSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fog against Koschmieder's law (L = L0 t + A (1 - t), t = exp(-beta d); visibility V = -ln(0.05) / beta, the
 * distance at which a black object's contrast against the horizon sky falls to 5 %: CIE International
 * Lighting Vocabulary 845-11-21, "meteorological optical range").
 */
@Timeout(60)
class FogPhysicsTest {
    private final PhotometricBackend backend = new PhotometricBackend();

    private byte[] run(AugmentInput in, ParameterSet p, long seed) {
        byte[] out = new byte[in.rgb8().length];
        backend.augment(in, p, seed, out);
        return out;
    }

    @Test
    void everyParameterAtIdentityReturnsTheRawPixels() {
        AugmentInput in = TestFrames.render(96, 72);
        assertArrayEquals(in.rgb8(), run(in, SPACE.identity(), 1));
    }

    @Test
    void fogWithZeroExtinctionIsTheIdentityWhateverTheAirlight() {
        AugmentInput in = TestFrames.render(96, 72);
        ParameterSet p = SPACE.of(Map.of(FOG_VISIBILITY_M, Double.POSITIVE_INFINITY, FOG_AIRLIGHT, 0.2, FOG_DUST, 1.0));
        assertEquals(0f, Settings.of(p).extinctionPerM());
        assertArrayEquals(in.rgb8(), run(in, p, 1));
    }

    @Test
    void farAwayEverythingTendsToTheAirlight() {
        double visibility = 100;
        // Columns from 0 to 20 visibilities away, black and white objects alternating by row.
        AugmentInput black = TestFrames.synthetic(200, 4, 0, (u, v) -> u * visibility / 10);
        AugmentInput white = TestFrames.synthetic(200, 4, 255, (u, v) -> u * visibility / 10);
        ParameterSet p = SPACE.of(Map.of(FOG_VISIBILITY_M, visibility, FOG_AIRLIGHT, 0.6));
        byte[] b = run(black, p, 1), w = run(white, p, 1);
        int airlightCode = (int) Math.round(255 * SrgbCurve.toSrgb(0.6));
        double previousGap = 256;
        for (int u = 0; u < 200; u += 10) {
            int gap = Math.abs((w[3 * u] & 0xFF) - (b[3 * u] & 0xFF));
            assertTrue(gap <= previousGap, "contrast between white and black must shrink with distance: column " + u);
            previousGap = gap;
        }
        for (int u = 150; u < 200; u++) {   // 15 visibilities: t = 0.05^15
            assertEquals(airlightCode, b[3 * u] & 0xFF, 1, "black at column " + u);
            assertEquals(airlightCode, w[3 * u] & 0xFF, 1, "white at column " + u);
        }
        // Nearest column: range 0, t = 1: the object itself.
        assertEquals(0, b[0] & 0xFF);
        assertEquals(255, w[0] & 0xFF);
    }

    @Test
    void visibilityMeasuredFromThePixelsMatchesTheConfiguredOneWithinTwoPercent() {
        for (double visibility : new double[] {35, 150, 800, 5000}) {
            // Row 0: the horizon sky (infinite range); row 1: a black target at range 0 .. 1.6 V across the columns.
            int width = 800;
            AugmentInput in = TestFrames.synthetic(width, 2, 0, (u, v) -> v == 0 ? Double.POSITIVE_INFINITY : 1.6 * visibility * u / (width - 1));
            byte[] out = run(in, SPACE.of(Map.of(FOG_VISIBILITY_M, visibility, FOG_AIRLIGHT, 1.0)), 1);
            double sky = SrgbCurve.toLinear((out[0] & 0xFF) / 255.0);
            // Contrast of the black target against the sky, C(d) = (A - L(d)) / A = exp(-beta d): least squares of ln C on d.
            double sxx = 0, sxy = 0;
            for (int u = 1; u < width; u++) {
                double d = in.rangeM()[width + u];
                double c = (sky - SrgbCurve.toLinear((out[3 * (width + u)] & 0xFF) / 255.0)) / sky;
                if (c > 0.02) {
                    sxx += d * d;
                    sxy += d * Math.log(c);
                }
            }
            double beta = -sxy / sxx;
            double measured = Math.log(20) / beta;   // where C = exp(-beta d) = 0.05
            assertEquals(visibility, measured, 0.02 * visibility, "visibility " + visibility + " m measured as " + measured + " m");
        }
    }

    /**
     * The steady state allocates nothing: every buffer is held by the backend from the first frame of a size on
     * (the JVM's own count of the thread's allocated bytes; a buffer of this frame would be 20 KiB or more, the
     * allowance covers the counter's own bookkeeping). The steady state begins once C2 has compiled the wet pass's
     * Vector API code (WetVector): until then the interpreter and C1 hold each vector in an object (about 1 MB a frame
     * of this size, for some 100 to 500 frames of 72 rows on the shared 2-core machine, as the compile queue allows).
     * So frames run until one allocates nothing (at most 5000 frames or 30 s: never reaching it fails), then 20 frames
     * are counted.
     */
    @Test
    @Timeout(150)
    void afterTheFirstFramesNothingIsAllocatedPerFrame() {
        AugmentInput in = TestFrames.render(96, 72);
        ParameterSet p = SPACE.of(Map.of(FOG_VISIBILITY_M, 300.0, RAIN_RATE_MM_H, 20.0, RAIN_WETNESS, 0.5, NOISE_FULL_WELL_E, 2000.0,
                SNOW_RATE, 0.3, BLUR_EXPOSURE_MS, 10.0, LENS_DEFOCUS_PX, 3.0, LENS_DIRT, 0.5, LENS_VIGNETTING, 0.5, CODEC_JPEG_QUALITY, 50.0));
        assertNothingAllocatedOnceCompiled(in, p);
        // Relit: the scene pass takes another path (RelightVector, then the separate wet and fog steps).
        assertNothingAllocatedOnceCompiled(in, p.with(Map.of(LIGHT_SUN_SCALE, 0.6)));
        // Defocus 2 px (box radius 1, the benchmark's): Defocus runs both boxes of each direction in one sweep (DefocusVector.tent5).
        assertNothingAllocatedOnceCompiled(in, p.with(Map.of(LENS_DEFOCUS_PX, 2.0)));
        // Defocus 6 px (box radius 4): the column boxes as running sums (Defocus.SLIDE_FROM_R), with the wild-row scan.
        assertNothingAllocatedOnceCompiled(in, p.with(Map.of(LENS_DEFOCUS_PX, 6.0)));
    }

    private void assertNothingAllocatedOnceCompiled(AugmentInput in, ParameterSet p) {
        byte[] out = new byte[in.rgb8().length];
        SteadyAllocation.assertNothingAllocatedOnceCompiled(k -> backend.augment(in, p, k, out), 256, 5000, 30_000_000_000L, 20, p.toString());
    }

    @Test
    void theSameSeedGivesTheSameFrameAndAnotherSeedAnother() {
        AugmentInput in = TestFrames.render(96, 72);
        ParameterSet p = SPACE.of(Map.of(FOG_VISIBILITY_M, 300.0, RAIN_RATE_MM_H, 20.0, NOISE_FULL_WELL_E, 2000.0, NOISE_READ_NOISE_E, 4.0,
                SNOW_RATE, 0.3, CODEC_JPEG_QUALITY, 50.0));
        byte[] a = run(in, p, 42);
        byte[] again = run(in, p, 42);
        byte[] fresh = new PhotometricBackend().augment(in, p, 42);
        assertArrayEquals(a, again);
        assertArrayEquals(a, fresh, "a fresh backend must give the same frame: nothing carries over between frames");
        assertFalse(java.util.Arrays.equals(a, run(in, p, 43)));
    }
}
