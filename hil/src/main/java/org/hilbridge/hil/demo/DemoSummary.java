package org.hilbridge.hil.demo;

import java.util.List;
import java.util.Map;

/** What a demo run did, for the one-screen summary; the trajectory is x, y pairs every 0.1 s of sim time. */
public record DemoSummary(long seed, String vehicle, double simSeconds, double wallSeconds, double distanceM, double meanSpeedMps,
                          double maxSpeedMps, double maxRollDeg, double maxPitchDeg, double maxSinkageM,
                          Map<String, Double> secondsOnMaterial, List<String> collisions, boolean overturned,
                          double[] trajectoryXyM) {
    public double realTimeFactor() {
        return simSeconds / wallSeconds;
    }
}
