package io.github.seattleinstaller.service.xmlrpc;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A decoded {@code methodCall}: the method's name and its parameters as plain Java values ({@link XmlRpcCodec}
 * says which types).
 */
public record MethodCall(String methodName, List<Object> params) {
    public MethodCall {
        Objects.requireNonNull(methodName, "methodName");
        // Not List.copyOf: an XML-RPC nil is a null parameter.
        params = Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
}
