package org.hilbridge.bridge.ros.tcpros;

/**
 * One subscriber connection of a published topic, as the slave API (getBusInfo/getBusStats) and
 * /diagnostics report it.
 *
 * @param messagesDropped messages this subscriber lost because it did not read fast enough (its oldest
 *                        queued messages were discarded for newer ones)
 */
public record SubscriberLinkStats(int connectionId, String subscriberCallerId, String remoteAddress, long messagesSent, long bytesSent,
                                  long messagesDropped, boolean connected) {
}
