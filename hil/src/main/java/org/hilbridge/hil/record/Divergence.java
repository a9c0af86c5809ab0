package org.hilbridge.hil.record;

/**
 * The first difference between a recorded topic and its re-run.
 *
 * @param topic      the topic
 * @param index      the message's position on its topic, from 0 (for sensor topics the header seq)
 * @param stampNanos the recorded message's receive time (its capture stamp), or the re-run's when the bag has none
 * @param byteOffset the first differing byte of the body, or -1 when the message is missing on one side
 * @param what       what differs, in words
 */
public record Divergence(String topic, long index, long stampNanos, long byteOffset, String what) {
    @Override
    public String toString() {
        return String.format("%s message %d (stamp %d.%09d s)%s: %s", topic, index, stampNanos / 1_000_000_000L, stampNanos % 1_000_000_000L,
                byteOffset >= 0 ? ", first differing byte at offset " + byteOffset : "", what);
    }
}
