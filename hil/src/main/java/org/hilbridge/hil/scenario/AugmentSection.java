package org.hilbridge.hil.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.onnx.OnnxModelSpec;
import org.hilbridge.augment.param.ParamSpec;
import org.hilbridge.augment.param.ParameterSpace;
import org.hilbridge.augment.photometric.PhotometricSpace;
import org.hilbridge.hil.config.ConfigTree;
import org.hilbridge.hil.config.KeySchema;

import static org.hilbridge.hil.config.ValueRule.bool;
import static org.hilbridge.hil.config.ValueRule.closed;
import static org.hilbridge.hil.config.ValueRule.integer;
import static org.hilbridge.hil.config.ValueRule.number;
import static org.hilbridge.hil.config.ValueRule.oneOf;
import static org.hilbridge.hil.config.ValueRule.positive;
import static org.hilbridge.hil.config.ValueRule.text;

/** Reads the scenario's augment.* keys (launch/scenarios/README.md, "augment") into {@link AugmentSettings}. */
final class AugmentSection {
    private AugmentSection() {
    }

    /** The augment keys and their rules; parameter values are text, checked against the backend's declared domain. */
    static void declare(KeySchema.Builder b) {
        b.leaf("augment.enabled", bool())
                .leaf("augment.backend", oneOf(AugmentSettings.BACKENDS))
                .leaf("augment.primary", oneOf(AugmentSettings.PRIMARIES))
                .leaf("augment.seed", integer(Long.MIN_VALUE, Long.MAX_VALUE))
                .leaf("augment.deadline_ms", number(0, false, 60_000, true))
                .leaf("augment.queue_capacity", integer(1, 64))
                .leaf("augment.weather", bool())
                .leaf("augment.sample.keys", text())
                .leaf("augment.sample.block", integer(1, 1_000_000))
                .leaf("augment.gate.min_edge_f1", closed(0, 1))
                .leaf("augment.gate.min_blur_ssim", closed(-1, 1))
                .leaf("augment.gate.min_structure", closed(-1, 1))
                .leaf("augment.gate.min_worst_tile_structure", closed(-1, 1))
                .leaf("augment.gate.min_boundary_recall", closed(0, 1))
                .leaf("augment.gate.edge_tolerance_px", integer(0, 4))
                .leaf("augment.gate.blur_sigma_px", closed(0, 16))
                .leaf("augment.gate.tiles", integer(1, 16))
                .leaf("augment.onnx.model", text())
                .leaf("augment.onnx.rgb_input", text())
                .leaf("augment.onnx.depth_input", text())
                .leaf("augment.onnx.semantic_input", text())
                .leaf("augment.onnx.output", text())
                .leaf("augment.onnx.layout", oneOf(List.of("nchw", "nhwc")))
                .leaf("augment.onnx.mean", text())
                .leaf("augment.onnx.std", text())
                .leaf("augment.onnx.depth_max_m", positive())
                .leaf("augment.onnx.execution_provider", oneOf(List.of(OnnxModelSpec.CPU, OnnxModelSpec.CUDA)))
                .leaf("augment.onnx.cuda_device", integer(0, 64))
                .leaf("augment.onnx.intra_op_threads", integer(0, 1024));
        for (ParamSpec s : PhotometricSpace.SPACE.specs()) {
            b.leaf("augment.params." + s.key(), text());
            b.leaf("augment.domain." + s.key() + ".min", text());
            b.leaf("augment.domain." + s.key() + ".max", text());
        }
    }

