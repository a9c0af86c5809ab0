package org.hilbridge.hil.regress;

import java.util.List;

/**
 * What drives the vehicle in a run.
 *
 * @param type    {@link #ROUTE_FOLLOWER} (the built-in follower), {@link #INVERTED_STEERING} (the built-in
 *                follower with its steering sign flipped: a deliberately broken stack) or {@link #COMMAND}
 * @param command for {@link #COMMAND}: the program and its arguments, started once per run with the run's
 *                socket port in HILBRIDGE_SOCKET_PORT (host in HILBRIDGE_SOCKET_HOST) and in place of any
 *                {@code {port}} ({@code {host}}) in its arguments; empty otherwise
 */
public record SystemUnderTest(String type, List<String> command) {
    public static final String ROUTE_FOLLOWER = "route_follower";
    public static final String INVERTED_STEERING = "route_follower_inverted_steering";
    public static final String COMMAND = "command";
    public static final List<String> TYPES = List.of(ROUTE_FOLLOWER, INVERTED_STEERING, COMMAND);

    public SystemUnderTest {
        command = List.copyOf(command);
    }

    public static SystemUnderTest routeFollower() {
        return new SystemUnderTest(ROUTE_FOLLOWER, List.of());
    }
}
