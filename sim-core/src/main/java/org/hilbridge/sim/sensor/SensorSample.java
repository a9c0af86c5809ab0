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

    /**
     * Takes one more hold on a pooled sample's memory (a camera frame whose image comes from a
     * {@link org.hilbridge.sim.sensor.camera.CameraImagePool}, an augmented frame whose pixels come from its
     * augmenter's pool or are its raw frame's: reference counted, {@link org.hilbridge.sim.pool.Pooled}; the
     * ownership rule is in {@link org.hilbridge.sim.sensor.camera.CameraFrame}'s documentation). Every other sample
     * is an ordinary garbage-collected object: nothing happens.
     *
     * @return this sample
     */
    default SensorSample retain() {
        return this;
    }

    /** Gives up one hold taken by {@link #retain()} (or the producer's own); nothing for a sample that is not pooled. */
    default void release() {
    }
}
