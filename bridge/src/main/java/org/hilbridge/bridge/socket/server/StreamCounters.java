package org.hilbridge.bridge.socket.server;

import java.util.concurrent.atomic.AtomicLong;

/** One client's counters for one stream (written by the publishing thread, read by its event loop). */
final class StreamCounters {
    final String streamId;
    /** Frames put in the client's queue (after decimation). */
    final AtomicLong queued = new AtomicLong();
    /** Frames lost from a full queue (the oldest go first). */
    final AtomicLong dropped = new AtomicLong();
    /** Frames skipped by the subscription's max rate. */
    final AtomicLong decimated = new AtomicLong();
    /** For the rate over the window between two stats requests (event loop only). */
    long windowStartWallNanos;
    long windowStartSent;

    StreamCounters(String streamId, long nowWallNanos) {
        this.streamId = streamId;
        this.windowStartWallNanos = nowWallNanos;
    }

    long sent() {
        return queued.get() - dropped.get();
    }
}
