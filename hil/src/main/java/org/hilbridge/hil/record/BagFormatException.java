package org.hilbridge.hil.record;

/**
 * A file that is not a readable ROS bag v2.0; the message names the byte position and what was wrong. Bad
 * input, like any other the CLI reports with exit code 2.
 */
public final class BagFormatException extends IllegalArgumentException {
    public BagFormatException(String message) {
        super(message);
    }
}
