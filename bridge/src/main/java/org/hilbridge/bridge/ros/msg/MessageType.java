package org.hilbridge.bridge.ros.msg;

import java.util.Objects;

/**
 * A ROS 1 message type as TCPROS connection headers and the master name it: the type name
 * ("sensor_msgs/Imu"), its MD5 sum and its full message definition (the text rostopic and rosbag expect:
 * the type's own .msg followed by every dependency, separated by lines of '=' and "MSG: pkg/Type").
 * Both are computed from the .msg texts by ROS's algorithm (genmsg), never pasted.
 */
public record MessageType(String name, String md5sum, String definition) {
    public MessageType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(md5sum, "md5sum");
        Objects.requireNonNull(definition, "definition");
    }
}
