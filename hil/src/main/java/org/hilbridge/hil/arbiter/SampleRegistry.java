package org.hilbridge.hil.arbiter;

import org.hilbridge.bridge.link.SampleRef;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recently published samples per stream (sequence and capture time), so a command's named sample
 * can be checked and its capture time found. Each stream keeps its last {@link #CAPACITY} samples in a ring;
 * an older sequence is reported as {@link #EVICTED} (it is stale whatever the age limit). Sequence numbers
 * may skip (a sensor_dropout fault captures samples it does not publish): the skipped ones are unknown.
 * Not thread-safe: the arbiter guards it.
 */
final class SampleRegistry {
    static final int CAPACITY = 4096;
    static final long UNKNOWN = -1;
    static final long EVICTED = -2;

    /** In the order each stream published first, so a stamp shared by several streams is attributed the same way every run. */
    private final Map<String, Ring> streams = new LinkedHashMap<>();
    /** The stream a shared stamp is attributed to first (the control stream), or null. */
    private String preferred;

    /** A stamped command whose stamp {@code streamId} has is attributed to it before any other stream. */
    void prefer(String streamId) {
        preferred = streamId;
    }

    void publish(String streamId, long sequence, long captureNanos) {
        streams.computeIfAbsent(streamId, s -> new Ring()).add(sequence, captureNanos);
    }

    /** Capture time of (stream, sequence), or UNKNOWN / EVICTED. */
    long captureNanos(String streamId, long sequence) {
        Ring r = streams.get(streamId);
        return r == null ? UNKNOWN : r.captureNanos(sequence);
    }

    /**
     * The sample with exactly this capture time (stamped ROS commands), or null. A stamp names a time, not a
     * stream, and streams at related rates share capture times (a 50 Hz odometry sample and the 200 Hz IMU's
     * every fourth): the preferred stream is tried first, then the others in the order they first published.
     */
    SampleRef findByCapture(long captureNanos) {
        Ring first = preferred == null ? null : streams.get(preferred);
        if (first != null) {
            long seq = first.sequenceAt(captureNanos);
            if (seq >= 0) {
                return new SampleRef(preferred, seq);
            }
        }
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
        /** False for a sequence number that was skipped (never published). */
        private final boolean[] present = new boolean[CAPACITY];
        private long newest = -1;
        private long oldest = 0;

        void add(long sequence, long captureNanos) {
            if (sequence <= newest) {
                throw new IllegalStateException("stream sequence went back from " + newest + " to " + sequence);
            }
            // A skipped number keeps the capture time before it, so capture times stay non-decreasing along the
            // ring and the first of a run of equal times is the real sample (see sequenceAt).
            long previous = newest < 0 ? Long.MIN_VALUE : capture[(int) (newest % CAPACITY)];
            for (long skipped = Math.max(newest + 1, sequence - CAPACITY + 1); skipped < sequence; skipped++) {
                capture[(int) (skipped % CAPACITY)] = previous;
                present[(int) (skipped % CAPACITY)] = false;
            }
            newest = sequence;
            capture[(int) (sequence % CAPACITY)] = captureNanos;
            present[(int) (sequence % CAPACITY)] = true;
            oldest = Math.max(0, newest - CAPACITY + 1);
        }

        long captureNanos(long sequence) {
            if (sequence < 0 || sequence > newest) {
                return UNKNOWN;
            }
            if (sequence < oldest) {
                return EVICTED;
            }
            int i = (int) (sequence % CAPACITY);
            return present[i] ? capture[i] : UNKNOWN;
        }

        long sequenceAt(long captureNanos) {
            // Capture times never decrease with sequence: find the first one >= the stamp (binary search of
            // the ring's window); a published sample comes before the skipped numbers that copy its time.
            long lo = oldest;
            long hi = newest + 1;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (capture[(int) (mid % CAPACITY)] < captureNanos) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo > newest) {
                return -1;
            }
            int i = (int) (lo % CAPACITY);
            return present[i] && capture[i] == captureNanos ? lo : -1;
        }
    }
}
