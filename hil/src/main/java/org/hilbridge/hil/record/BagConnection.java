package org.hilbridge.hil.record;

import java.util.Objects;

/**
 * One connection of a bag: a topic with its type, as its connection record carries it (the TCPROS connection
 * header fields rosbag keeps: topic, type, md5sum, message_definition, callerid, latching).
 *
 * @param id       the connection id, unique in its bag
 * @param callerid the publishing node's name ("" when the bag does not say)
 */
public record BagConnection(int id, String topic, String type, String md5sum, String messageDefinition, String callerid, boolean latching) {
    public BagConnection {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(md5sum, "md5sum");
        Objects.requireNonNull(messageDefinition, "messageDefinition");
        Objects.requireNonNull(callerid, "callerid");
    }
}
