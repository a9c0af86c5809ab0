package org.hilbridge.sim.sensor;

import org.hilbridge.sim.vehicle.Vehicle;

/**
 * A periodic sensor whose reading fits a fixed number of doubles: {@link #sample} is {@link #read} into the
 * sensor's own buffer then {@link #seal} (in line, on the calling thread), so a subclass writes only the two
 * halves and a sample sealed later on another thread is bit for bit the one sampled in line.
 *
 * @param <S> the sample type its {@link #seal} builds
 */
public abstract class BufferedPeriodicSensor<S extends SensorSample> extends PeriodicSensor implements BufferedSensor {
    private final double[] scratch;

    /** @param readingLength the doubles a reading takes */
    protected BufferedPeriodicSensor(String kind, String streamId, String frameId, double rateHz, int readingLength) {
        super(kind, streamId, frameId, rateHz);
        this.scratch = new double[readingLength];
    }

    @Override
    public final S sample(Vehicle vehicle, long nowNanos) {
        return seal(read(vehicle, nowNanos, scratch), nowNanos, scratch);
    }

    @Override
    public final int readingLength() {
        return scratch.length;
    }

    @Override
    public abstract S seal(long sequence, long captureNanos, double[] values);
}
