package org.hilbridge.bridge.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * A parsed .msg: its full type name, the text it was parsed from (it enters the full definition verbatim),
 * its constants and its fields, each in declaration order.
 */
public record MsgSpec(String fullName, String text, List<MsgConstant> constants, List<MsgField> fields) {
    public MsgSpec {
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(text, "text");
        constants = List.copyOf(constants);
        fields = List.copyOf(fields);
    }

    /** The package part of the full name ("sensor_msgs" of "sensor_msgs/Imu"). */
    public String packageName() {
        return fullName.substring(0, fullName.indexOf('/'));
    }

    /**
     * Whether the first field is {@code std_msgs/Header header}: ROS gives such messages special treatment
     * (genmsg MsgSpec.header_present; rospy and roscpp fill in seq and stamp, rosbag indexes by it).
     */
    public boolean hasHeader() {
        return !fields.isEmpty() && fields.get(0).baseType().equals(MsgTypes.HEADER_FULL_NAME) && !fields.get(0).isArray()
                && fields.get(0).name().equals("header");
    }
}
