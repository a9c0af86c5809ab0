package org.hilbridge.bridge.ros.xmlrpc;

/** A ROS API call answered with a code other than SUCCESS, or with something that is not a ROS answer. */
public final class RosApiException extends Exception {
    private final int code;

    public RosApiException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
