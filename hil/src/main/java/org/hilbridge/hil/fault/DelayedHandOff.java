package org.hilbridge.hil.fault;

import org.hilbridge.sim.sensor.SensorSample;

/**
 * Hands samples to the transports later than they were published (a sensor_latency fault) without ever
 * blocking the simulation thread. Per stream, samples leave in the order they came (release times are
 * non-decreasing per stream). Two clocks: {@link SimTimeHandOff} releases at sim times on the simulation
 * thread (fast and lockstep runs stay reproducible), {@link WallTimeHandOff} at wall times on its own thread
 * (realtime runs, where sim time follows wall time).
 */
public interface DelayedHandOff {
    /** Simulation thread: deliver {@code s} when sim time reaches {@code releaseNanos} (now is {@code nowNanos}). */
    void schedule(SensorSample s, long releaseNanos, long nowNanos);

    /** Simulation thread: whether samples of {@code streamId} are still held (a later one must queue behind them). */
    boolean holds(String streamId);

    /** Simulation thread, every step: delivers what has come due by {@code nowNanos}. */
    void releaseDue(long nowNanos);

    /** End of the run: delivers everything still held, in order, and stops. */
    void flush() throws InterruptedException;
}
