package org.hilbridge.bridge.ros.xmlrpc;

import java.util.List;
import java.util.Objects;

/** A parsed {@code <methodCall>}: the method name and its parameters as {@link XmlRpcCodec} maps them to Java. */
public record XmlRpcCall(String methodName, List<Object> params) {
    public XmlRpcCall {
        Objects.requireNonNull(methodName, "methodName");
        params = List.copyOf(params);
    }
}
