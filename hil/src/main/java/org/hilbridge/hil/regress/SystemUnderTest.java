package org.hilbridge.hil.regress;

import java.util.List;

/**
 * What drives the vehicle in a run.
 *
 * @param type    {@link #ROUTE_FOLLOWER} (the built-in follower), {@link #INVERTED_STEERING} (the built-in
 *                follower with its steering sign flipped: a deliberately broken stack), {@link #REFERENCE_STACK}
 *                (hilbridge's reference autonomy stack, `hilbridge stack`, in its own JVM on the run's socket) or
 *                {@link #COMMAND}
 * @param command for {@link #COMMAND}: the program and its arguments, started once per run with the run's
 *                socket port in HILBRIDGE_SOCKET_PORT (host in HILBRIDGE_SOCKET_HOST) and in place of any
 *                {@code {port}} ({@code {host}}) in its arguments; empty otherwise
 */
public record SystemUnderTest(String type, List<String> command) {
    public static final String ROUTE_FOLLOWER = "route_follower";
    public static final String INVERTED_STEERING = "route_follower_inverted_steering";
    public static final String COMMAND = "command";
    public static final String REFERENCE_STACK = "reference_stack";
    public static final List<String> TYPES = List.of(ROUTE_FOLLOWER, INVERTED_STEERING, REFERENCE_STACK, COMMAND);

    public SystemUnderTest {
        command = List.copyOf(command);
    }

    /** Whether a separate process drives the vehicle through the run's protobuf socket. */
    public boolean external() {
        return COMMAND.equals(type) || REFERENCE_STACK.equals(type);
    }

    public static SystemUnderTest routeFollower() {
        return new SystemUnderTest(ROUTE_FOLLOWER, List.of());
    }
}
