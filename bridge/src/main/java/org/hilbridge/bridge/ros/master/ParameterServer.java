package org.hilbridge.bridge.ros.master;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hilbridge.bridge.ros.graph.GraphNames;

/**
 * The parameter tree of the master, with rosmaster's semantics (ros_comm rosmaster/paramserver.py): keys are
 * global names; a namespace is a dictionary, so setting a dictionary replaces the subtree and getting a
 * namespace returns it as a dictionary; subscribers of a key hear about changes to it, to anything below it, and
 * to any namespace above it. Not thread-safe: {@link RosMaster} serialises access.
 */
final class ParameterServer {
    /** A change to tell a subscriber about: paramUpdate(key, value); a deleted or unset value is an empty dictionary. */
    record Update(String callerId, String callerApi, String key, Object value) {
    }

    private Map<String, Object> root = new LinkedHashMap<>();
    /** Subscribed key (with a trailing '/') to caller id to caller API. */
    private final Map<String, Map<String, String>> subscribers = new LinkedHashMap<>();

    Object get(String key) {
        if (key.equals("/")) {
            return deepCopy(root);
        }
        Object v = lookup(key);
        return v == null ? null : deepCopy(v);
    }

    boolean has(String key) {
        return key.equals("/") || lookup(key) != null;
    }

    /** Sets {@code key}; returns the updates to send (subscribers' own change notifications, as rosmaster does). */
    List<Update> set(String key, Object value) {
        if (key.equals("/")) {
            if (!(value instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("cannot set the root of the parameter tree to a non-dictionary: " + value);
            }
            root = asTree(m);
        } else {
            Map<String, Object> parent = root;
            String[] parts = split(key);
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = parent.get(parts[i]);
                if (!(child instanceof Map)) {
                    child = new LinkedHashMap<String, Object>();
                    parent.put(parts[i], child);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                parent = next;
            }
            parent.put(parts[parts.length - 1], value instanceof Map<?, ?> m ? asTree(m) : value);
        }
        return updates(key, get(key));
    }

    /** Deletes {@code key}; returns false when it was not set. */
    boolean delete(String key, List<Update> out) {
        if (key.equals("/")) {
            throw new IllegalArgumentException("cannot delete the root of the parameter tree");
        }
        String[] parts = split(key);
        Map<String, Object> parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(parent.get(parts[i]) instanceof Map<?, ?> m)) {
                return false;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) m;
            parent = next;
        }
        if (parent.remove(parts[parts.length - 1]) == null) {
            return false;
        }
        out.addAll(updates(key, Map.of()));
        return true;
    }

    /** Every leaf key (rosmaster's getParamNames: namespaces themselves are not listed). */
    List<String> names() {
        List<String> out = new ArrayList<>();
        collect("", root, out);
        return out;
    }

    private static void collect(String prefix, Map<String, Object> tree, List<String> out) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            String k = prefix + "/" + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) m;
                collect(k, sub, out);
            } else {
                out.add(k);
            }
        }
    }

    /**
     * rosmaster's search_param: looks for the first element of {@code key} in {@code callerId}'s namespace
     * and each one above it, nearest first; returns the full key found, or null.
     */
    String search(String callerId, String key) {
        if (key.startsWith("~")) {
            throw new IllegalArgumentException("private names cannot be searched: " + key);
        }
        if (key.startsWith("/")) {
            return has(GraphNames.canonical(key)) ? GraphNames.canonical(key) : null;
        }
        String[] keyParts = split("/" + key);
        String[] ns = split(GraphNames.canonical(callerId));
        for (int i = ns.length; i >= 0; i--) {
            StringBuilder prefix = new StringBuilder();
            for (int j = 0; j < i; j++) {
                prefix.append('/').append(ns[j]);
            }
            if (has(prefix + "/" + keyParts[0])) {
                return prefix + "/" + String.join("/", keyParts);
            }
        }
        return null;
    }

    /** Subscribes; returns the current value, or an empty dictionary when unset (as rosmaster does). */
    Object subscribe(String callerId, String callerApi, String key) {
        subscribers.computeIfAbsent(withSlash(key), k -> new LinkedHashMap<>()).put(callerId, callerApi);
        Object v = get(key);
        return v == null ? Map.of() : v;
    }

    boolean unsubscribe(String callerId, String callerApi, String key) {
        Map<String, String> subs = subscribers.get(withSlash(key));
        if (subs == null || !callerApi.equals(subs.get(callerId))) {
            return false;
        }
        subs.remove(callerId);
        if (subs.isEmpty()) {
            subscribers.remove(withSlash(key));
        }
        return true;
    }

    boolean hasSubscriptions(String callerId) {
        return subscribers.values().stream().anyMatch(m -> m.containsKey(callerId));
    }

    void dropSubscriber(String callerId) {
        subscribers.values().forEach(m -> m.remove(callerId));
        subscribers.values().removeIf(Map::isEmpty);
    }

    /** rosmaster's compute_param_updates: subscribers at or above {@code key} get it; those below get their part. */
    private List<Update> updates(String key, Object value) {
        List<Update> out = new ArrayList<>();
        String keySlash = withSlash(key);
        for (Map.Entry<String, Map<String, String>> e : subscribers.entrySet()) {
            String sub = e.getKey();
            String updKey;
            Object updValue;
            if (keySlash.startsWith(sub)) {
                updKey = key;
                updValue = value;
            } else if (sub.startsWith(keySlash)) {
                updKey = sub.substring(0, sub.length() - 1);
                updValue = value instanceof Map ? get(updKey) : null;
                if (updValue == null) {
                    updValue = Map.of();
                }
            } else {
                continue;
            }
            for (Map.Entry<String, String> s : e.getValue().entrySet()) {
                out.add(new Update(s.getKey(), s.getValue(), updKey, updValue == null ? Map.of() : updValue));
            }
        }
        return out;
    }

    private Object lookup(String key) {
        Object node = root;
        for (String p : split(key)) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(p);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static String[] split(String key) {
        String c = GraphNames.canonical(Objects.requireNonNull(key, "key"));
        if (!c.startsWith("/") || c.equals("/")) {
            throw new IllegalArgumentException("parameter key must be a global name below '/', got '" + key + "'");
        }
        return c.substring(1).split("/");
    }

    private static String withSlash(String key) {
        String c = GraphNames.canonical(key);
        return c.endsWith("/") ? c : c + "/";
    }

    private static Map<String, Object> asTree(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object v = e.getValue();
            out.put(String.valueOf(e.getKey()), v instanceof Map<?, ?> sub ? asTree(sub) : v);
        }
        return out;
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return asTree(m);
        }
        return v;
    }
}
