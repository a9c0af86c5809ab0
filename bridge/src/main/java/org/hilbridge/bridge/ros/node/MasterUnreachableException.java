package org.hilbridge.bridge.ros.node;

import java.io.IOException;

/** ROS_MASTER_URI names a master that does not answer: the node refuses to start rather than form a second graph. */
public final class MasterUnreachableException extends IOException {
    public MasterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
