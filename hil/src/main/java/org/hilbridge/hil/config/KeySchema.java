package org.hilbridge.hil.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys a configuration may hold and the rule of each. Declared as leaf patterns: names joined by '.',
 * a name ending in {@code []} is a list (addressed as {@code name(i)}), and {@code *} is a map entry of any
 * name, e.g. {@code sensors[].rate_hz} or {@code materials.*.peak_mu}. Immutable once built.
 */
public final class KeySchema {
    private final Node root;
    private final List<String> leafPatterns;

    private KeySchema(Node root, List<String> leafPatterns) {
        this.root = root;
        this.leafPatterns = List.copyOf(leafPatterns);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The declared leaf patterns, in declaration order (for suggestions and documentation). */
    public List<String> leafPatterns() {
        return leafPatterns;
    }

    Node root() {
        return root;
    }

    /** One level of the schema: a group of named children (and maybe a wildcard child), or a leaf with a rule. */
    static final class Node {
        final Map<String, Node> children;
        final Node wildcard;
        final boolean list;
        final ValueRule rule;

        Node(Map<String, Node> children, Node wildcard, boolean list, ValueRule rule) {
            this.children = Collections.unmodifiableMap(children);
            this.wildcard = wildcard;
            this.list = list;
            this.rule = rule;
        }

        boolean isLeaf() {
            return rule != null;
        }

        /** The child called {@code name}: a declared one first, else the wildcard (if the name could be a key at all). */
        Node child(String name) {
            Node n = children.get(name);
            if (n == null && wildcard != null && ConfigKey.isName(name)) {
                return wildcard;
            }
            return n;
        }

        /** The names allowed below a group, for messages. */
        List<String> childNames() {
            List<String> names = new ArrayList<>(children.keySet());
            if (wildcard != null) {
                names.add("<name>");
            }
            return names;
        }
    }

    /** Collects leaf patterns; each path may be declared once, and a name cannot be both a leaf and a group. */
    public static final class Builder {
        private final MutableNode root = new MutableNode(false);
        private final List<String> patterns = new ArrayList<>();

        private Builder() {
        }

        public Builder leaf(String pattern, ValueRule rule) {
            String[] parts = pattern.split("\\.");
            MutableNode n = root;
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                boolean list = part.endsWith("[]");
                String name = list ? part.substring(0, part.length() - 2) : part;
                boolean last = i == parts.length - 1;
                if (n.rule != null) {
                    throw new IllegalArgumentException("schema pattern " + pattern + ": '" + parts[i - 1] + "' is already a leaf");
                }
                MutableNode next = name.equals("*") ? n.wildcard : n.children.get(name);
                if (next == null) {
                    next = new MutableNode(list);
                    if (name.equals("*")) {
                        n.wildcard = next;
                    } else {
                        n.children.put(name, next);
                    }
                } else if (next.list != list || last) {
                    throw new IllegalArgumentException("schema pattern " + pattern + " clashes with an earlier one at '" + part + "'");
                }
                n = next;
            }
            n.rule = rule;
            patterns.add(pattern);
            return this;
        }

        public KeySchema build() {
            return new KeySchema(root.freeze(), patterns);
        }

        private static final class MutableNode {
            final Map<String, MutableNode> children = new LinkedHashMap<>();
            final boolean list;
            MutableNode wildcard;
            ValueRule rule;

            MutableNode(boolean list) {
                this.list = list;
            }

            Node freeze() {
                Map<String, Node> frozen = new LinkedHashMap<>();
                children.forEach((k, v) -> frozen.put(k, v.freeze()));
                return new Node(frozen, wildcard == null ? null : wildcard.freeze(), list, rule);
            }
        }
    }
}
