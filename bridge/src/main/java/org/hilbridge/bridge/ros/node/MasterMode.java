package org.hilbridge.bridge.ros.node;

/** Where a {@link RosNode} finds its master. */
public enum MasterMode {
    /** The master at ROS_MASTER_URI when that is set (and it must answer); otherwise start the embedded one. */
    AUTO,
    /** Always start the embedded master (ROS_MASTER_URI is ignored). */
    EMBEDDED
}
