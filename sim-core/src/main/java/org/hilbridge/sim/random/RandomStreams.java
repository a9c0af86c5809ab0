package org.hilbridge.sim.random;

import java.nio.charset.StandardCharsets;

/**
 * Derives one independent random stream per consumer from the scenario seed and the consumer's name, so
 * adding a consumer (a new sensor, say) never shifts the numbers another consumer draws.
 */
public final class RandomStreams {
    private final long scenarioSeed;

    public RandomStreams(long scenarioSeed) {
        this.scenarioSeed = scenarioSeed;
    }

    public long scenarioSeed() {
        return scenarioSeed;
    }

    /** A fresh stream for {@code consumerName}; the same seed and name always give the same stream. */
    public SeededRandom stream(String consumerName) {
        return new SeededRandom(seedFor(consumerName));
    }

    /** The 64-bit seed of a consumer's stream: SplitMix64 of (scenario seed, FNV-1a of the UTF-8 name). */
    public long seedFor(String consumerName) {
        if (consumerName == null || consumerName.isEmpty()) {
            throw new IllegalArgumentException("a random stream needs a consumer name");
        }
        return SplitMix64.mix(SplitMix64.mix(scenarioSeed) ^ fnv1a64(consumerName.getBytes(StandardCharsets.UTF_8)));
    }

    /** FNV-1a, 64-bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv). */
    private static long fnv1a64(byte[] bytes) {
        long h = 0xCBF29CE484222325L;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
