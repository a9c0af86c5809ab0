package org.hilbridge.bridge.ros.msg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The message types hilbridge speaks, each with its MD5 sum and full definition computed from the .msg
 * texts by ROS's own algorithm (genmsg gentools.compute_md5_text / compute_md5 / compute_full_text, ROS 1.15;
 * http://wiki.ros.org/ROS/Technical%20Overview#Message_serialization_and_msg_MD5_sums):
 * <ul>
 * <li>MD5 text: the constants first ({@code type NAME=value}, in declaration order), then one line per
 * field: {@code type name} for a builtin (brackets kept), {@code <md5 of the nested type> name} for a nested
 * message (brackets dropped); lines joined by '\n', no trailing newline. The MD5 sum is the hex MD5 of it.
 * <li>Full text: the type's own .msg text, then for every nested type (depth first, in field order, each once)
 * a line of 80 '=', {@code MSG: pkg/Type} and that type's text; each part followed by '\n', the very last
 * '\n' dropped.
 * </ul>
 * Immutable once built (everything is computed in the constructor); safe to share between threads.
 */
public final class MessageCatalog {
    /** The bundled .msg texts (see defs/NOTICE.md): what {@link #standard()} loads. */
    public static final List<String> STANDARD_TYPES = List.of(
            "std_msgs/Header", "std_msgs/String", "rosgraph_msgs/Clock",
            "sensor_msgs/Image", "sensor_msgs/CameraInfo", "sensor_msgs/RegionOfInterest", "sensor_msgs/PointCloud2",
            "sensor_msgs/PointField", "sensor_msgs/Imu", "sensor_msgs/NavSatFix", "sensor_msgs/NavSatStatus",
            "nav_msgs/Odometry",
            "geometry_msgs/Twist", "geometry_msgs/TwistStamped", "geometry_msgs/TransformStamped", "geometry_msgs/Transform",
            "geometry_msgs/Vector3", "geometry_msgs/Quaternion", "geometry_msgs/Pose", "geometry_msgs/PoseWithCovariance",
            "geometry_msgs/Point", "geometry_msgs/TwistWithCovariance",
            "tf2_msgs/TFMessage",
            "diagnostic_msgs/DiagnosticArray", "diagnostic_msgs/DiagnosticStatus", "diagnostic_msgs/KeyValue",
            "ackermann_msgs/AckermannDrive", "ackermann_msgs/AckermannDriveStamped");

    private static final String RESOURCE_ROOT = "defs/";
    private static final String SEPARATOR = "=".repeat(80) + "\n";

    private final Map<String, MsgSpec> specs;
    private final Map<String, MessageType> types = new LinkedHashMap<>();

    /**
     * @param msgTexts .msg text by full type name; every nested type must be among them
     * @throws IllegalArgumentException for a text that does not parse, a nested type that is missing, or a cycle
     */
    public MessageCatalog(Map<String, String> msgTexts) {
        Map<String, MsgSpec> parsed = new LinkedHashMap<>();
        msgTexts.forEach((name, text) -> parsed.put(name, MsgParser.parse(name, text)));
        this.specs = Map.copyOf(parsed);
        Map<String, String> md5s = new LinkedHashMap<>();
        for (String name : parsed.keySet()) {
            String md5 = md5(name, md5s, new LinkedHashSet<>());
            types.put(name, new MessageType(name, md5, fullText(parsed.get(name))));
        }
    }

    /** The bundled types ({@link #STANDARD_TYPES}) from the .msg resources next to this class. */
    public static MessageCatalog standard() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : STANDARD_TYPES) {
            texts.put(name, resourceText(name));
        }
        return new MessageCatalog(texts);
    }

    /** The .msg text bundled for {@code fullName} (one of {@link #STANDARD_TYPES}). */
    public static String resourceText(String fullName) {
        String path = RESOURCE_ROOT + fullName + ".msg";
        try (InputStream in = MessageCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled .msg for '" + fullName + "' (resource " + path + "); bundled: " + STANDARD_TYPES);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + path, e);
        }
    }

    /** The type triple of {@code fullName}, e.g. {@code type("sensor_msgs/Imu")}. */
    public MessageType type(String fullName) {
        MessageType t = types.get(fullName);
        if (t == null) {
            throw new IllegalArgumentException("message type '" + fullName + "' is not in the catalogue; known: " + new TreeSet<>(types.keySet()));
        }
        return t;
    }

    /** The parsed .msg of {@code fullName}. */
    public MsgSpec spec(String fullName) {
        type(fullName); // the same error for an unknown name
        return specs.get(fullName);
    }

    /** Every type held, in the order given. */
    public List<MessageType> types() {
        return List.copyOf(types.values());
    }

    /** genmsg gentools.compute_md5_text. */
    public String md5Text(String fullName) {
        return md5Text(spec(fullName), new LinkedHashMap<>(), new LinkedHashSet<>());
    }

    private String md5Text(MsgSpec spec, Map<String, String> md5s, Set<String> visiting) {
        StringBuilder b = new StringBuilder();
        for (MsgConstant c : spec.constants()) {
            b.append(c.type()).append(' ').append(c.name()).append('=').append(c.valueText()).append('\n');
        }
        for (MsgField f : spec.fields()) {
            if (f.isBuiltin()) {
                b.append(f.declaredType());
            } else {
                requireKnown(spec, f);
                b.append(md5(f.baseType(), md5s, visiting));
            }
            b.append(' ').append(f.name()).append('\n');
        }
        return b.toString().strip(); // genmsg: buff.getvalue().strip()
    }

    private String md5(String name, Map<String, String> md5s, Set<String> visiting) {
        String known = md5s.get(name);
        if (known != null) {
            return known;
        }
        if (!visiting.add(name)) {
            throw new IllegalArgumentException("message types nest in a cycle: " + String.join(" -> ", visiting) + " -> " + name);
        }
        String text = md5Text(specs.get(name), md5s, visiting);
        visiting.remove(name);
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            md5s.put(name, hex);
            return hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5 (every Java SE platform must provide it)", e);
        }
    }

    /** genmsg gentools.compute_full_text. */
    private String fullText(MsgSpec spec) {
        StringBuilder b = new StringBuilder(spec.text()).append('\n');
        for (String dep : allDependencies(spec)) {
            b.append(SEPARATOR).append("MSG: ").append(dep).append('\n').append(specs.get(dep).text()).append('\n');
        }
        return b.substring(0, b.length() - 1);
    }

    /** genmsg MsgContext.get_all_depends then _unique_deps: depth first in field order, first occurrence kept. */
    private List<String> allDependencies(MsgSpec spec) {
        List<String> all = new ArrayList<>();
        collect(spec, all);
        return List.copyOf(new LinkedHashSet<>(all));
    }

    private void collect(MsgSpec spec, List<String> out) {
        for (MsgField f : spec.fields()) {
            if (!f.isBuiltin()) {
                requireKnown(spec, f);
                out.add(f.baseType());
                collect(specs.get(f.baseType()), out);
            }
        }
    }

    private void requireKnown(MsgSpec spec, MsgField f) {
        if (!specs.containsKey(f.baseType())) {
            throw new IllegalArgumentException(spec.fullName() + " field " + f.name() + " has type " + f.baseType()
                    + ", which the catalogue does not hold; give its .msg too (held: " + new TreeSet<>(specs.keySet()) + ")");
        }
    }

}
