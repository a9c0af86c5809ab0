package org.hilbridge.augment.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.param.ParameterSampler;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.augment.photometric.PhotometricSpace;
import org.hilbridge.sim.math.Vec3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Controls of the realism metrics (issue 9): the classifier two-sample test separates clear frames from
 * frames in heavy fog, and does not separate two random halves of one set.
 */
@Timeout(120)
class RealismMetricsTest {
    static final int W = 128;
    static final int H = 96;
    static final List<AugmentInput> FRAMES = new ArrayList<>();

    @BeforeAll
    static void render() {
        for (int k = 0; k < 40; k++) {
            FRAMES.add(TestFrames.render(W, H, 10 + k, 0.16 * k, new Vec3()));
        }
    }

    private static List<double[]> features(List<byte[]> images) {
        List<double[]> f = new ArrayList<>();
        for (byte[] im : images) {
            f.add(ImageStatistics.of(W, H, im));
        }
        return f;
    }

    @Test
    void theTwoSampleTestSeparatesClearFramesFromHeavyFog() {
        PhotometricBackend backend = new PhotometricBackend();
        ParameterSet fog = PhotometricSpace.SPACE.of(Map.of(PhotometricSpace.FOG_VISIBILITY_M, 40.0));
        List<byte[]> clear = new ArrayList<>(), foggy = new ArrayList<>();
        for (int k = 0; k < FRAMES.size(); k++) {
            (k % 2 == 0 ? clear : foggy).add(k % 2 == 0 ? FRAMES.get(k).rgb8() : backend.augment(FRAMES.get(k), fog, k));
        }
        FeatureSets.TwoSample t = FeatureSets.classifierTest(features(clear), features(foggy), 5, 1);
        assertTrue(t.accuracy() > 0.9, "accuracy " + t.accuracy());
        assertTrue(t.pValue() < 1e-4, "p " + t.pValue());
        assertTrue(FeatureSets.nearestNeighbourOverlap(features(clear), features(foggy), 5) < 0.3);
    }

    /**
     * Under the null hypothesis a test at level 0.05 rejects one split in twenty by design, so one fixed split
     * cannot be the control: the frames are split into two random halves {@value #SPLITS} times (seeded
     * permutations) and the rejections are counted. With independent splits the count is Binomial(20, 0.05):
     * P(X &gt;= 4) = 0.016, so at most 3 rejections; a test that separated one set from itself would reject most.
     */
    @Test
    void theTwoSampleTestDoesNotSeparateTwoRandomHalvesOfOneSet() {
        int rejections = 0;
        double overlapSum = 0;
        StringBuilder seen = new StringBuilder();
        for (int split = 0; split < SPLITS; split++) {
            List<byte[]> a = new ArrayList<>(), b = new ArrayList<>();
            int[] order = permutation(FRAMES.size(), 100 + split);
            for (int k = 0; k < order.length; k++) {
                (k < order.length / 2 ? a : b).add(FRAMES.get(order[k]).rgb8());
            }
            FeatureSets.TwoSample t = FeatureSets.classifierTest(features(a), features(b), 5, split);
            rejections += t.pValue() < 0.05 ? 1 : 0;
            overlapSum += FeatureSets.nearestNeighbourOverlap(features(a), features(b), 5);
            seen.append(String.format(" %.3f", t.pValue()));
        }
        assertTrue(rejections <= 3, rejections + " of " + SPLITS + " splits rejected at 0.05; p-values" + seen);
        assertTrue(overlapSum / SPLITS > 0.6, "mean nearest-neighbour overlap " + overlapSum / SPLITS);
    }

    static final int SPLITS = 20;

    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {      // Fisher-Yates
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Test
    void theBinomialTailAndTheSpectralSlopeMatchClosedForms() {
        assertEquals(0.5 + 0.5 * 252 / 1024.0, FeatureSets.binomialUpperTail(10, 5), 1e-12);   // P(X >= 5), X ~ B(10, 1/2)
        assertEquals(1 / 1024.0, FeatureSets.binomialUpperTail(10, 10), 1e-15);
        // 1/f amplitude noise (power ~ f^-2): a random-phase spectrum of amplitude 1/f, transformed (the real part).
        int n = ImageStatistics.SPECTRUM_SIZE;
        double[] re = new double[n * n], im = new double[n * n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int j = 0; j < n; j++) {
            int fy = j <= n / 2 ? j : j - n;
            for (int i = 0; i < n; i++) {
                int fx = i <= n / 2 ? i : i - n;
                double f = Math.sqrt(fx * fx + fy * fy);
                if (f >= 1) {
                    double phase = 2 * Math.PI * r.nextDouble();
                    re[j * n + i] = Math.cos(phase) / f;
                    im[j * n + i] = Math.sin(phase) / f;
                }
            }
        }
        Fft.transform2d(re, im, n);
        float[] img = new float[n * n];
        for (int k = 0; k < n * n; k++) {
            img[k] = (float) re[k];
        }
        assertEquals(-2, ImageStatistics.spectralSlope(img, n, n), 0.3);
    }

    @Test
    void theReportCoversConditionBinsAndWritesJsonAndHtml() {
        ParameterSampler sampler = new ParameterSampler(PhotometricSpace.SPACE.identity(), List.of(PhotometricSpace.FOG_VISIBILITY_M), 8, 3);
        PhotometricBackend backend = new PhotometricBackend();
        List<byte[]> made = new ArrayList<>();
        List<Map<String, Double>> params = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            ParameterSet p = sampler.draw(k);
            params.add(p.asMap());
            made.add(backend.augment(FRAMES.get(k), p, k));
        }
        List<byte[]> refs = new ArrayList<>();
        for (int k = 16; k < 32; k++) {
            refs.add(FRAMES.get(k).rgb8());
        }
        RealismReport report = RealismReport.of(features(made), features(refs), params, PhotometricSpace.SPACE, List.of(PhotometricSpace.FOG_VISIBILITY_M), 1);
        assertEquals(1.0, report.conditionCoverage(), "a Latin hypercube block of 8 hits all 4 quarters of the domain");
        assertTrue(report.toJson().contains("\"condition_bin_coverage\": 1.000"), report.toJson());
        assertTrue(report.toHtml("t").contains("<svg"));
        assertEquals(16, report.projectedFrames().size());
    }
}
