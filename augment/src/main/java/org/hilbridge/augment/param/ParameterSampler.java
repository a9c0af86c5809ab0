package org.hilbridge.augment.param;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws parameter sets that cover the declared space: the {@code varied} keys by Latin hypercube sampling
 * over blocks of {@code blockSize} draws (McKay, Beckman and Conover, "A comparison of three methods for
 * selecting values of input variables in the analysis of output from a computer code", Technometrics 21(2),
 * 1979): within each block every key hits each of its {@code blockSize} equal strata of the domain (on its
 * scale) exactly once, in an order shuffled per key, at a uniform point inside the stratum. Every other key
 * keeps the base set's value. Deterministic for a seed; draw i depends only on (seed, i).
 */
public final class ParameterSampler {
    private final ParameterSet base;
    private final List<String> varied;
    private final int blockSize;
    private final long seed;

    public ParameterSampler(ParameterSet base, List<String> varied, int blockSize, long seed) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("augment.sample.block = " + blockSize + " is not allowed: it must be >= 1");
        }
        for (String k : varied) {
            base.space().spec(k);
        }
        this.base = base;
        this.varied = List.copyOf(varied);
        this.blockSize = blockSize;
        this.seed = seed;
    }

    /** Draw number {@code i} (from 0). */
    public ParameterSet draw(long i) {
        long block = Math.floorDiv(i, blockSize);
        int slot = (int) Math.floorMod(i, blockSize);
        Map<String, Double> values = new TreeMap<>();
        for (int k = 0; k < varied.size(); k++) {
            SplittableRandom keyBlock = new SplittableRandom(mix(seed, block, k));
            int[] perm = new int[blockSize];
            for (int j = 0; j < blockSize; j++) {
                perm[j] = j;
            }
            for (int j = blockSize - 1; j > 0; j--) {   // Fisher-Yates
                int r = keyBlock.nextInt(j + 1);
                int t = perm[j];
                perm[j] = perm[r];
                perm[r] = t;
            }
            double jitter = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, i, k)).nextDouble();
            ParamSpec spec = base.space().spec(varied.get(k));
            values.put(spec.key(), spec.at((perm[slot] + jitter) / blockSize));
        }
        return base.with(values);
    }

    public List<String> varied() {
        return varied;
    }

    static long mix(long a, long b, long c) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
        h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }
}
