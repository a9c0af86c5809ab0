package org.hilbridge.augment;

import java.util.Map;
import java.util.Objects;

/**
 * How an augmented frame was made, enough to make it again: the backend, its model hash, every parameter
 * and the frame's seed.
 */
public record Provenance(String backend, String modelHash, Map<String, Double> parameters, long seed) {
    public Provenance {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(modelHash, "modelHash");
        parameters = Map.copyOf(parameters);
    }
}
