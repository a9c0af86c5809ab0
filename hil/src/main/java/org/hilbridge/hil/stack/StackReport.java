package org.hilbridge.hil.stack;

import java.util.Map;

/**
 * What the reference stack did, as it reports it: commands and the bridge's verdicts, frames seen per stream,
 * what its perception concluded, and the clock offset and round trip from ping/pong (null before the first
 * pong).
 *
 * @param commandsAccepted   commands the bridge accepted (ACCEPTED)
 * @param commandsRefused    commands refused or dropped, by verdict name
 * @param mudFrames          camera frames judged to show mud ahead
 * @param obstacleStops      times the LiDAR corridor made the stack stop (a clear corridor in between counts anew)
 * @param nearestObstacleM   nearest obstacle distance seen in the corridor, m (+inf: never one)
 * @param goalReachedByStack whether the stack's own estimate reached the route's end
 * @param maxLoopLatencyNanos largest loop latency the bridge reported in a CommandAck
 */
public record StackReport(long commandsSent, long commandsAccepted, Map<String, Long> commandsRefused, Map<String, Long> framesByStream,
                          long cameraFrames, long mudFrames, long obstacleStops, double nearestObstacleM, boolean goalReachedByStack,
                          ClockSync.Estimate clock, long maxLoopLatencyNanos, double estimatedXM, double estimatedYM) {
    /** One line for a log or a terminal. */
    public String line() {
        String sync = clock == null ? "no pong yet"
                : String.format("offset %+.3f ms, round trip %.3f ms (%d pings)", clock.offsetNanos() / 1e6, clock.roundTripNanos() / 1e6, clock.exchanges());
        return String.format("stack: %d commands (%d accepted%s), camera %d frames (%d mud), %d obstacle stops%s, clock %s, pose (%.1f, %.1f)%s",
                commandsSent, commandsAccepted, commandsRefused.isEmpty() ? "" : ", refused " + commandsRefused, cameraFrames, mudFrames, obstacleStops,
                Double.isFinite(nearestObstacleM) ? String.format(" (nearest %.1f m)", nearestObstacleM) : "", sync, estimatedXM, estimatedYM,
                goalReachedByStack ? ", at the route's end" : "");
    }
}
