package org.hilbridge.bridge.ros.msg;

import java.util.Objects;

/**
 * One field of a .msg: its type and name as genmsg resolves them (msg_loader._load_field_line): a
 * package-less message type gets the declaring package, {@code Header} becomes {@code std_msgs/Header},
 * primitive and time types stay as written.
 *
 * @param baseType    the element type without array brackets, e.g. {@code float64}, {@code geometry_msgs/Vector3}
 * @param arrayLength {@link #SCALAR}, {@link #VARIABLE} ({@code T[]}) or the fixed length of {@code T[n]}
 */
public record MsgField(String baseType, int arrayLength, String name) {
    public static final int SCALAR = -2;
    public static final int VARIABLE = -1;

    public MsgField {
        Objects.requireNonNull(baseType, "baseType");
        Objects.requireNonNull(name, "name");
        if (arrayLength < SCALAR) {
            throw new IllegalArgumentException("field " + name + " array length " + arrayLength + " is not allowed: it must be >= 0, VARIABLE or SCALAR");
        }
    }

    public boolean isArray() {
        return arrayLength != SCALAR;
    }

    /** Primitive types, time and duration: everything that is not a nested message (genmsg msgs.BUILTIN_TYPES). */
    public boolean isBuiltin() {
        return MsgTypes.isBuiltin(baseType);
    }

    /** The type as genmsg keeps it in a MsgSpec (and as it enters the MD5 text): base type plus brackets. */
    public String declaredType() {
        return switch (arrayLength) {
            case SCALAR -> baseType;
            case VARIABLE -> baseType + "[]";
            default -> baseType + "[" + arrayLength + "]";
        };
    }
}
