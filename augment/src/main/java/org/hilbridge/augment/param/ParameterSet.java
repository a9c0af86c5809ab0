package org.hilbridge.augment.param;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Immutable values for every parameter of a {@link ParameterSpace}, each within its domain (or at its identity). */
public final class ParameterSet {
    private final ParameterSpace space;
    private final double[] values;

    ParameterSet(ParameterSpace space, double[] values) {
        this.space = space;
        this.values = values;
        for (int i = 0; i < values.length; i++) {
            space.check(space.specs().get(i).key(), values[i]);
        }
    }

    public ParameterSpace space() {
        return space;
    }

    public double get(String key) {
        return values[space.indexOf(key)];
    }

    /** A copy with {@code changes} applied, each checked. */
    public ParameterSet with(Map<String, Double> changes) {
        double[] v = values.clone();
        for (Map.Entry<String, Double> e : changes.entrySet()) {
            space.check(e.getKey(), e.getValue());
            v[space.indexOf(e.getKey())] = e.getValue();
        }
        return new ParameterSet(space, v);
    }

    public ParameterSet with(String key, double value) {
        return with(Map.of(key, value));
    }

    /** Key to value, in declaration order (what provenance records). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(space.specs().get(i).key(), values[i]);
        }
        return m;
    }

    /** The parameters not at their identity (what this set changes), in declaration order. */
    public Map<String, Double> changes() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != space.specs().get(i).identity()) {
                m.put(space.specs().get(i).key(), values[i]);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSet p && p.space.equals(space) && java.util.Arrays.equals(p.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(space, java.util.Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(space.specs().get(i).key()).append('=').append(Num.text(values[i]));
        }
        return b.append('}').toString();
    }
}
