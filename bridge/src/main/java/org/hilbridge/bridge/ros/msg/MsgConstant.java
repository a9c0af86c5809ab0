package org.hilbridge.bridge.ros.msg;

import java.util.Objects;

/**
 * A constant of a .msg ({@code uint8 STATUS_FIX=0}). The name and value text are kept exactly as genmsg
 * keeps them (msg_loader._load_constant_line), because both enter the MD5 text: for a string constant
 * everything right of the first '=' is the value (comments included, then stripped of surrounding blanks).
 */
public record MsgConstant(String type, String name, String valueText) {
    public MsgConstant {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueText, "valueText");
    }
}
