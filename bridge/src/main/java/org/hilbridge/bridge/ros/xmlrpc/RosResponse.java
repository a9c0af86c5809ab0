package org.hilbridge.bridge.ros.xmlrpc;

import java.util.Arrays;
import java.util.List;

/**
 * The return value of every ROS master and slave API call: {@code [code, statusMessage, value]}
 * (http://wiki.ros.org/ROS/Master_API, "API Return Value Format"): code 1 SUCCESS, 0 FAILURE (the call was
 * valid but could not be done), -1 ERROR (the caller erred, e.g. bad arguments); the value is meaningful only
 * on success.
 */
public record RosResponse(int code, String statusMessage, Object value) {
    public static final int SUCCESS = 1;
    public static final int FAILURE = 0;
    public static final int ERROR = -1;

    public static RosResponse success(String statusMessage, Object value) {
        return new RosResponse(SUCCESS, statusMessage, value);
    }

    public static RosResponse failure(String statusMessage) {
        return new RosResponse(FAILURE, statusMessage, 0);
    }

    public static RosResponse error(String statusMessage) {
        return new RosResponse(ERROR, statusMessage, 0);
    }

    public boolean ok() {
        return code == SUCCESS;
    }

    /** The XML-RPC value to answer with. */
    public List<Object> toXmlRpc() {
        return Arrays.asList(code, statusMessage, value);
    }

    /** Reads a peer's answer; refuses anything that is not {@code [int, string, value]}. */
    public static RosResponse fromXmlRpc(Object answer) throws RosApiException {
        if (answer instanceof List<?> l && l.size() == 3 && l.get(0) instanceof Integer code && l.get(1) instanceof String msg) {
            return new RosResponse(code, msg, l.get(2));
        }
        throw new RosApiException(ERROR, "not a ROS API answer [code, statusMessage, value]: " + answer);
    }

    /** The value of a successful answer, or a {@link RosApiException} carrying the code and status message. */
    public Object valueOrThrow(String what) throws RosApiException {
        if (!ok()) {
            throw new RosApiException(code, what + " failed with code " + code + ": " + statusMessage);
        }
        return value;
    }
}
