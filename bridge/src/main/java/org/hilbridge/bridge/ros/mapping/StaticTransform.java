package org.hilbridge.bridge.ros.mapping;

import java.util.Objects;

/** A fixed transform for /tf_static: the pose of {@code child} in {@code parent} (translation m, unit quaternion). */
public record StaticTransform(String parent, String child, double xM, double yM, double zM, double qx, double qy, double qz, double qw) {
    public StaticTransform {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(child, "child");
        if (parent.equals(child)) {
            throw new IllegalArgumentException("a transform from frame '" + parent + "' to itself is not allowed");
        }
    }
}
