package org.hilbridge.bridge.ros.graph;

import java.util.Map;

/**
 * ROS graph names (http://wiki.ros.org/Names), resolved as rosgraph.names does: a global name starts with '/',
 * a private name with '~' (under the node's own name), anything else is relative to a namespace. Names are
 * canonical without a trailing '/' (except the root "/").
 */
public final class GraphNames {
    private GraphNames() {
    }

    /** Collapses repeated '/' and drops a trailing one ("/a//b/" becomes "/a/b"). */
    public static String canonical(String name) {
        if (name.isEmpty() || name.equals("/")) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length());
        char prev = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' && prev == '/') {
                continue;
            }
            sb.append(c);
            prev = c;
        }
        if (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    /** The namespace holding {@code name}, with a trailing '/' ("/a/b" gives "/a/", "/a" gives "/"). */
    public static String namespaceOf(String name) {
        String c = canonical(name);
        int slash = c.lastIndexOf('/');
        return slash <= 0 ? "/" : c.substring(0, slash + 1);
    }

    /**
     * Resolves {@code name} as seen by the node (or caller) {@code nodeName}, like rosgraph.names.resolve_name
     * with namespace_ = nodeName: relative names resolve in the node's namespace, private names under the node.
     */
    public static String resolve(String name, String nodeName) {
        if (name.isEmpty()) {
            return namespaceOf(nodeName);
        }
        String c = canonical(name);
        if (c.startsWith("/")) {
            return c;
        }
        if (c.startsWith("~")) {
            return canonical(canonical(nodeName) + "/" + c.substring(1));
        }
        return canonical(namespaceOf(nodeName) + c);
    }

    /** Resolves, then applies a remapping (keys and values already resolved), as roscpp/rospy do for topic names. */
    public static String resolve(String name, String nodeName, Map<String, String> remappings) {
        String r = resolve(name, nodeName);
        return remappings.getOrDefault(r, r);
    }

    /**
     * Checks a name against the graph-name grammar (http://wiki.ros.org/Names: first character alphabetic, '/'
     * or '~', then alphanumerics, '_' and '/'); returns the reason it is refused, or null when valid.
     */
    public static String invalidReason(String name) {
        if (name == null || name.isEmpty()) {
            return "a graph name must not be empty";
        }
        char first = name.charAt(0);
        if (!(Character.isLetter(first) || first == '/' || first == '~')) {
            return "'" + name + "' must start with a letter, '/' or '~'";
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '/')) {
                return "'" + name + "' holds '" + c + "': allowed are letters, digits, '_' and '/'";
            }
        }
        return null;
    }
}
