package org.hilbridge.hil.record;

/**
 * One message data record of a bag, located but not read: {@link BagReader#read} fetches its bytes.
 *
 * @param connection its connection
 * @param timeNanos  its receive time (hilbridge writes the sample's capture sim time)
 * @param dataPos    the file position of the serialised message body
 * @param length     the body's length in bytes
 */
public record BagMessage(BagConnection connection, long timeNanos, long dataPos, int length) {
}
