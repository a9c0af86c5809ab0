package org.hilbridge.bridge.ros.msg;

import java.util.Set;
import java.util.regex.Pattern;

/** The type and name rules of the .msg format (genmsg msgs.py and names.py, ROS 1.15). */
final class MsgTypes {
    static final String HEADER = "Header";
    static final String HEADER_FULL_NAME = "std_msgs/Header";

    /** genmsg msgs.PRIMITIVE_TYPES ("char" and "byte" are deprecated aliases of uint8 and int8). */
    static final Set<String> PRIMITIVE_TYPES = Set.of("int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
            "float32", "float64", "string", "bool", "char", "byte");

    /** genmsg names.is_legal_resource_base_name: a letter, then letters, digits and underscores. */
    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private MsgTypes() {
    }

    /** genmsg msgs.BUILTIN_TYPES: the primitives plus time and duration. */
    static boolean isBuiltin(String baseType) {
        return PRIMITIVE_TYPES.contains(baseType) || baseType.equals("time") || baseType.equals("duration");
    }

    static boolean isLegalBaseName(String name) {
        return BASE_NAME.matcher(name).matches();
    }

    /** A type name without brackets: {@code Name} or {@code package/Name}. */
    static boolean isLegalTypeName(String type) {
        int slash = type.indexOf('/');
        if (slash < 0) {
            return isLegalBaseName(type);
        }
        return slash == type.lastIndexOf('/') && isLegalBaseName(type.substring(0, slash)) && isLegalBaseName(type.substring(slash + 1));
    }

    /** A full message type name, {@code package/Name}, as the catalogue is asked for. */
    static boolean isLegalFullName(String type) {
        return type.indexOf('/') > 0 && isLegalTypeName(type);
    }
}
