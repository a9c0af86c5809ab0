package org.hilbridge.bridge.ros.xmlrpc;

import java.util.List;

/**
 * Answers XML-RPC calls for {@link XmlRpcServer}. It runs on the server's handler threads (never on an I/O
 * thread), so it may block briefly. Throw {@link XmlRpcFault} to answer a fault; any other exception is
 * answered as an internal-error fault and logged.
 */
@FunctionalInterface
public interface XmlRpcHandler {
    Object handle(String methodName, List<Object> params) throws Exception;
}
