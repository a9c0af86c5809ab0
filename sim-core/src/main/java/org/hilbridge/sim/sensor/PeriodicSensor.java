package org.hilbridge.sim.sensor;

import java.util.Objects;

/** What every scheduled sensor has: its stream, its frame, its rate, and the next sequence number. */
public abstract class PeriodicSensor implements Sensor {
    private final String streamId;
    private final String frameId;
    private final double rateHz;
    private long nextSequence;

    /** @param kind the sensor type, for the error message (e.g. "imu") */
    protected PeriodicSensor(String kind, String streamId, String frameId, double rateHz) {
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        this.frameId = Objects.requireNonNull(frameId, "frameId");
        if (!(rateHz > 0) || !Double.isFinite(rateHz)) {
            throw new IllegalArgumentException(kind + " " + streamId + " rate_hz = " + rateHz + " is not allowed: it must be a finite number > 0");
        }
        this.rateHz = rateHz;
    }

    @Override
    public final String streamId() {
        return streamId;
    }

    public final String frameId() {
        return frameId;
    }

    @Override
    public final double rateHz() {
        return rateHz;
    }

    /** Takes the next sequence number (0, 1, 2, ...). */
    protected final long nextSequence() {
        return nextSequence++;
    }
}
