package org.hilbridge.bridge.ros.node;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.hilbridge.bridge.ros.graph.GraphNames;

/**
 * How to start a {@link RosNode}.
 *
 * @param name               node name, relative to {@code namespace} unless it starts with '/'
 * @param namespace          the node's namespace ("/" for the root)
 * @param remappings         topic name remappings, from to to (both resolved against the node, as "from:=to" in ROS)
 * @param environment        the process environment as the node should see it: ROS_MASTER_URI, ROS_IP, ROS_HOSTNAME
 *                           (tests pass their own)
 * @param masterMode         whether ROS_MASTER_URI is used or the embedded master always started
 * @param embeddedMasterPort port of the embedded master (11311 is ROS's default; 0 takes any free port)
 * @param callTimeout        timeout of each XML-RPC call, and of the check that ROS_MASTER_URI answers
 * @param maxMessageBytes    largest message a subscription accepts
 * @param ioThreads          Netty I/O threads
 */
public record RosNodeConfig(String name, String namespace, Map<String, String> remappings, Map<String, String> environment, MasterMode masterMode,
                            int embeddedMasterPort, Duration callTimeout, int maxMessageBytes, int ioThreads) {
    public static final int DEFAULT_MASTER_PORT = 11311;

    public RosNodeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        remappings = Map.copyOf(remappings);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(masterMode, "masterMode");
        Objects.requireNonNull(callTimeout, "callTimeout");
        String bad = GraphNames.invalidReason(name);
        if (bad != null || name.contains("~")) {
            throw new IllegalArgumentException("node name: " + (bad != null ? bad : "'" + name + "' must not contain '~'"));
        }
        if (!namespace.equals("/") && GraphNames.invalidReason(namespace) != null) {
            throw new IllegalArgumentException("node namespace: " + GraphNames.invalidReason(namespace));
        }
        if (embeddedMasterPort < 0 || embeddedMasterPort > 65535) {
            throw new IllegalArgumentException("embeddedMasterPort must be 0..65535, got " + embeddedMasterPort);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 1, got " + maxMessageBytes);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 1, got " + ioThreads);
        }
    }

    /** A node in the root namespace, no remappings, AUTO master on the default port, 3 s calls, 1 GiB messages, 2 I/O threads. */
    public static RosNodeConfig of(String name, Map<String, String> environment) {
        return new RosNodeConfig(name, "/", Map.of(), environment, MasterMode.AUTO, DEFAULT_MASTER_PORT, Duration.ofSeconds(3), 1 << 30, 2);
    }

    public RosNodeConfig withNamespace(String ns) {
        return new RosNodeConfig(name, ns, remappings, environment, masterMode, embeddedMasterPort, callTimeout, maxMessageBytes, ioThreads);
    }

    public RosNodeConfig withRemappings(Map<String, String> r) {
        return new RosNodeConfig(name, namespace, r, environment, masterMode, embeddedMasterPort, callTimeout, maxMessageBytes, ioThreads);
    }

    public RosNodeConfig withMaster(MasterMode mode, int port) {
        return new RosNodeConfig(name, namespace, remappings, environment, mode, port, callTimeout, maxMessageBytes, ioThreads);
    }

    public RosNodeConfig withCallTimeout(Duration t) {
        return new RosNodeConfig(name, namespace, remappings, environment, masterMode, embeddedMasterPort, t, maxMessageBytes, ioThreads);
    }

    /** The node's full graph name ("/ns/name"). */
    public String fullName() {
        return GraphNames.canonical(name.startsWith("/") ? name : (namespace.endsWith("/") ? namespace : namespace + "/") + name);
    }
}
