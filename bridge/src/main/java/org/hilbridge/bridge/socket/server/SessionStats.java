package org.hilbridge.bridge.socket.server;

import java.util.Map;

/**
 * A snapshot of one client session's counters (also sent to the client as a Stats frame).
 *
 * @param droppedByStream frames each stream lost to the full queue
 * @param sentByStream    frames each stream queued and not dropped
 */
public record SessionStats(String sessionId, String clientName, Map<String, Long> sentByStream, Map<String, Long> droppedByStream,
                           long commandsReceived, long commandsAccepted, int queueDepth) {
    public long droppedTotal() {
        return droppedByStream.values().stream().mapToLong(Long::longValue).sum();
    }
}
