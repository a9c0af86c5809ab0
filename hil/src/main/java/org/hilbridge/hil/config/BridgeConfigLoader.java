package org.hilbridge.hil.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.hilbridge.bridge.ros.sink.OdomTfSource;
import org.hilbridge.bridge.ros.sink.RosSinkConfig;
import org.hilbridge.bridge.ros.sink.TopicNames;
import org.hilbridge.bridge.socket.server.SocketServerConfig;

/**
 * Loads the {@link BridgeConfig} from an optional .properties or YAML file, the environment and --set
 * overrides (lowest to highest precedence). Only keys under {@link BridgeKeys#ROOTS} are taken from the
 * environment and overrides; the scenario loader takes the rest. Keys not given keep
 * {@link BridgeConfig#defaults()}.
 */
public final class BridgeConfigLoader {
    private static final ConfigLayers LAYERS = new ConfigLayers(BridgeKeys.SCHEMA, List.of(), "");

    /**
     * @param fileOrNull  bridge configuration file, or null for none
     * @param environment the process environment (HILBRIDGE__A__B=value sets a.b)
     * @param overrides   the --set arguments, each key=value (all of them: scenario keys are skipped here)
     * @throws ConfigException a file that cannot be read, an unknown key or a value that is not allowed
     */
    public BridgeConfig load(Path fileOrNull, Map<String, String> environment, List<String> overrides) {
        BaseHierarchicalConfiguration file;
        try {
            file = fileOrNull == null ? new BaseHierarchicalConfiguration() : ConfigFiles.read(fileOrNull);
        } catch (IOException e) {
            throw new ConfigException(fileOrNull + ": cannot be read: " + ConfigFiles.describe(e), e);
        }
        List<ConfigOverride> ours = ConfigOverride.select(environment, overrides, BridgeKeys.ROOTS, true);
        ConfigTree c = LAYERS.merge(file, fileOrNull == null ? "defaults" : fileOrNull.toString(), ours);
        BridgeConfig d = BridgeConfig.defaults();
        return new BridgeConfig(
                c.text(BridgeKeys.PACING, d.pacing()),
                c.text(BridgeKeys.LOCKSTEP_STREAM, d.lockstepStream()),
                c.number(BridgeKeys.WATCHDOG_TIMEOUT_S, d.watchdogTimeoutS()),
                c.number(BridgeKeys.SAFE_STOP_BRAKE, d.safeStopBrake()),
                c.bool(BridgeKeys.LATCH, d.latchSafeStop()),
                c.text(BridgeKeys.LEASE_MODE, d.leaseMode()),
                c.number(BridgeKeys.LEASE_TIMEOUT_S, d.leaseTimeoutS()),
                c.number(BridgeKeys.MAX_SAMPLE_AGE_S, d.maxSampleAgeS()),
                (int) c.integer(BridgeKeys.QUEUE_CAPACITY, d.sinkQueueCapacity()),
                c.text(BridgeKeys.CONTROLLER_TYPE, d.controller()),
                c.number(BridgeKeys.CONTROLLER_SPEED_MPS, d.controllerSpeedMps()),
                c.number(BridgeKeys.CONTROLLER_LOOKAHEAD_M, d.controllerLookaheadM()),
                c.number(BridgeKeys.PROGRESS_EVERY_S, d.progressEveryS()),
                (int) c.integer(BridgeKeys.RENDER_THREADS, d.renderThreads()),
                new BridgeConfig.Realtime(
                        c.number(BridgeKeys.REALTIME_FACTOR, d.realtime().factor()),
                        c.text(BridgeKeys.OVERRUN_POLICY, d.realtime().overrunPolicy()),
                        c.number(BridgeKeys.OVERRUN_TOLERANCE_MS, d.realtime().overrunToleranceMs()),
                        c.number(BridgeKeys.SPIN_US, d.realtime().spinUs())),
                c.bool(BridgeKeys.SOCKET_ENABLED, d.socketEnabled()),
                socket(c, d.socket()),
                ros(c, d.ros()));
    }

