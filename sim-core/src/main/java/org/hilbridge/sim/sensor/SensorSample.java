package org.hilbridge.sim.sensor;

/**
 * One immutable output of one sensor. Every sample carries the stream it belongs to, its sequence number
 * within that stream (from 0, no gaps at the source), its capture time in sim nanoseconds (the time on
 * every wire: ROS headers, /clock and protobuf frames agree on it) and the frame it is expressed in.
 */
public interface SensorSample {
    String streamId();

    long sequence();

    long captureNanos();

    String frameId();
}
