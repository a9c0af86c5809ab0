package org.hilbridge.bridge.ros.xmlrpc;

/**
 * An XML-RPC {@code <fault>}: a handler throws it to answer one, and the client completes a call with it when
 * the peer answers one. ROS itself reports application errors in-band ({@link RosResponse}); faults mean the
 * call could not be made at all (unknown method, wrong arguments, unparseable request).
 *
 * <p>Codes follow the XML-RPC fault code interoperability convention (xmlrpc-epi, used by Python's
 * xmlrpc.server): -32700 parse error, -32601 method not found, -32602 invalid params, -32603 internal error.
 */
public final class XmlRpcFault extends Exception {
    public static final int PARSE_ERROR = -32700;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    private final int faultCode;

    public XmlRpcFault(int faultCode, String faultString) {
        super(faultString);
        this.faultCode = faultCode;
    }

    public int faultCode() {
        return faultCode;
    }

    public String faultString() {
        return getMessage();
    }
}