    static AugmentSettings read(ConfigTree c, long scenarioSeed, Path scenarioDir, Weather weather) {
        if (!c.hasGroup("augment")) {
            return AugmentSettings.OFF;
        }
        String backend = c.text("augment.backend", AugmentSettings.PHOTOMETRIC);
        Map<String, double[]> domains = new LinkedHashMap<>();
        Map<String, Double> params = new LinkedHashMap<>();
        for (ParamSpec s : PhotometricSpace.SPACE.specs()) {
            String min = "augment.domain." + s.key() + ".min", max = "augment.domain." + s.key() + ".max";
            if (c.has(min) || c.has(max)) {
                domains.put(s.key(), new double[] {c.has(min) ? value(c, min) : s.min(), c.has(max) ? value(c, max) : s.max()});
            }
        }
        ParameterSpace space;
        try {
            space = PhotometricSpace.SPACE.narrowed(domains);
        } catch (IllegalArgumentException e) {
            String key = domains.keySet().stream().filter(k -> e.getMessage().contains(k)).findFirst().orElseThrow();
            throw c.notAllowed(c.has("augment.domain." + key + ".min") ? "augment.domain." + key + ".min" : "augment.domain." + key + ".max",
                    "the domain must lie within [" + num(PhotometricSpace.SPACE.spec(key).min()) + ", " + num(PhotometricSpace.SPACE.spec(key).max())
                            + "] " + PhotometricSpace.SPACE.spec(key).unit() + " with min <= max");
        }
        for (ParamSpec s : space.specs()) {
            String key = "augment.params." + s.key();
            if (c.has(key)) {
                double v = value(c, key);
                if (!s.allows(v)) {
                    throw c.notAllowed(key, "it must be in " + s.rangeText());
                }
                if (AugmentSettings.ONNX.equals(backend)) {
                    throw c.notAllowed(key, "augment.params apply to the photometric backend, and augment.backend is onnx");
                }
                params.put(s.key(), v);
            }
        }
        List<String> sampleKeys = new ArrayList<>();
        if (c.has("augment.sample.keys")) {
            for (String k : c.text("augment.sample.keys").split("[,\\s]+")) {
                if (k.isEmpty()) {
                    continue;
                }
                if (!space.contains(k) || AugmentSettings.ONNX.equals(backend)) {
                    throw c.notAllowed("augment.sample.keys", "'" + k + "' is not a parameter of the " + backend + " backend: its parameters are "
                            + (AugmentSettings.ONNX.equals(backend) ? "none" : String.join(", ", space.keys())));
                }
                sampleKeys.add(k);
            }
        }
        // Strict for a learned model, a sanity floor for the physically based backend (GateThresholds.PHYSICAL says why).
        GateThresholds d = AugmentSettings.ONNX.equals(backend) ? GateThresholds.DEFAULT : GateThresholds.PHYSICAL;
        GateThresholds gate = new GateThresholds(c.number("augment.gate.min_edge_f1", d.minEdgeF1()),
                c.number("augment.gate.min_blur_ssim", d.minBlurSsim()), c.number("augment.gate.min_structure", d.minStructure()),
                c.number("augment.gate.min_worst_tile_structure", d.minWorstTileStructure()),
                c.number("augment.gate.min_boundary_recall", d.minBoundaryRecall()), (int) c.integer("augment.gate.edge_tolerance_px", d.edgeTolerancePx()),
                c.number("augment.gate.blur_sigma_px", d.blurSigmaPx()), (int) c.integer("augment.gate.tiles", d.tiles()));
        OnnxModelSpec onnx = null;
        if (c.hasGroup("augment.onnx")) {
            if (!AugmentSettings.ONNX.equals(backend)) {
                throw c.notAllowed(c.keysUnder("augment.onnx").get(0), "augment.onnx.* applies to augment.backend: onnx only");
            }
        }
        if (AugmentSettings.ONNX.equals(backend)) {
            if (!c.has("augment.onnx.model")) {
                throw c.missing("augment.onnx.model", "augment.backend is onnx");
            }
            Path model = scenarioDir.resolve(c.text("augment.onnx.model"));
            if (!Files.isRegularFile(model)) {
                throw c.notAllowed("augment.onnx.model", "no such file: " + model);
            }
            onnx = new OnnxModelSpec(model, c.text("augment.onnx.rgb_input", "rgb"), optional(c, "augment.onnx.depth_input"),
                    optional(c, "augment.onnx.semantic_input"), optional(c, "augment.onnx.output"),
                    OnnxModelSpec.Layout.valueOf(c.text("augment.onnx.layout", "nchw").toUpperCase(Locale.ROOT)),
                    triple(c, "augment.onnx.mean", 0), triple(c, "augment.onnx.std", 1), c.number("augment.onnx.depth_max_m", 1000),
                    c.text("augment.onnx.execution_provider", OnnxModelSpec.CPU), (int) c.integer("augment.onnx.cuda_device", 0),
                    (int) c.integer("augment.onnx.intra_op_threads", 0));
        }
        AugmentSettings settings = new AugmentSettings(c.bool("augment.enabled", true), backend, c.text("augment.primary", AugmentSettings.RAW),
                c.integer("augment.seed", scenarioSeed), c.number("augment.deadline_ms", Double.NaN), (int) c.integer("augment.queue_capacity", 2),
                c.bool("augment.weather", true), params, domains, sampleKeys, (int) c.integer("augment.sample.block", 16), gate, onnx);
        settings.base(weather);   // every value in its domain
        return settings;
    }

    /** A parameter value: a plain number, or inf (an infinite visibility or full well: the effect off). */
    private static double value(ConfigTree c, String key) {
        String t = c.text(key).trim().toLowerCase(Locale.ROOT);
        if (t.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v) && t.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw c.notAllowed(key, "expected a number or inf");
    }

    private static Optional<String> optional(ConfigTree c, String key) {
        return c.has(key) ? Optional.of(c.text(key)) : Optional.empty();
    }

    /** Three numbers, red green blue, separated by commas or spaces. */
    private static double[] triple(ConfigTree c, String key, double dflt) {
        if (!c.has(key)) {
            return new double[] {dflt, dflt, dflt};
        }
        String[] parts = c.text(key).trim().split("[,\\s]+");
        if (parts.length != 3) {
            throw c.notAllowed(key, "expected three numbers (red, green, blue), e.g. 0.485, 0.456, 0.406");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw c.notAllowed(key, "expected three numbers (red, green, blue), e.g. 0.485, 0.456, 0.406");
            }
            if (key.endsWith("std") && !(v[i] > 0)) {
                throw c.notAllowed(key, "each std must be > 0");
            }
        }
        return v;
    }

    private static String num(double v) {
        return org.hilbridge.augment.param.Num.text(v);
    }
}
