package org.hilbridge.sim.sensor.lidar;

import java.util.Arrays;
import java.util.Queue;

/**
 * A finished LiDAR revolution before it becomes a {@link PointCloudSample}: the sensor's working buffers (at
 * the sensor's full capacity, channels x columns points), the number of points in them, the revolution's
 * sequence number and capture time. {@link #seal()} copies the points into the sample's exactly-sized arrays
 * and gives the buffers back to their sensor, which fills them again in a later revolution.
 *
 * <p>Ownership, one holder at a time: the sensor while it fills the buffers; whoever
 * {@link LidarSensor#sampleUnsealed} returned this to, from then until {@link #seal()} returns (on any
 * thread, exactly once); the sensor again after that. Nobody keeps a reference after sealing. The sample
 * {@link #seal()} makes owns its own arrays, so it stays immutable whatever happens to the buffers.
 *
 * <p>Why: copying a revolution (about half a megabyte for a VLP-16) is the LiDAR's only allocation; with
 * {@link LidarSensor#sampleUnsealed} the simulation thread hands the copy to another thread and allocates
 * nothing per revolution (issue 7: no steady-state allocation on the simulation thread).
 */
public final class UnsealedRevolution {
    final float[] x;
    final float[] y;
    final float[] z;
    final float[] intensity;
    final short[] ring;
    final float[] timeOffsetS;
    final byte[] semanticClassId;
    private final String streamId;
    private final String frameId;
    private final int channels;
    private final int columns;
    /** Where {@link #seal()} gives the buffers back (the sensor's spares; thread-safe). */
    private final Queue<UnsealedRevolution> returnTo;
    int count;
    private long sequence;
    private long captureNanos;
    private boolean held;

    UnsealedRevolution(String streamId, String frameId, int channels, int columns, Queue<UnsealedRevolution> returnTo) {
        int capacity = channels * columns;
        this.x = new float[capacity];
        this.y = new float[capacity];
        this.z = new float[capacity];
        this.intensity = new float[capacity];
        this.ring = new short[capacity];
        this.timeOffsetS = new float[capacity];
        this.semanticClassId = new byte[capacity];
        this.streamId = streamId;
        this.frameId = frameId;
        this.channels = channels;
        this.columns = columns;
        this.returnTo = returnTo;
    }

    /** The sensor hands the filled buffers over: from now on the caller of sampleUnsealed holds them. */
    UnsealedRevolution finish(long sequence, long captureNanos) {
        this.sequence = sequence;
        this.captureNanos = captureNanos;
        this.held = true;
        return this;
    }

    public String streamId() {
        return streamId;
    }

    public long sequence() {
        return sequence;
    }

    /** Start of the revolution, sim nanoseconds (the sample's capture time). */
    public long captureNanos() {
        return captureNanos;
    }

    public int pointCount() {
        return count;
    }

    /**
     * The revolution as a sample with exactly-sized arrays of its own (the same values, bit for bit, as
     * {@link LidarSensor#sample} returns); gives the buffers back to the sensor. Once, on any thread.
     */
    public PointCloudSample seal() {
        if (!held) {
            throw new IllegalStateException("lidar " + streamId + ": revolution " + sequence + " was sealed already (seal() once per revolution)");
        }
        int n = count;
        PointCloudSample s = new PointCloudSample(streamId, sequence, captureNanos, frameId, channels, columns, Arrays.copyOf(x, n), Arrays.copyOf(y, n),
                Arrays.copyOf(z, n), Arrays.copyOf(intensity, n), Arrays.copyOf(ring, n), Arrays.copyOf(timeOffsetS, n), Arrays.copyOf(semanticClassId, n));
        held = false;
        count = 0;
        returnTo.offer(this);
        return s;
    }
}
