package org.hilbridge.hil.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.onnx.OnnxModelSpec;
import org.hilbridge.augment.param.ParamSpec;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.param.ParameterSpace;
import org.hilbridge.augment.photometric.PhotometricSpace;

/**
 * The scenario's augment section (launch/scenarios/README.md, "augment"): whether camera frames are augmented,
 * by which backend, with which parameters and domains, what the grounding gate demands and which image the
 * autonomy stack takes as its primary one.
 *
 * @param deadlineMs    real-time pacing: how long a frame's result may take, ms; NaN: one frame period
 * @param params        parameters given explicitly (augment.params.*): they override what the weather sets
 * @param domains       operating domains narrowed by augment.domain.KEY.min / .max
 * @param sampleKeys    parameters drawn per frame by the Latin hypercube sampler (empty: none)
 * @param onnx          the model, for backend onnx; null otherwise
 */
public record AugmentSettings(boolean enabled, String backend, String primary, long seed, double deadlineMs, int queueCapacity,
                              boolean weatherDriven, Map<String, Double> params, Map<String, double[]> domains,
                              List<String> sampleKeys, int sampleBlock, GateThresholds gate, OnnxModelSpec onnx) {
    public static final String PHOTOMETRIC = "photometric";
    public static final String ONNX = "onnx";
    public static final List<String> BACKENDS = List.of(PHOTOMETRIC, ONNX);
    public static final String RAW = "raw";
    public static final String AUGMENTED = "augmented";
    public static final List<String> PRIMARIES = List.of(RAW, AUGMENTED);

    public static final AugmentSettings OFF = new AugmentSettings(false, PHOTOMETRIC, RAW, 0, Double.NaN, 2, true, Map.of(), Map.of(),
            List.of(), 16, GateThresholds.PHYSICAL, null);

    public AugmentSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(gate, "gate");
        params = Map.copyOf(params);
        domains = Map.copyOf(domains);
        sampleKeys = List.copyOf(sampleKeys);
        if (ONNX.equals(backend) && onnx == null) {
            throw new IllegalArgumentException("augment.backend = onnx needs augment.onnx.model");
        }
    }

    /**
     * The per-frame deadline of real-time pacing (RealtimeAugmentStage) for a camera of {@code rateHz}:
     * augment.deadline_ms, or one frame period when not given.
     */
    public long deadlineNanos(double rateHz) {
        return Double.isNaN(deadlineMs) ? Math.round(1e9 / rateHz) : Math.round(deadlineMs * 1e6);
    }

    /** The declared parameter space of the chosen backend, with the scenario's domains. */
    public ParameterSpace space() {
        if (ONNX.equals(backend)) {
            return new ParameterSpace(List.of());
        }
        return PhotometricSpace.SPACE.narrowed(domains);
    }

    /**
     * The parameters before per-frame sampling: what the weather sets (clamped into the domain: the weather is the
     * scenario's intent, the domain its declared limits), then the explicit ones (checked, never clamped).
     */
    public ParameterSet base(Weather weather) {
        ParameterSpace space = space();
        Map<String, Double> values = new TreeMap<>();
        if (weatherDriven && !ONNX.equals(backend)) {
            for (Map.Entry<String, Double> e : WeatherAppearance.of(weather).entrySet()) {
                ParamSpec s = space.spec(e.getKey());
                double v = e.getValue();
                values.put(e.getKey(), v == s.identity() ? v : Math.max(s.min(), Math.min(s.max(), v)));
            }
        }
        values.putAll(params);
        return space.of(values);
    }
}
