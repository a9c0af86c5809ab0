package org.hilbridge.bridge.link;

import org.hilbridge.sim.sensor.SensorSample;

/**
 * A consumer of samples (a transport, the recorder, an asynchronous controller). The runner gives each sink
 * its own bounded queue and thread; {@link #accept} runs on that thread, never on the simulation thread.
 */
public interface SampleSink {
    String name();

    void accept(SensorSample sample) throws Exception;

    /** Called on the sink's thread after its last sample. */
    default void close() {
    }
}
