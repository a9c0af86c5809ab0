package org.hilbridge.hil.config;

import static org.hilbridge.hil.config.ValueRule.bool;
import static org.hilbridge.hil.config.ValueRule.integer;
import static org.hilbridge.hil.config.ValueRule.name;
import static org.hilbridge.hil.config.ValueRule.nonNegative;
import static org.hilbridge.hil.config.ValueRule.number;
import static org.hilbridge.hil.config.ValueRule.oneOf;
import static org.hilbridge.hil.config.ValueRule.optionalText;
import static org.hilbridge.hil.config.ValueRule.positive;
import static org.hilbridge.hil.config.ValueRule.text;

import java.util.List;
import java.util.Set;
import org.hilbridge.bridge.ros.sink.TopicNames;

/** The bridge configuration's keys (launch/config/bridge.properties documents each) and their rules. */
public final class BridgeKeys {
    private BridgeKeys() {
    }

    /** First segments of bridge keys; every other key belongs to the scenario. */
    public static final Set<String> ROOTS = Set.of("runner", "watchdog", "arbiter", "sinks", "controller", "socket", "ros");

    public static final String PACING = "runner.pacing";
    public static final String LOCKSTEP_STREAM = "runner.lockstep_stream";
    public static final String PROGRESS_EVERY_S = "runner.progress_every_s";
    public static final String RENDER_THREADS = "runner.render_threads";
    public static final String REALTIME_FACTOR = "runner.realtime_factor";
    public static final String OVERRUN_POLICY = "runner.overrun_policy";
    public static final String OVERRUN_TOLERANCE_MS = "runner.overrun_tolerance_ms";
    public static final String SPIN_US = "runner.spin_us";
    public static final String WATCHDOG_TIMEOUT_S = "watchdog.timeout_s";
    public static final String SAFE_STOP_BRAKE = "watchdog.safe_stop_brake";
    public static final String LATCH = "watchdog.latch";
    public static final String LEASE_MODE = "arbiter.lease_mode";
    public static final String LEASE_TIMEOUT_S = "arbiter.lease_timeout_s";
    public static final String MAX_SAMPLE_AGE_S = "arbiter.max_sample_age_s";
    public static final String QUEUE_CAPACITY = "sinks.queue_capacity";
    public static final String CONTROLLER_TYPE = "controller.type";
    public static final String CONTROLLER_SPEED_MPS = "controller.speed_mps";
    public static final String CONTROLLER_LOOKAHEAD_M = "controller.lookahead_m";
    public static final String SOCKET_ENABLED = "socket.enabled";
    public static final String SOCKET_BIND_ADDRESS = "socket.bind_address";
    public static final String SOCKET_PORT = "socket.port";
    public static final String SOCKET_TOKEN = "socket.token";
    public static final String SOCKET_TLS_CERT_PATH = "socket.tls_cert_path";
    public static final String SOCKET_TLS_KEY_PATH = "socket.tls_key_path";
    public static final String SOCKET_MAX_FRAME_BYTES = "socket.max_frame_bytes";
    public static final String SOCKET_HANDSHAKE_TIMEOUT_MS = "socket.handshake_timeout_ms";
    public static final String SOCKET_IDLE_TIMEOUT_MS = "socket.idle_timeout_ms";
    public static final String SOCKET_CLIENT_QUEUE_FRAMES = "socket.client_queue_frames";
    public static final String SOCKET_DIRECT_PIXELS = "socket.direct_pixels";
    public static final String SOCKET_CAMERA_DEPTH = "socket.camera_depth";
    public static final String SOCKET_CAMERA_LABELS = "socket.camera_labels";
    public static final String SOCKET_AWAIT_CLIENTS = "socket.await_clients";

    public static final String ROS_ENABLED = "ros.enabled";
    public static final String ROS_MASTER = "ros.master";
    public static final String ROS_MASTER_PORT = "ros.master_port";
    public static final String ROS_NODE_NAME = "ros.node_name";
    public static final String ROS_NAMESPACE = "ros.namespace";
    public static final String ROS_QUEUE_DEPTH = "ros.queue_depth";
    public static final String ROS_CALL_TIMEOUT_S = "ros.call_timeout_s";
    public static final String ROS_ODOM_TF_SOURCE = "ros.odom_tf_source";
    public static final String ROS_WORLD_FRAME = "ros.world_frame";
    public static final String ROS_ODOM_FRAME = "ros.odom_frame";
    public static final String ROS_BASE_FRAME = "ros.base_frame";
    public static final String ROS_DIAGNOSTICS_PERIOD_S = "ros.diagnostics_period_s";
    public static final String ROS_AWAIT_CONTROLLERS = "ros.await_controllers";
    /** ros.topics.&lt;key&gt;: one per {@link TopicNames.Topic}, e.g. ros.topics.imu = imu/data. */
    public static final String ROS_TOPICS = "ros.topics.";

