package org.hilbridge.augment.param;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The declared parameter space of a backend: every key it understands with its operating domain. Values
 * are checked against it (out-of-domain values are refused naming the key, the value and the domain);
 * configuration may narrow a domain ({@link #narrowed}) but never widen it past the physical limits the
 * backend declares.
 */
public final class ParameterSpace {
    private final List<ParamSpec> specs;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    /** The keys in declaration order, made once: the space is immutable and keys() is asked per frame. */
    private final List<String> keys;

    public ParameterSpace(List<ParamSpec> specs) {
        this.specs = List.copyOf(specs);
        for (int i = 0; i < this.specs.size(); i++) {
            if (index.put(this.specs.get(i).key(), i) != null) {
                throw new IllegalArgumentException("parameter " + this.specs.get(i).key() + " is declared twice");
            }
        }
        this.keys = List.copyOf(index.keySet());
    }

    public List<ParamSpec> specs() {
        return specs;
    }

    public int size() {
        return specs.size();
    }

    public ParamSpec spec(String key) {
        return specs.get(indexOf(key));
    }

    int indexOf(String key) {
        Integer i = index.get(key);
        if (i == null) {
            throw new IllegalArgumentException("augment parameter '" + key + "' is not known: known are " + String.join(", ", index.keySet()));
        }
        return i;
    }

    public boolean contains(String key) {
        return index.containsKey(key);
    }

    /** This space with some domains narrowed: key to {min, max}. */
    public ParameterSpace narrowed(Map<String, double[]> domains) {
        List<ParamSpec> out = new ArrayList<>(specs);
        for (Map.Entry<String, double[]> e : domains.entrySet()) {
            int i = indexOf(e.getKey());
            out.set(i, specs.get(i).narrowed(e.getValue()[0], e.getValue()[1]));
        }
        return new ParameterSpace(out);
    }

    /** Every parameter at its identity value: an augmentation that changes nothing. */
    public ParameterSet identity() {
        double[] v = new double[specs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = specs.get(i).identity();
        }
        return new ParameterSet(this, v);
    }

    /** The identity with {@code values} set; each is checked against its domain. */
    public ParameterSet of(Map<String, Double> values) {
        return identity().with(values);
    }

    void check(String key, double value) {
        ParamSpec s = spec(key);
        if (Double.isNaN(value) || !s.allows(value)) {
            throw new IllegalArgumentException("augment.params." + key + " = " + Num.text(value) + " is not allowed: it must be in " + s.rangeText());
        }
    }

    public List<String> keys() {
        return keys;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpace p && p.specs.equals(specs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(specs);
    }
}
