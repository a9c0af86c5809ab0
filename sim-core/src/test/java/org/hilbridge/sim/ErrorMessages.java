package org.hilbridge.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Bad input must fail with a message that names the key or value at fault. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static void assertMessage(Executable e, String fragment) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), "message '" + x.getMessage() + "' should contain '" + fragment + "'");
    }
}
