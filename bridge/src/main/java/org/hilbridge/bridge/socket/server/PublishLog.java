package org.hilbridge.bridge.socket.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the server published each of the last {@link #DEPTH} samples of each stream (wall clock), so a
 * command naming (stream, sequence) gets its loop latency: publish to the command's arrival.
 */
final class PublishLog {
    static final int DEPTH = 1024;

    private final Map<String, Ring> streams = new ConcurrentHashMap<>();

    void record(String streamId, long sequence, long wallNanos) {
        streams.computeIfAbsent(streamId, s -> new Ring()).put(sequence, wallNanos);
    }

    /** The publish wall time of (stream, sequence), or -1 when it is unknown or too old. */
    long publishedWallNanos(String streamId, long sequence) {
        Ring r = streams.get(streamId);
        return r == null ? -1 : r.get(sequence);
    }

    private static final class Ring {
        private final long[] sequences = new long[DEPTH];
        private final long[] wallNanos = new long[DEPTH];

        Ring() {
            java.util.Arrays.fill(sequences, -1);
        }

        synchronized void put(long sequence, long wall) {
            int i = (int) Math.floorMod(sequence, (long) DEPTH);
            sequences[i] = sequence;
            wallNanos[i] = wall;
        }

        synchronized long get(long sequence) {
            int i = (int) Math.floorMod(sequence, (long) DEPTH);
            return sequences[i] == sequence ? wallNanos[i] : -1;
        }
    }
}
