package org.hilbridge.sim.sensor.gnss;

import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.sensor.BufferedPeriodicSensor;
import org.hilbridge.sim.sensor.MountedFrame;
import org.hilbridge.sim.sensor.NoiseScalable;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * A GNSS antenna at its mount: the true ENU position of the antenna plus Gaussian noise (east and north
 * each with the horizontal sigma, up with the vertical one), converted to WGS-84. During a scheduled
 * outage (set by the runner) it reports STATUS_NO_FIX.
 */
public final class GnssSensor extends BufferedPeriodicSensor<GnssSample> implements NoiseScalable {
    /** status, latitude, longitude, altitude. */
    private static final int READING_LENGTH = 4;
    private final GnssParams params;
    private final Wgs84 geodesy;
    private final SeededRandom noise;
    private final MountedFrame mount;
    private final Vec3 position = new Vec3();
    private final double[] geodetic = new double[3];
    private volatile boolean outage;
    /** A sensor_noise fault's factor on the position noise. */
    private double noiseScale = 1;

    public GnssSensor(String streamId, String frameId, double rateHz, SensorMount mount, GnssParams params, SeededRandom noise) {
        super("gnss", streamId, frameId, rateHz, READING_LENGTH);
        this.params = params;
        this.geodesy = new Wgs84(params.originLatDeg(), params.originLonDeg(), params.originAltM());
        this.noise = noise;
        this.mount = new MountedFrame(mount);
    }

    /** A gnss_outage fault: while on, no fix. */
    public void setOutage(boolean on) {
        outage = on;
    }

    @Override
    public void setNoiseScale(double factor) {
        noiseScale = NoiseScalable.checkedScale(streamId(), factor);
    }

    @Override
    public long read(Vehicle v, long nowNanos, double[] out) {
        // Draw the noise every time, outage or not, so an outage does not shift later numbers.
        double e = noiseScale * params.horizontalNoiseM() * noise.nextGaussian();
        double n = noiseScale * params.horizontalNoiseM() * noise.nextGaussian();
        double u = noiseScale * params.verticalNoiseM() * noise.nextGaussian();
        if (outage) {
            out[0] = GnssSample.STATUS_NO_FIX;
            out[1] = Double.NaN;
            out[2] = Double.NaN;
            out[3] = Double.NaN;
            return nextSequence();
        }
        mount.worldPose(v, position, null);
        geodesy.toGeodetic(position.x + e, position.y + n, position.z + u, geodetic);
        out[0] = GnssSample.STATUS_FIX;
        out[1] = geodetic[0];
        out[2] = geodetic[1];
        out[3] = geodetic[2];
        return nextSequence();
    }

    @Override
    public GnssSample seal(long sequence, long captureNanos, double[] reading) {
        if ((int) reading[0] == GnssSample.STATUS_NO_FIX) {
            return new GnssSample(streamId(), sequence, captureNanos, frameId(), GnssSample.STATUS_NO_FIX, Double.NaN, Double.NaN, Double.NaN,
                    new double[9], GnssSample.COVARIANCE_TYPE_UNKNOWN);
        }
        double h2 = params.horizontalNoiseM() * params.horizontalNoiseM();
        double v2 = params.verticalNoiseM() * params.verticalNoiseM();
        return new GnssSample(streamId(), sequence, captureNanos, frameId(), GnssSample.STATUS_FIX, reading[1], reading[2], reading[3],
                new double[] {h2, 0, 0, 0, h2, 0, 0, 0, v2}, GnssSample.COVARIANCE_TYPE_DIAGONAL_KNOWN);
    }
}