    /** The ros.* keys; topic names and the namespace are checked as ROS names (http://wiki.ros.org/Names). */
    private static RosSettings ros(ConfigTree c, RosSettings d) {
        RosSinkConfig ds = d.sink();
        TopicNames topics;
        try {
            topics = ds.topics().withNamespace(c.text(BridgeKeys.ROS_NAMESPACE, ds.topics().namespace()));
        } catch (IllegalArgumentException e) {
            throw c.notAllowed(BridgeKeys.ROS_NAMESPACE, e.getMessage());
        }
        for (TopicNames.Topic t : TopicNames.Topic.values()) {
            String key = BridgeKeys.ROS_TOPICS + t.key();
            if (c.has(key)) {
                try {
                    topics = topics.with(t, c.text(key).trim());
                } catch (IllegalArgumentException e) {
                    throw c.notAllowed(key, e.getMessage());
                }
            }
        }
        String tf = c.text(BridgeKeys.ROS_ODOM_TF_SOURCE, RosSettings.tfSourceKey(ds.tfSource()));
        OdomTfSource tfSource = RosSettings.AUTO.equals(tf) ? null : OdomTfSource.valueOf(tf.toUpperCase(java.util.Locale.ROOT));
        double diagnosticsS = c.number(BridgeKeys.ROS_DIAGNOSTICS_PERIOD_S, ds.diagnosticsPeriodNanos() / 1e9);
        RosSinkConfig sink = new RosSinkConfig(topics, c.text(BridgeKeys.ROS_WORLD_FRAME, ds.worldFrame()), c.text(BridgeKeys.ROS_ODOM_FRAME, ds.odomFrame()),
                c.text(BridgeKeys.ROS_BASE_FRAME, ds.baseFrame()), tfSource, Math.round(diagnosticsS * 1e9));
        return new RosSettings(
                c.bool(BridgeKeys.ROS_ENABLED, d.enabled()),
                c.text(BridgeKeys.ROS_MASTER, d.master()),
                (int) c.integer(BridgeKeys.ROS_MASTER_PORT, d.masterPort()),
                c.text(BridgeKeys.ROS_NODE_NAME, d.nodeName()),
                (int) c.integer(BridgeKeys.ROS_QUEUE_DEPTH, d.queueDepth()),
                c.number(BridgeKeys.ROS_CALL_TIMEOUT_S, d.callTimeoutS()),
                sink,
                (int) c.integer(BridgeKeys.ROS_AWAIT_CONTROLLERS, d.awaitControllers()));
    }

    /** The socket.* keys; the token may come from the environment (HILBRIDGE__SOCKET__TOKEN) to keep it out of files. */
    private static SocketServerConfig socket(ConfigTree c, SocketServerConfig d) {
        String cert = c.text(BridgeKeys.SOCKET_TLS_CERT_PATH, "");
        String key = c.text(BridgeKeys.SOCKET_TLS_KEY_PATH, "");
        if (cert.isEmpty() != key.isEmpty()) {
            throw c.notAllowed(cert.isEmpty() ? BridgeKeys.SOCKET_TLS_KEY_PATH : BridgeKeys.SOCKET_TLS_CERT_PATH,
                    "TLS needs both socket.tls_cert_path and socket.tls_key_path (or neither, for plain TCP)");
        }
        for (String pathKey : List.of(BridgeKeys.SOCKET_TLS_CERT_PATH, BridgeKeys.SOCKET_TLS_KEY_PATH)) {
            String file = c.text(pathKey, "");
            if (!file.isEmpty() && !java.nio.file.Files.isReadable(Path.of(file))) {
                throw c.notAllowed(pathKey, "no readable file there (a PEM file is expected)");
            }
        }
        return new SocketServerConfig(
                c.text(BridgeKeys.SOCKET_BIND_ADDRESS, d.bindAddress()),
                (int) c.integer(BridgeKeys.SOCKET_PORT, d.port()),
                c.text(BridgeKeys.SOCKET_TOKEN, ""),
                cert.isEmpty() ? null : Path.of(cert),
                key.isEmpty() ? null : Path.of(key),
                (int) c.integer(BridgeKeys.SOCKET_MAX_FRAME_BYTES, d.maxFrameBytes()),
                (int) c.integer(BridgeKeys.SOCKET_HANDSHAKE_TIMEOUT_MS, d.handshakeTimeoutMs()),
                (int) c.integer(BridgeKeys.SOCKET_IDLE_TIMEOUT_MS, d.idleTimeoutMs()),
                (int) c.integer(BridgeKeys.SOCKET_CLIENT_QUEUE_FRAMES, d.clientQueueFrames()),
                c.bool(BridgeKeys.SOCKET_DIRECT_PIXELS, d.directPixels()),
                c.bool(BridgeKeys.SOCKET_CAMERA_DEPTH, d.cameraDepth()),
                c.bool(BridgeKeys.SOCKET_CAMERA_LABELS, d.cameraLabels()),
                (int) c.integer(BridgeKeys.SOCKET_AWAIT_CLIENTS, d.awaitClients()));
    }
}