    public static final KeySchema SCHEMA = schema();

    private static KeySchema schema() {
        KeySchema.Builder b = KeySchema.builder()
            .leaf(PACING, oneOf(List.of(BridgeConfig.FAST, BridgeConfig.LOCKSTEP, BridgeConfig.REALTIME)))
            .leaf(LOCKSTEP_STREAM, name())
            .leaf(PROGRESS_EVERY_S, nonNegative())
            .leaf(RENDER_THREADS, integer(1, 64))
            .leaf(REALTIME_FACTOR, number(0.01, true, 100, true))
            .leaf(OVERRUN_POLICY, oneOf(BridgeConfig.Realtime.POLICIES))
            .leaf(OVERRUN_TOLERANCE_MS, number(0, false, 60_000, true))
            .leaf(SPIN_US, number(0, true, 10_000, true))
            .leaf(WATCHDOG_TIMEOUT_S, number(0, false, 60, true))
            .leaf(SAFE_STOP_BRAKE, number(0, false, 1, true))
            .leaf(LATCH, bool())
            .leaf(LEASE_MODE, oneOf(List.of(BridgeConfig.LEASE_OPEN, BridgeConfig.LEASE_EXCLUSIVE)))
            .leaf(LEASE_TIMEOUT_S, positive())
            .leaf(MAX_SAMPLE_AGE_S, positive())
            .leaf(QUEUE_CAPACITY, integer(1, 100_000))
            .leaf(CONTROLLER_TYPE, oneOf(List.of(BridgeConfig.CONTROLLER_ROUTE_FOLLOWER, BridgeConfig.CONTROLLER_NONE)))
            .leaf(CONTROLLER_SPEED_MPS, number(-30, true, 30, true))
            .leaf(CONTROLLER_LOOKAHEAD_M, positive())
            .leaf(SOCKET_ENABLED, bool())
            .leaf(SOCKET_BIND_ADDRESS, text())
            .leaf(SOCKET_PORT, integer(0, 65535))
            .leaf(SOCKET_TOKEN, optionalText())
            .leaf(SOCKET_TLS_CERT_PATH, optionalText())
            .leaf(SOCKET_TLS_KEY_PATH, optionalText())
            .leaf(SOCKET_MAX_FRAME_BYTES, integer(64, 1 << 30))
            .leaf(SOCKET_HANDSHAKE_TIMEOUT_MS, integer(1, 3_600_000))
            .leaf(SOCKET_IDLE_TIMEOUT_MS, integer(1, 3_600_000))
            .leaf(SOCKET_CLIENT_QUEUE_FRAMES, integer(1, 100_000))
            .leaf(SOCKET_DIRECT_PIXELS, bool())
            .leaf(SOCKET_CAMERA_DEPTH, bool())
            .leaf(SOCKET_CAMERA_LABELS, bool())
            .leaf(SOCKET_AWAIT_CLIENTS, integer(0, 1000))
            .leaf(ROS_ENABLED, bool())
            .leaf(ROS_MASTER, oneOf(RosSettings.MASTERS))
            .leaf(ROS_MASTER_PORT, integer(0, 65535))
            .leaf(ROS_NODE_NAME, name())
            .leaf(ROS_NAMESPACE, text())
            .leaf(ROS_QUEUE_DEPTH, integer(1, 100_000))
            .leaf(ROS_CALL_TIMEOUT_S, number(0, false, 600, true))
            .leaf(ROS_ODOM_TF_SOURCE, oneOf(RosSettings.TF_SOURCES))
            .leaf(ROS_WORLD_FRAME, name())
            .leaf(ROS_ODOM_FRAME, name())
            .leaf(ROS_BASE_FRAME, name())
            .leaf(ROS_DIAGNOSTICS_PERIOD_S, number(0, false, 3600, true))
            .leaf(ROS_AWAIT_CONTROLLERS, integer(0, 1000));
        for (TopicNames.Topic t : TopicNames.Topic.values()) {
            b.leaf(ROS_TOPICS + t.key(), text()); // checked as a ROS name by TopicNames when loaded
        }
        return b.build();
    }
}
