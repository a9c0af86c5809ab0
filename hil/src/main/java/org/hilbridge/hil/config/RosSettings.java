package org.hilbridge.hil.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hilbridge.bridge.ros.node.MasterMode;
import org.hilbridge.bridge.ros.node.RosNodeConfig;
import org.hilbridge.bridge.ros.sink.RosSinkConfig;

/**
 * The ROS 1 side of a run (ros.* keys): whether the TCPROS node runs, which master it uses, its name, and how
 * samples become topics.
 *
 * @param enabled      start the node and publish every sensor on ROS (ros.enabled)
 * @param master       auto (ROS_MASTER_URI when set, else the embedded master), embedded, or external
 *                     (ROS_MASTER_URI, which must be set and answer)
 * @param masterPort   the embedded master's port (ROS's default 11311; 0: any free port)
 * @param nodeName     the node's name, relative to the namespace
 * @param queueDepth   messages queued per subscriber connection before it loses its oldest
 * @param callTimeoutS timeout of each call to the master, and of the check that an external master answers
 * @param sink         topic names (namespace included), frames, tf source and diagnostics period
 * @param awaitControllers ROS controllers the run waits for before its first step (ros.await_controllers): that
 *                     many subscriber connections on the control stream's topic and publisher connections on
 *                     the command topics; 0: start at once
 */
public record RosSettings(boolean enabled, String master, int masterPort, String nodeName, int queueDepth, double callTimeoutS,
                          RosSinkConfig sink, int awaitControllers) {
    public static final String AUTO = "auto";
    public static final String EMBEDDED = "embedded";
    public static final String EXTERNAL = "external";
    public static final java.util.List<String> MASTERS = java.util.List.of(AUTO, EMBEDDED, EXTERNAL);
    /** ros.odom_tf_source: auto picks wheel odometry when the scenario has it, else ground truth. */
    public static final java.util.List<String> TF_SOURCES = java.util.List.of(AUTO, "wheel_odometry", "ground_truth");

    public RosSettings {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(sink, "sink");
        if (awaitControllers < 0) {
            throw new IllegalArgumentException("ros.await_controllers = " + awaitControllers + " is not allowed: it must be >= 0");
        }
    }

    public static final RosSettings DEFAULTS = new RosSettings(false, AUTO, RosNodeConfig.DEFAULT_MASTER_PORT, "hilbridge", 10, 3.0,
            RosSinkConfig.defaults(), 0);

    /**
     * The node's configuration for the process environment {@code environment}.
     *
     * @throws IllegalArgumentException for ros.master = external without ROS_MASTER_URI
     */
    public RosNodeConfig nodeConfig(Map<String, String> environment) {
        String uri = environment.get("ROS_MASTER_URI");
        boolean haveUri = uri != null && !uri.isBlank();
        if (EXTERNAL.equals(master) && !haveUri) {
            throw new IllegalArgumentException("ros.master = external needs ROS_MASTER_URI in the environment (e.g. http://127.0.0.1:11311); "
                    + "use ros.master = embedded or auto to start hilbridge's own master");
        }
        MasterMode mode = EMBEDDED.equals(master) ? MasterMode.EMBEDDED : MasterMode.AUTO;
        return RosNodeConfig.of(nodeName, environment)
                .withNamespace(sink.topics().namespace())
                .withMaster(mode, masterPort)
                .withCallTimeout(Duration.ofMillis(Math.round(callTimeoutS * 1000)));
    }

    /** The key's spelling of a tf source, for messages. */
    static String tfSourceKey(org.hilbridge.bridge.ros.sink.OdomTfSource s) {
        return s == null ? AUTO : s.name().toLowerCase(Locale.ROOT);
    }
}
