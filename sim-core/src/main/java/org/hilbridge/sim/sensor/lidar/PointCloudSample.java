package org.hilbridge.sim.sensor.lidar;

import java.util.Objects;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * One LiDAR revolution: the points of every column fired in it, in firing order (column by column, lasers
 * in firing order within a column), in the sensor frame (REP-103: x forward, y left, z up) at each point's
 * own firing time: the cloud is not motion-compensated, as a real driver outputs it. The capture time is
 * the revolution's start; each point carries its firing time after it.
 *
 * <p>Struct of arrays, one entry per point, laid out as a PointCloud2's fields (velodyne_pointcloud's
 * x, y, z, intensity, ring, time plus a label): {@code x, y, z} float32 metres; {@code intensity} float32
 * (see {@link LidarSensor} for the model); {@code ring} uint16 (stored in a short); {@code time} float32
 * seconds after {@link #captureNanos()}; {@code semanticClassId} uint8, a
 * {@link org.hilbridge.sim.scene.SemanticClass} id. The arrays are shared, not copied, so that a transport
 * can write them without another copy: nobody may modify them. The sample is immutable only as long as
 * every consumer keeps to that.
 */
public final class PointCloudSample implements SensorSample {
    private final String streamId;
    private final long sequence;
    private final long captureNanos;
    private final String frameId;
    private final int channels;
    private final int columns;
    private final float[] x;
    private final float[] y;
    private final float[] z;
    private final float[] intensity;
    private final short[] ring;
    private final float[] timeOffsetS;
    private final byte[] semanticClassId;

    /**
     * Takes ownership of the arrays (no copy): the caller must not touch them afterwards. All arrays hold
     * the same number of points.
     *
     * @param channels number of rings of the sensor (for an organised view: channels x columns)
     * @param columns  columns per revolution
     */
    public PointCloudSample(String streamId, long sequence, long captureNanos, String frameId, int channels, int columns,
                            float[] x, float[] y, float[] z, float[] intensity, short[] ring, float[] timeOffsetS, byte[] semanticClassId) {
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        this.frameId = Objects.requireNonNull(frameId, "frameId");
        int n = x.length;
        if (y.length != n || z.length != n || intensity.length != n || ring.length != n || timeOffsetS.length != n || semanticClassId.length != n) {
            throw new IllegalArgumentException("point cloud arrays must all hold the same number of points: x has " + n + ", y " + y.length
                    + ", z " + z.length + ", intensity " + intensity.length + ", ring " + ring.length + ", time " + timeOffsetS.length
                    + ", class " + semanticClassId.length);
        }
        this.sequence = sequence;
        this.captureNanos = captureNanos;
        this.channels = channels;
        this.columns = columns;
        this.x = x;
        this.y = y;
        this.z = z;
        this.intensity = intensity;
        this.ring = ring;
        this.timeOffsetS = timeOffsetS;
        this.semanticClassId = semanticClassId;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    /** Start of the revolution, sim nanoseconds. */
    @Override
    public long captureNanos() {
        return captureNanos;
    }

    @Override
    public String frameId() {
        return frameId;
    }

    public int pointCount() {
        return x.length;
    }

    public int channels() {
        return channels;
    }

    public int columnsPerRevolution() {
        return columns;
    }

    /** Sensor-frame x of each point, metres. Shared: do not modify. */
    public float[] x() {
        return x;
    }

    /** Sensor-frame y of each point, metres. Shared: do not modify. */
    public float[] y() {
        return y;
    }

    /** Sensor-frame z of each point, metres. Shared: do not modify. */
    public float[] z() {
        return z;
    }

    /** Intensity of each point, 0 to 255. Shared: do not modify. */
    public float[] intensity() {
        return intensity;
    }

    /** Ring (channel) of each point. Shared: do not modify. */
    public short[] ring() {
        return ring;
    }

    /** Firing time of each point after {@link #captureNanos()}, seconds. Shared: do not modify. */
    public float[] timeOffsetS() {
        return timeOffsetS;
    }

    /** Semantic class id of what each point hit. Shared: do not modify. */
    public byte[] semanticClassId() {
        return semanticClassId;
    }

    @Override
    public String toString() {
        return "PointCloudSample[" + streamId + " #" + sequence + " at " + captureNanos + " ns in " + frameId + ", " + x.length + " points]";
    }
}
