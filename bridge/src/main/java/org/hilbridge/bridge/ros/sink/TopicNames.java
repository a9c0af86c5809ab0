package org.hilbridge.bridge.ros.sink;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ROS topic of every stream hilbridge publishes or reads, renamable one by one and namespace-able as a
 * whole. Names follow ROS name resolution (http://wiki.ros.org/Names): a name starting with '/' is global and
 * kept; any other is relative and resolved in the namespace. Defaults: /clock, /tf, /tf_static and
 * /diagnostics are global (use_sim_time, tf listeners and the diagnostic aggregator read exactly those), the
 * sensor and command topics relative (so a namespace moves them: "robot1" gives /robot1/imu/data). A name
 * may hold {@code {stream}}, replaced by the stream id, for scenarios with two sensors of one kind.
 * Immutable.
 */
public final class TopicNames {
    /** Every topic, with its configuration key and default name. */
    public enum Topic {
        CLOCK("/clock"), TF("/tf"), TF_STATIC("/tf_static"), DIAGNOSTICS("/diagnostics"),
        IMU("imu/data"), GNSS("gnss/fix"), LIDAR("lidar/points"),
        IMAGE("camera/image_raw"), CAMERA_INFO("camera/camera_info"), DEPTH("camera/depth"), SEMANTIC("camera/semantic"),
        // Issue 9: the image the stack takes as its primary one (the raw render, or the augmented image when the
        // scenario's augment.primary says so), the augmented image and its per-frame record.
        IMAGE_PRIMARY("camera/image"), IMAGE_AUGMENTED("camera/image_augmented"), AUGMENT_INFO("camera/image_augmented/info"),
        ODOM("vehicle/odom"), GROUND_TRUTH("ground_truth/odom"),
        CMD_VEL("cmd_vel"), CMD_VEL_STAMPED("cmd_vel_stamped"), ACKERMANN_CMD("ackermann_cmd");

        private final String defaultName;

        Topic(String defaultName) {
            this.defaultName = defaultName;
        }

        public String defaultName() {
            return defaultName;
        }

        /**
         * The topic a stream of scenario sensor type {@code kind} is published on (a camera's: its raw image), as
         * RosSink advertises it.
         *
         * @throws IllegalArgumentException naming the kind and the kinds allowed
         */
        public static Topic ofKind(String kind) {
            return switch (kind) {
                case "camera" -> IMAGE;
                case "lidar" -> LIDAR;
                case "imu" -> IMU;
                case "gnss" -> GNSS;
                case "wheel_odometry" -> ODOM;
                case "ground_truth" -> GROUND_TRUTH;
                default -> throw new IllegalArgumentException("sensor type '" + kind
                        + "' has no ROS topic: allowed are camera, lidar, imu, gnss, wheel_odometry, ground_truth");
            };
        }

        /** The configuration key: the constant's name in lower case ("camera_info"). */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String STREAM_PLACEHOLDER = "{stream}";
    /** http://wiki.ros.org/Names: a letter or '/', then letters, digits, '_' and '/'; no "//", no trailing '/'. */
    private static final Pattern NAME = Pattern.compile("/?[A-Za-z][A-Za-z0-9_]*(/[A-Za-z][A-Za-z0-9_]*)*");

    private final String namespace;
    private final Map<Topic, String> names;

    private TopicNames(String namespace, Map<Topic, String> names) {
        this.namespace = namespace;
        this.names = names;
    }

    public static TopicNames defaults() {
        Map<Topic, String> names = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            names.put(t, t.defaultName());
        }
        return new TopicNames("/", names);
    }

    /**
     * From configuration: {@code namespace} and one entry per topic key ({@link Topic#key()}); absent keys keep
     * their defaults.
     *
     * @throws IllegalArgumentException naming the key and the value for an unknown key or an illegal name
     */
    public static TopicNames of(String namespace, Map<String, String> topics) {
        TopicNames out = defaults().withNamespace(namespace);
        for (Map.Entry<String, String> e : topics.entrySet()) {
            Topic t = null;
            for (Topic candidate : Topic.values()) {
                if (candidate.key().equals(e.getKey())) {
                    t = candidate;
                }
            }
            if (t == null) {
                throw new IllegalArgumentException("topic key '" + e.getKey() + "' is not allowed: it must be one of "
                        + java.util.Arrays.stream(Topic.values()).map(Topic::key).toList());
            }
            out = out.with(t, e.getValue());
        }
        return out;
    }

    /** A copy with {@code namespace} ("/", "robot1", "/fleet/robot1"). */
    public TopicNames withNamespace(String namespace) {
        String ns = namespace.startsWith("/") ? namespace : "/" + namespace;
        if (!ns.equals("/") && !NAME.matcher(ns).matches()) {
            throw new IllegalArgumentException("ROS namespace '" + namespace + "' is not allowed: it must be '/' or names of a letter then letters, "
                    + "digits or '_', joined by '/' (http://wiki.ros.org/Names)");
        }
        return new TopicNames(ns, names);
    }

    /** A copy with topic {@code t} named {@code name} (global if it starts with '/', else relative). */
    public TopicNames with(Topic t, String name) {
        String probe = name.replace(STREAM_PLACEHOLDER, "s");
        if (!NAME.matcher(probe).matches()) {
            throw new IllegalArgumentException("topic " + t.key() + " = '" + name + "' is not allowed: a ROS name is a letter then letters, digits or '_', "
                    + "segments joined by '/', optionally starting with '/' and holding " + STREAM_PLACEHOLDER + " (http://wiki.ros.org/Names)");
        }
        Map<Topic, String> copy = new EnumMap<>(names);
        copy.put(t, name);
        return new TopicNames(namespace, copy);
    }

    public String namespace() {
        return namespace;
    }

    /** The resolved (global) name of {@code t}; a {@code {stream}} in it becomes {@code streamId}. */
    public String resolve(Topic t, String streamId) {
        String name = names.get(t).replace(STREAM_PLACEHOLDER, streamId);
        if (name.startsWith("/")) {
            return name;
        }
        return namespace.equals("/") ? "/" + name : namespace + "/" + name;
    }

    /** The resolved name of a topic that is not per stream. */
    public String resolve(Topic t) {
        return resolve(t, "");
    }

    /** Whether {@code t}'s name depends on the stream id. */
    public boolean perStream(Topic t) {
        return names.get(t).contains(STREAM_PLACEHOLDER);
    }

    /** Equal when the namespace and every name are (configurations compare by value). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TopicNames t && namespace.equals(t.namespace) && names.equals(t.names);
    }

    @Override
    public int hashCode() {
        return namespace.hashCode() * 31 + names.hashCode();
    }

    @Override
    public String toString() {
        return "TopicNames[namespace=" + namespace + ", names=" + names + "]";
    }
}
