package org.hilbridge.hil.arbiter;

import org.hilbridge.bridge.link.SampleRef;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers recently published samples per stream (sequence and capture time), so a command's named sample
 * can be checked and its capture time found. Each stream keeps its last {@link #CAPACITY} samples in a ring;
 * an older sequence is reported as {@link #EVICTED} (it is stale whatever the age limit). Not thread-safe:
 * the arbiter guards it.
 */
final class SampleRegistry {
    static final int CAPACITY = 4096;
    static final long UNKNOWN = -1;
    static final long EVICTED = -2;

    private final Map<String, Ring> streams = new HashMap<>();

    void publish(String streamId, long sequence, long captureNanos) {
        streams.computeIfAbsent(streamId, s -> new Ring()).add(sequence, captureNanos);
    }

    /** Capture time of (stream, sequence), or UNKNOWN / EVICTED. */
    long captureNanos(String streamId, long sequence) {
        Ring r = streams.get(streamId);
        return r == null ? UNKNOWN : r.captureNanos(sequence);
    }

    /** The sample with exactly this capture time, searching every stream (stamped ROS commands), or null. */
    SampleRef findByCapture(long captureNanos) {
        for (Map.Entry<String, Ring> e : streams.entrySet()) {
            long seq = e.getValue().sequenceAt(captureNanos);
            if (seq >= 0) {
                return new SampleRef(e.getKey(), seq);
            }
        }
        return null;
    }

    private static final class Ring {
        private final long[] capture = new long[CAPACITY];
        private long newest = -1;
        private long oldest = 0;

        void add(long sequence, long captureNanos) {
            if (sequence != newest + 1) {
                throw new IllegalStateException("stream sequence jumped from " + newest + " to " + sequence);
            }
            newest = sequence;
            capture[(int) (sequence % CAPACITY)] = captureNanos;
            oldest = Math.max(0, newest - CAPACITY + 1);
        }

        long captureNanos(long sequence) {
            if (sequence < 0 || sequence > newest) {
                return UNKNOWN;
            }
            return sequence < oldest ? EVICTED : capture[(int) (sequence % CAPACITY)];
        }

        long sequenceAt(long captureNanos) {
            // Capture times grow with sequence: binary search the ring's window.
            long lo = oldest;
            long hi = newest;
            while (lo <= hi) {
                long mid = (lo + hi) >>> 1;
                long c = capture[(int) (mid % CAPACITY)];
                if (c == captureNanos) {
                    return mid;
                } else if (c < captureNanos) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -1;
        }
    }
}
