package org.hilbridge.hil.stack;

/**
 * Clock offset and round trip from ping/pong, as NTP computes them (RFC 5905 §8): with t0 the client's
 * send time, t1 the server's receive time, t2 its send time and t3 the client's receive time,
 * offset = ((t1 - t0) + (t2 - t3)) / 2 and delay = (t3 - t0) - (t2 - t1). The server stamps one wall time
 * (t1 = t2), so delay = t3 - t0. Like NTP's clock filter (§10) the estimate kept is the one from the
 * exchange with the smallest round trip among the last {@code window}, whose offset error is bounded by
 * half that round trip.
 */
public final class ClockSync {
    private final long[] offsets;
    private final long[] delays;
    private int count;
    private long exchanges;

    ClockSync(int window) {
        offsets = new long[window];
        delays = new long[window];
    }

    /** Records one exchange (all wall nanoseconds since the epoch). */
    synchronized void record(long t0, long t1, long t2, long t3) {
        long offset = ((t1 - t0) + (t2 - t3)) / 2;
        long delay = (t3 - t0) - (t2 - t1);
        int i = (int) (exchanges % offsets.length);
        offsets[i] = offset;
        delays[i] = delay;
        exchanges++;
        count = (int) Math.min(offsets.length, exchanges);
    }

    /** The best estimate so far, or null before the first exchange. */
    synchronized Estimate estimate() {
        if (count == 0) {
            return null;
        }
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (delays[i] < delays[best]) {
                best = i;
            }
        }
        return new Estimate(offsets[best], delays[best], exchanges);
    }

    /** Server clock minus client clock (ns), the round trip it came with (ns), exchanges so far. */
    public record Estimate(long offsetNanos, long roundTripNanos, long exchanges) {
    }
}
