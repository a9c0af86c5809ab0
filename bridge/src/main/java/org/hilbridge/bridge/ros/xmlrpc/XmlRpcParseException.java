package org.hilbridge.bridge.ros.xmlrpc;

/**
 * The one error the XML-RPC parser throws for any input it refuses: malformed XML, a DTD, an entity, a type
 * ROS does not use, a value that does not parse, or a size limit ({@link XmlRpcLimits}) exceeded.
 */
public final class XmlRpcParseException extends Exception {
    public XmlRpcParseException(String message) {
        super(message);
    }

    public XmlRpcParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
