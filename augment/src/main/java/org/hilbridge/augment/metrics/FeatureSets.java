package org.hilbridge.augment.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Comparisons of two sets of feature vectors (rows): a sample (e.g. augmented frames) against a reference
 * (e.g. real photographs). Features are standardised with the pooled mean and standard deviation first.
 */
public final class FeatureSets {
    private FeatureSets() {
    }

    /** Classifier two-sample test: cross-validated accuracy and its one-sided binomial p-value against chance. */
    public record TwoSample(double accuracy, double pValue, int tested) {
    }

    /**
     * The classifier two-sample test (Lopez-Paz and Oquab, "Revisiting classifier two-sample tests", ICLR 2017):
     * a logistic regression (L2-regularised, gradient descent) learns to tell the sets apart in {@code folds}-fold
     * cross-validation; under the null hypothesis (same distribution) its held-out accuracy is Binomial(n, 1/2) / n,
     * so the p-value is P(X &gt;= correct) for X ~ Binomial(n, 1/2). Deterministic for a seed (the fold split).
     */
    public static TwoSample classifierTest(List<double[]> a, List<double[]> b, int folds, long seed) {
        List<double[]> x = standardised(a, b);
        int n = x.size();
        int[] label = new int[n];
        for (int i = a.size(); i < n; i++) {
            label[i] = 1;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int correct = 0;
        for (int fold = 0; fold < folds; fold++) {
            List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                (k % folds == fold ? test : train).add(order[k]);
            }
            double[] w = logistic(x, label, train);
            for (int i : test) {
                correct += (score(w, x.get(i)) > 0 ? 1 : 0) == label[i] ? 1 : 0;
            }
        }
        return new TwoSample((double) correct / n, binomialUpperTail(n, correct), n);
    }

    /**
     * Nearest-neighbour overlap: the share of each point's k nearest neighbours (pooled, standardised, Euclidean)
     * that come from the other set, over its expectation when both sets come from one distribution; about 1 when
     * they mix, 0 when they are apart (the statistic of Schilling's multivariate two-sample test, JASA 81, 1986,
     * reported as a ratio).
     */
    public static double nearestNeighbourOverlap(List<double[]> a, List<double[]> b, int k) {
        List<double[]> x = standardised(a, b);
        int n = x.size(), na = a.size();
        double cross = 0, expected = 0;
        for (int i = 0; i < n; i++) {
            double[] d = new double[n];
            for (int j = 0; j < n; j++) {
                d[j] = j == i ? Double.POSITIVE_INFINITY : distance2(x.get(i), x.get(j));
            }
            Integer[] idx = new Integer[n];
            for (int j = 0; j < n; j++) {
                idx[j] = j;
            }
            java.util.Arrays.sort(idx, (p, q) -> Double.compare(d[p], d[q]));
            boolean inA = i < na;
            int kk = Math.min(k, n - 1);
            for (int m = 0; m < kk; m++) {
                cross += (idx[m] < na) != inA ? 1 : 0;
            }
            double others = inA ? n - na : na;
            expected += kk * others / (n - 1);
        }
        return expected > 0 ? cross / expected : 0;
    }

    /**
     * Coverage of the reference's feature range by the sample: per feature, the reference's deciles cut the line
     * into 10 bins, and the share of bins the sample reaches is averaged over the features.
     */
    public static double coverage(List<double[]> sample, List<double[]> reference) {
        int dims = reference.get(0).length;
        double total = 0;
        for (int d = 0; d < dims; d++) {
            double[] ref = new double[reference.size()];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = reference.get(i)[d];
            }
            java.util.Arrays.sort(ref);
            boolean[] hit = new boolean[10];
            for (double[] s : sample) {
                int bin = 0;
                while (bin < 9 && s[d] > ref[Math.min(ref.length - 1, (bin + 1) * ref.length / 10)]) {
                    bin++;
                }
                hit[bin] = true;
            }
            int count = 0;
            for (boolean h : hit) {
                count += h ? 1 : 0;
            }
            total += count / 10.0;
        }
        return total / dims;
    }

    /** Spread: the mean distance of the sample's points from their centroid, in the reference's standard deviations. */
    public static double spread(List<double[]> sample, List<double[]> reference) {
        int dims = sample.get(0).length;
        double[] mean = new double[dims], sd = new double[dims], ref = new double[dims];
        for (double[] r : reference) {
            for (int d = 0; d < dims; d++) {
                ref[d] += r[d] / reference.size();
            }
        }
        for (double[] r : reference) {
            for (int d = 0; d < dims; d++) {
                sd[d] += (r[d] - ref[d]) * (r[d] - ref[d]) / reference.size();
            }
        }
        for (double[] s : sample) {
            for (int d = 0; d < dims; d++) {
                mean[d] += s[d] / sample.size();
            }
        }
        double total = 0;
        for (double[] s : sample) {
            double d2 = 0;
            for (int d = 0; d < dims; d++) {
                double z = (s[d] - mean[d]) / Math.max(1e-9, Math.sqrt(sd[d]));
                d2 += z * z;
            }
            total += Math.sqrt(d2);
        }
        return total / sample.size();
    }

    static List<double[]> standardised(List<double[]> a, List<double[]> b) {
        List<double[]> all = new ArrayList<>(a);
        all.addAll(b);
        int dims = all.get(0).length;
        double[] mean = new double[dims], sd = new double[dims];
        for (double[] v : all) {
            for (int d = 0; d < dims; d++) {
                mean[d] += v[d] / all.size();
            }
        }
        for (double[] v : all) {
            for (int d = 0; d < dims; d++) {
                sd[d] += (v[d] - mean[d]) * (v[d] - mean[d]) / all.size();
            }
        }
        List<double[]> out = new ArrayList<>();
        for (double[] v : all) {
            double[] z = new double[dims];
            for (int d = 0; d < dims; d++) {
                z[d] = sd[d] > 1e-18 ? (v[d] - mean[d]) / Math.sqrt(sd[d]) : 0;
            }
            out.add(z);
        }
        return out;
    }

    /** Logistic regression weights (last one the bias) by 500 steps of gradient descent with L2 weight 0.1. */
    private static double[] logistic(List<double[]> x, int[] label, List<Integer> rows) {
        int dims = x.get(0).length;
        double[] w = new double[dims + 1];
        double rate = 0.1, lambda = 0.1;
        for (int step = 0; step < 500; step++) {
            double[] grad = new double[dims + 1];
            for (int i : rows) {
                double err = 1 / (1 + Math.exp(-score(w, x.get(i)))) - label[i];
                for (int d = 0; d < dims; d++) {
                    grad[d] += err * x.get(i)[d];
                }
                grad[dims] += err;
            }
            for (int d = 0; d <= dims; d++) {
                w[d] -= rate * (grad[d] / rows.size() + (d < dims ? lambda * w[d] : 0));
            }
        }
        return w;
    }

    private static double score(double[] w, double[] x) {
        double s = w[x.length];
        for (int d = 0; d < x.length; d++) {
            s += w[d] * x[d];
        }
        return s;
    }

    private static double distance2(double[] p, double[] q) {
        double s = 0;
        for (int d = 0; d < p.length; d++) {
            s += (p[d] - q[d]) * (p[d] - q[d]);
        }
        return s;
    }

    /** P(X &gt;= k) for X ~ Binomial(n, 1/2), exactly (log-space terms). */
    static double binomialUpperTail(int n, int k) {
        double p = 0;
        for (int i = k; i <= n; i++) {
            p += Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return Math.min(1, p);
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }
}
