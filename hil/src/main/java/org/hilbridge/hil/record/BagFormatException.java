package org.hilbridge.hil.record;

/** A file that is not a readable ROS bag v2.0; the message names the byte position and what was wrong. */
public final class BagFormatException extends RuntimeException {
    public BagFormatException(String message) {
        super(message);
    }
}
