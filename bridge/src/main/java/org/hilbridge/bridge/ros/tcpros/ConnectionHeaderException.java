package org.hilbridge.bridge.ros.tcpros;

/** The one error {@link ConnectionHeader#decode} throws for bytes that are not a connection header. */
public final class ConnectionHeaderException extends Exception {
    public ConnectionHeaderException(String message) {
        super(message);
    }
}
