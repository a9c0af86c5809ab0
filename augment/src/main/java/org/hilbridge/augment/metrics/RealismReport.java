package org.hilbridge.augment.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hilbridge.augment.param.ParamSpec;
import org.hilbridge.augment.param.ParameterSpace;

/**
 * The data-quality report of a set of frames against reference photographs: indistinguishability
 * (nearest-neighbour overlap, classifier two-sample test), information richness (spread and coverage of the
 * feature space) and intentionality (the share of declared condition bins the frames' parameters cover).
 *
 * @param conditionCoverage share of the (key, quarter of its domain) bins that the frames' parameters hit; NaN
 *                          when no parameters were given
 */
public record RealismReport(int frames, int references, double nearestNeighbourOverlap, FeatureSets.TwoSample twoSample,
                            double spread, double referenceSpread, double coverage, double conditionCoverage,
                            double[] frameMeans, double[] referenceMeans, List<double[]> projectedFrames, List<double[]> projectedReferences) {
    public static final int CONDITION_BINS = 4;

    /**
     * @param parameters per frame, the parameters it was made with (empty when unknown)
     * @param space      the declared space the condition bins are cut from
     * @param keys       the keys whose bins count (the sampled ones)
     */
    public static RealismReport of(List<double[]> frames, List<double[]> references, List<Map<String, Double>> parameters,
                                   ParameterSpace space, List<String> keys, long seed) {
        if (frames.size() < 4 || references.size() < 4) {
            throw new IllegalArgumentException("the metrics need at least 4 frames and 4 reference images, not " + frames.size() + " and " + references.size());
        }
        FeatureSets.TwoSample test = FeatureSets.classifierTest(frames, references, 5, seed);
        double overlap = FeatureSets.nearestNeighbourOverlap(frames, references, 5);
        double conditions = Double.NaN;
        if (!parameters.isEmpty() && !keys.isEmpty()) {
            int hit = 0;
            for (String k : keys) {
                ParamSpec s = space.spec(k);
                boolean[] bins = new boolean[CONDITION_BINS];
                for (Map<String, Double> p : parameters) {
                    Double v = p.get(k);
                    if (v != null && v >= s.min() && v <= s.max()) {
                        bins[Math.min(CONDITION_BINS - 1, (int) (s.fractionOf(v) * CONDITION_BINS))] = true;
                    }
                }
                for (boolean b : bins) {
                    hit += b ? 1 : 0;
                }
            }
            conditions = (double) hit / (keys.size() * CONDITION_BINS);
        }
        List<double[]> z = FeatureSets.standardised(frames, references);
        double[][] axes = principalAxes(z, 2);
        List<double[]> pf = new ArrayList<>(), pr = new ArrayList<>();
        for (int i = 0; i < z.size(); i++) {
            double[] p = {dot(z.get(i), axes[0]), dot(z.get(i), axes[1])};
            (i < frames.size() ? pf : pr).add(p);
        }
        return new RealismReport(frames.size(), references.size(), overlap, test, FeatureSets.spread(frames, references),
                FeatureSets.spread(references, references), FeatureSets.coverage(frames, references), conditions,
                means(frames), means(references), pf, pr);
    }

    /** The first {@code count} principal axes of the rows by power iteration with deflation (rows already centred). */
    static double[][] principalAxes(List<double[]> rows, int count) {
        int d = rows.get(0).length;
        double[][] cov = new double[d][d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[i][j] += r[i] * r[j] / rows.size();
                }
            }
        }
        double[][] axes = new double[count][];
        for (int a = 0; a < count; a++) {
            double[] v = new double[d];
            java.util.Arrays.fill(v, 1 / Math.sqrt(d));
            v[a % d] += 0.5;
            double lambda = 0;
            for (int it = 0; it < 200; it++) {
                double[] next = new double[d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        next[i] += cov[i][j] * v[j];
                    }
                }
                double norm = Math.sqrt(dot(next, next));
                if (norm < 1e-15) {
                    break;
                }
                lambda = norm;
                for (int i = 0; i < d; i++) {
                    v[i] = next[i] / norm;
                }
            }
            axes[a] = v;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[i][j] -= lambda * v[i] * v[j];
                }
            }
        }
        return axes;
    }

    private static double dot(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * q[i];
        }
        return s;
    }

    private static double[] means(List<double[]> rows) {
        double[] m = new double[rows.get(0).length];
        for (double[] r : rows) {
            for (int i = 0; i < m.length; i++) {
                m[i] += r[i] / rows.size();
            }
        }
        return m;
    }

    public String toJson() {
        StringBuilder b = new StringBuilder("{\n");
        b.append(String.format(Locale.ROOT, "  \"frames\": %d,%n  \"references\": %d,%n", frames, references));
        b.append("  \"indistinguishability\": {");
        b.append(String.format(Locale.ROOT, "\"nearest_neighbour_overlap\": %s, \"classifier_accuracy\": %s, \"classifier_p_value\": %s, \"classifier_tested\": %d},%n",
                num(nearestNeighbourOverlap), num(twoSample.accuracy()), num(twoSample.pValue()), twoSample.tested()));
        b.append(String.format(Locale.ROOT, "  \"richness\": {\"spread\": %s, \"reference_spread\": %s, \"coverage\": %s},%n",
                num(spread), num(referenceSpread), num(coverage)));
        b.append(String.format(Locale.ROOT, "  \"intentionality\": {\"condition_bin_coverage\": %s, \"bins_per_key\": %d},%n", num(conditionCoverage), CONDITION_BINS));
        b.append("  \"feature_means\": {");
        for (int i = 0; i < ImageStatistics.NAMES.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "\"%s\": [%s, %s]", ImageStatistics.NAMES.get(i), num(frameMeans[i]), num(referenceMeans[i])));
        }
        return b.append("}\n}\n").toString();
    }

    /** One page: the figures, and the frames and references on the first two principal axes of the features (SVG). */
    public String toHtml(String title) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title></head><body style=\"font-family: sans-serif\">\n<h1>").append(escape(title)).append("</h1>\n<table border=\"1\" cellpadding=\"4\">\n");
        row(b, "frames / references", frames + " / " + references);
        row(b, "nearest-neighbour overlap (1: mixed, 0: apart)", num(nearestNeighbourOverlap));
        row(b, "classifier two-sample test: accuracy (0.5: indistinguishable)", num(twoSample.accuracy()));
        row(b, "classifier two-sample test: p-value", num(twoSample.pValue()));
        row(b, "spread (frames / references)", num(spread) + " / " + num(referenceSpread));
        row(b, "coverage of the references' feature deciles", num(coverage));
        row(b, "condition-bin coverage", Double.isNaN(conditionCoverage) ? "no parameters given" : num(conditionCoverage));
        b.append("</table>\n<h2>Features on their first two principal axes</h2>\n");
        b.append(scatter(projectedFrames, projectedReferences));
        b.append("<p><span style=\"color:#d62728\">&#9679;</span> frames &nbsp; <span style=\"color:#1f77b4\">&#9679;</span> references</p>\n");
        b.append("<h2>Feature means</h2>\n<table border=\"1\" cellpadding=\"3\"><tr><th>feature</th><th>frames</th><th>references</th></tr>\n");
        for (int i = 0; i < ImageStatistics.NAMES.size(); i++) {
            b.append("<tr><td>").append(ImageStatistics.NAMES.get(i)).append("</td><td>").append(num(frameMeans[i])).append("</td><td>")
                    .append(num(referenceMeans[i])).append("</td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    private static String scatter(List<double[]> a, List<double[]> b) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = minX, maxY = maxX;
        for (List<double[]> set : List.of(a, b)) {
            for (double[] p : set) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double sx = 460 / Math.max(1e-9, maxX - minX), sy = 360 / Math.max(1e-9, maxY - minY);
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"500\" height=\"400\" style=\"border:1px solid #999\">\n");
        for (int k = 0; k < 2; k++) {
            String colour = k == 0 ? "#d62728" : "#1f77b4";
            for (double[] p : k == 0 ? a : b) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.7\"/>%n",
                        20 + (p[0] - minX) * sx, 380 - (p[1] - minY) * sy, colour));
            }
        }
        return s.append("</svg>\n").toString();
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><td>").append(escape(name)).append("</td><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.4g", v);
    }
}
