package org.hilbridge.bridge.ros.msg;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text of a .msg file the way genmsg does (msg_loader.load_msg_from_string, ROS 1.15), so that the
 * MD5 sums computed from the result equal ROS's: lines split on '\n'; '#' starts a comment (except in string
 * constants); a line holding '=' is a constant, any other non-blank line a field {@code type name}; type and
 * name are separated by spaces; {@code Header} means {@code std_msgs/Header}; a package-less message type is
 * in the declaring package. Arrays: {@code T[]} (variable length) and {@code T[n]} (fixed). Reference:
 * http://wiki.ros.org/msg (message description specification).
 */
public final class MsgParser {
    private MsgParser() {
    }

    /**
     * @param fullName the type being parsed, {@code package/Name}
     * @param text     the .msg text
     * @throws IllegalArgumentException naming the type, the line and what is wrong
     */
    public static MsgSpec parse(String fullName, String text) {
        if (!MsgTypes.isLegalFullName(fullName)) {
            throw new IllegalArgumentException("message type name '" + fullName + "' is not allowed: it must be package/Name, each a letter then letters, digits or '_'");
        }
        String pkg = fullName.substring(0, fullName.indexOf('/'));
        List<MsgConstant> constants = new ArrayList<>();
        List<MsgField> fields = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String clean = stripComment(line);
            if (clean.isEmpty()) {
                continue;
            }
            try {
                if (clean.indexOf('=') >= 0) {
                    constants.add(constant(line, clean));
                } else {
                    fields.add(field(clean, pkg));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(fullName + " line " + (i + 1) + " '" + line.strip() + "': " + e.getMessage(), e);
            }
        }
        return new MsgSpec(fullName, text, constants, fields);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    /** genmsg splits on single spaces, strips each piece and drops empty pieces. */
    private static List<String> tokens(String clean) {
        List<String> out = new ArrayList<>();
        for (String piece : clean.split(" ", -1)) {
            String p = piece.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static MsgField field(String clean, String pkg) {
        List<String> t = tokens(clean);
        if (t.size() != 2) {
            throw new IllegalArgumentException("a field is 'type name', found " + t.size() + " words");
        }
        String type = t.get(0);
        String name = t.get(1);
        if (!MsgTypes.isLegalBaseName(name)) {
            throw new IllegalArgumentException("field name '" + name + "' is not allowed: it must be a letter then letters, digits or '_'");
        }
        String base = type;
        int arrayLength = MsgField.SCALAR;
        int open = type.indexOf('[');
        if (open >= 0) {
            if (!type.endsWith("]") || type.indexOf('[', open + 1) >= 0) {
                throw new IllegalArgumentException("field type '" + type + "' is not allowed: arrays are T[] or T[n], one dimension");
            }
            base = type.substring(0, open);
            String len = type.substring(open + 1, type.length() - 1);
            if (len.isEmpty()) {
                arrayLength = MsgField.VARIABLE;
            } else if (len.chars().allMatch(c -> c >= '0' && c <= '9') && len.length() <= 9) {
                arrayLength = Integer.parseInt(len);
            } else {
                throw new IllegalArgumentException("field type '" + type + "': array length '" + len + "' is not allowed: it must be a non-negative integer");
            }
        }
        if (!MsgTypes.isLegalTypeName(base)) {
            throw new IllegalArgumentException("field type '" + type + "' is not allowed: it must be a primitive, time, duration, Name or package/Name");
        }
        // genmsg msg_loader._load_field_line: Header is std_msgs/Header; a bare message name is in this package.
        if (base.equals(MsgTypes.HEADER)) {
            base = MsgTypes.HEADER_FULL_NAME;
        } else if (base.indexOf('/') < 0 && !MsgTypes.isBuiltin(base)) {
            base = pkg + "/" + base;
        }
        return new MsgField(base, arrayLength, name);
    }

    private static MsgConstant constant(String line, String clean) {
        List<String> t = tokens(clean);
        String type = t.get(0);
        if (!MsgTypes.PRIMITIVE_TYPES.contains(type)) {
            throw new IllegalArgumentException("constant type '" + type + "' is not allowed: it must be one of " + new java.util.TreeSet<>(MsgTypes.PRIMITIVE_TYPES));
        }
        if (type.equals("string")) {
            // genmsg: the value is everything right of the '=' (no comments in string constants), the name
            // everything between the first space and the '=' (msgs.Constant strips both).
            int eq = line.indexOf('=');
            String name = line.substring(line.indexOf(' ') + 1, eq).strip();
            return new MsgConstant(type, name, line.substring(eq + 1).strip());
        }
        String[] parts = String.join(" ", t.subList(1, t.size())).split("=", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a constant is 'type NAME=value' with one '='");
        }
        String name = parts[0].strip();
        String value = parts[1].strip();
        checkValue(type, name, value);
        return new MsgConstant(type, name, value);
    }

    /** genmsg msg_loader.convert_constant_value: numbers must parse and integers fit their width. */
    private static void checkValue(String type, String name, String value) {
        try {
            switch (type) {
                case "float32", "float64" -> Double.parseDouble(value);
                case "bool" -> {
                    if (!value.equals("True") && !value.equals("False") && !value.matches("-?[0-9]+")) {
                        throw new IllegalArgumentException("bool constant " + name + " = '" + value + "' is not allowed: it must be True, False or an integer");
                    }
                }
                default -> {
                    BigInteger v = new BigInteger(value);
                    int bits = switch (type) {
                        case "int8", "uint8", "byte", "char" -> 8;
                        case "int16", "uint16" -> 16;
                        case "int32", "uint32" -> 32;
                        default -> 64;
                    };
                    boolean unsigned = type.startsWith("u") || type.equals("char");
                    BigInteger lo = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
                    BigInteger hi = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE) : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
                    if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
                        throw new IllegalArgumentException(type + " constant " + name + " = " + value + " is out of bounds: it must be in [" + lo + ", " + hi + "]");
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(type + " constant " + name + " = '" + value + "' is not a number", e);
        }
    }
}
