package org.hilbridge.bridge.link;

import java.util.Objects;
import org.hilbridge.sim.sensor.SensorSample;

/** Names one published sample: its stream and its sequence number in that stream. */
public record SampleRef(String streamId, long sequence) {
    public SampleRef {
        Objects.requireNonNull(streamId, "streamId");
    }

    public static SampleRef of(SensorSample s) {
        return new SampleRef(s.streamId(), s.sequence());
    }

    @Override
    public String toString() {
        return streamId + "#" + sequence;
    }
}
