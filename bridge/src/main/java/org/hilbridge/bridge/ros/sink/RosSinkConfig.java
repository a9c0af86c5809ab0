package org.hilbridge.bridge.ros.sink;

import java.util.Objects;

/**
 * How samples become ROS topics.
 *
 * @param topics              topic names and namespace
 * @param worldFrame          the frame ground truth is expressed in (REP-105 "map": the fixed ENU world)
 * @param odomFrame           the parent of the moving /tf transform when ground truth drives it
 * @param baseFrame           the vehicle frame every sensor frame hangs off (REP-105 "base_link")
 * @param tfSource            which stream drives odom -> base_link; null picks wheel odometry when there is
 *                            one, else ground truth (see {@link OdomTfSource})
 * @param diagnosticsPeriodNanos sim time between two /diagnostics messages
 */
public record RosSinkConfig(TopicNames topics, String worldFrame, String odomFrame, String baseFrame, OdomTfSource tfSource,
                            long diagnosticsPeriodNanos) {
    public RosSinkConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(worldFrame, "worldFrame");
        Objects.requireNonNull(odomFrame, "odomFrame");
        Objects.requireNonNull(baseFrame, "baseFrame");
        if (diagnosticsPeriodNanos <= 0) {
            throw new IllegalArgumentException("diagnostics period " + diagnosticsPeriodNanos + " ns is not allowed: it must be > 0");
        }
    }

    /** Default topics, map / odom / base_link, tf from wheel odometry when present, diagnostics every sim second. */
    public static RosSinkConfig defaults() {
        return new RosSinkConfig(TopicNames.defaults(), "map", "odom", "base_link", null, 1_000_000_000L);
    }

    public RosSinkConfig withTopics(TopicNames t) {
        return new RosSinkConfig(t, worldFrame, odomFrame, baseFrame, tfSource, diagnosticsPeriodNanos);
    }

    public RosSinkConfig withTfSource(OdomTfSource s) {
        return new RosSinkConfig(topics, worldFrame, odomFrame, baseFrame, s, diagnosticsPeriodNanos);
    }
}
