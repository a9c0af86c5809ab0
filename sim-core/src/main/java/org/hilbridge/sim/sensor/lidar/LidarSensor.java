package org.hilbridge.sim.sensor.lidar;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.NoiseScalable;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * A rotating multi-beam LiDAR (see {@link LidarParams} for the sensors and their sources). A sweep is not a
 * snapshot: the head turns while the vehicle moves, and every column is fired from where the sensor is at
 * that column's own instant.
 *
 * <h2>Timing</h2>
 *
 * <p>The runner samples this sensor at {@link #rateHz()} = {@value #SLICE_RATE_HZ} Hz, the slicing rate
 * (the physics rate), not at the revolution rate. Each call fires every column whose firing time falls
 * after the previous call and no later than {@code nowNanos}; a call that completes a revolution returns
 * its {@link PointCloudSample}, every other call returns null (the runner skips nulls). The first call
 * starts revolution 0; revolution k starts at first + k * period (period = 1 / revolution rate, to the
 * nanosecond), and is returned by the call that fires its last column, with the revolution's start as
 * capture time and sequence k. Column c of a revolution fires at c * period / columns after its start, and
 * a VLP-16's laser n a further n * 2.304 us later, while the head has turned on by that much (the
 * manual's per-point azimuth interpolation). Calls further apart than one revolution are refused.
 *
 * <h2>Pose</h2>
 *
 * <p>The vehicle's state is known at the call, {@code nowNanos}; a column fired earlier within the slice
 * (at most 1 ms at the slicing rate) is fired from the pose extrapolated back to its instant at constant
 * linear and angular velocity: body position p - v dt, orientation R exp(-omega dt) (exact for constant
 * rates), sensor at p + R r_mount, oriented R R_mount. Lasers fired after their column's start move on with
 * the sensor origin's velocity v + omega x (R r_mount) and turn on with omega (to first order). Points are returned in the sensor frame at their own
 * firing instant, not motion-compensated, as a real driver outputs them.
 *
 * <h2>Sensor model</h2>
 *
 * <p>Each ray is cast against the scene (see {@link SceneRayCaster}) up to the maximum range. A hit is kept
 * if and only if, in this order:
 * <ol>
 *   <li>its incidence angle (between the beam and the surface normal) is at most
 *       {@link LidarParams#maxIncidenceDeg()} (grazing returns are dropped);</li>
 *   <li>it is detectable: rho cos(theta) / R^2 &gt;= rho_ref / R_ref^2, the datasheet's reference target
 *       (see {@link LidarParams}); weaker returns are dropped;</li>
 *   <li>its measured range, the true range plus Gaussian noise of {@link LidarParams#rangeNoiseStdDevM()}
 *       from the seeded stream (one draw per detected return, in firing order), lies within
 *       [{@link LidarParams#minRangeM()}, {@link LidarParams#maxRangeM()}].</li>
 * </ol>
 * Nothing within range means no point (there is no "no return" placeholder). The point is the measured range
 * along the beam's direction in the sensor frame.
 *
 * <p>Intensity: the return strength of an extended Lambertian target, rho cos(theta) / R^2 (see
 * {@link LidarParams}), scaled so that a target at {@value #INTENSITY_REFERENCE_RANGE_M} m seen head-on
 * reads 100 rho (a white target 100, as Velodyne's calibrated reflectivity scale reads diffuse targets
 * 0-100) and clipped at 255 (receiver saturation, the top of the uint8 scale drivers use):
 * {@code intensity = min(255, 100 rho cos(theta) (10 m / R)^2)}. Nearer than 10 m bright targets saturate.
 *
 * <p>Not modelled: beam divergence and mixed pixels, second returns, the VLP-16's per-laser vertical
 * offsets (+-11.2 mm) and the OS1's beam-origin offset (15.8 mm) and azimuth stagger, rain, dust and
 * retro-reflectors. The ego vehicle is not drawn.
 *
 * <p>Allocation: none per ray or per column; one set of exactly-sized output arrays per revolution, made by
 * whoever seals it: {@link #sample} seals in the call, {@link #sampleUnsealed} leaves the copy to the caller
 * (e.g. another thread), so that the calling thread allocates nothing.
 */
public final class LidarSensor implements Sensor, NoiseScalable {
    /** The slicing rate at which the runner samples the sensor (the physics rate, 1 kHz). */
    public static final double SLICE_RATE_HZ = 1000;
    static final double INTENSITY_REFERENCE_RANGE_M = 10;
    private static final double INTENSITY_SCALE = 100 * INTENSITY_REFERENCE_RANGE_M * INTENSITY_REFERENCE_RANGE_M;

    private final String streamId;
    private final String frameId;
    private final LidarParams params;
    private final SceneRayCaster caster;
    private final SeededRandom noise;

    private final int channels;
    private final int columns;
    private final long periodNanos;
    private final double maxRangeM;
    private final double minRangeM;
    private final double noiseStdDevM;
    /** A sensor_noise fault's factor on the range noise. */
    private double noiseScale = 1;
    private final double minStrength;
    private final double cosMaxIncidence;
    // Per laser, in firing order.
    private final double[] cosElevation;
    private final double[] sinElevation;
    private final double[] cosLag;
    private final double[] sinLag;
    private final double[] delayS;
    private final short[] ring;
    // Per column.
    private final double[] cosAzimuth;
    private final double[] sinAzimuth;
    private final double[] columnOffsetNanos;

    private final Vec3 mountOffset;
    private final Rotation mountRotation = new Rotation();
    private final Rotation body = new Rotation();
    private final Rotation frame = new Rotation();
    private final Vec3 lever = new Vec3();
    private final Vec3 omegaWorld = new Vec3();
    private final Vec3 sensorVelocity = new Vec3();
    private final Vec3 axis = new Vec3();
    private final RayHit hit = new RayHit();

    /** The revolution being filled (the sensor holds it; see {@link UnsealedRevolution} for who owns what when). */
    private UnsealedRevolution buf;
    /** Buffers given back by {@link UnsealedRevolution#seal()}: the next revolutions fill them (lock-free; the sealer may be another thread). */
    private final Queue<UnsealedRevolution> spares = new ConcurrentLinkedQueue<>();

    private boolean started;
    private long lastCallNanos;
    private long revolutionStartNanos;
    private int nextColumn;
    private long nextSequence;

    /**
     * @param streamId the scenario's sensor name
     * @param frameId  the sensor's frame (REP-105), e.g. {@code velodyne}
     * @param mount    where the sensor sits on base_link
     * @param params   what the sensor is
     * @param scene    what it sees (its acceleration structure is built here; share a {@link SceneRayCaster}
     *                 between sensors with the other constructor)
     * @param noise    the sensor's own seeded stream for range noise
     */
    public LidarSensor(String streamId, String frameId, SensorMount mount, LidarParams params, Scene scene, SeededRandom noise) {
        this(streamId, frameId, mount, params, new SceneRayCaster(Objects.requireNonNull(scene, "scene")), noise);
    }

    public LidarSensor(String streamId, String frameId, SensorMount mount, LidarParams params, SceneRayCaster caster, SeededRandom noise) {
        if (streamId == null || streamId.isEmpty()) {
            throw new IllegalArgumentException("a lidar needs a stream id (the scenario's sensor name), got " + (streamId == null ? "null" : "''"));
        }
        if (frameId == null || frameId.isEmpty()) {
            throw new IllegalArgumentException("lidar " + streamId + " needs a frame id, got " + (frameId == null ? "null" : "''"));
        }
        this.streamId = streamId;
        this.frameId = frameId;
        this.params = Objects.requireNonNull(params, "params");
        this.caster = Objects.requireNonNull(caster, "caster");
        this.noise = Objects.requireNonNull(noise, "noise");
        Objects.requireNonNull(mount, "mount");

        channels = params.channels();
        columns = params.columnsPerRevolution();
        periodNanos = params.periodNanos();
        maxRangeM = params.maxRangeM();
        minRangeM = params.minRangeM();
        noiseStdDevM = params.rangeNoiseStdDevM();
        minStrength = params.detectionReflectivity() / (params.detectionRangeM() * params.detectionRangeM());
        cosMaxIncidence = StrictTrig.cos(StrictMath.toRadians(params.maxIncidenceDeg()));

        cosElevation = new double[channels];
        sinElevation = new double[channels];
        cosLag = new double[channels];
        sinLag = new double[channels];
        delayS = new double[channels];
        ring = new short[channels];
        for (int n = 0; n < channels; n++) {
            double el = StrictMath.toRadians(params.elevationDeg(n));
            cosElevation[n] = StrictTrig.cos(el);
            sinElevation[n] = StrictTrig.sin(el);
            delayS[n] = params.firingDelayS(n);
            // The head turns clockwise (seen from above) by 2 pi rate delay before laser n fires.
            double lag = 2 * StrictMath.PI * params.rateHz() * delayS[n];
            cosLag[n] = StrictTrig.cos(lag);
            sinLag[n] = StrictTrig.sin(lag);
            ring[n] = (short) params.ring(n);
        }
        cosAzimuth = new double[columns];
        sinAzimuth = new double[columns];
        columnOffsetNanos = new double[columns];
        for (int c = 0; c < columns; c++) {
            // Revolutions start facing backwards (-x, the seam behind the sensor, as Ouster frames start at
            // the connector) and turn clockwise seen from above (both sensors do): azimuth pi - 2 pi c / N,
            // counter-clockwise from +x.
            double azimuth = StrictMath.PI - 2 * StrictMath.PI * c / columns;
            cosAzimuth[c] = StrictTrig.cos(azimuth);
            sinAzimuth[c] = StrictTrig.sin(azimuth);
            columnOffsetNanos[c] = (double) c * periodNanos / columns;
        }

        mountOffset = new Vec3(mount.xM(), mount.yM(), mount.zM());
        mountRotation.setYawPitchRoll(mount.yawRad(), mount.pitchRad(), mount.rollRad());

        buf = new UnsealedRevolution(streamId, frameId, channels, columns, spares);
    }

    @Override
    public String streamId() {
        return streamId;
    }

    public String frameId() {
        return frameId;
    }

    public LidarParams params() {
        return params;
    }

    /** The slicing rate, {@value #SLICE_RATE_HZ} Hz; the revolution rate is {@code params().rateHz()}. */
    @Override
    public double rateHz() {
        return SLICE_RATE_HZ;
    }

    /** Fires the columns due by {@code nowNanos} from the vehicle's state; the finished revolution, or null. */
    @Override
    public void setNoiseScale(double factor) {
        noiseScale = NoiseScalable.checkedScale(streamId, factor);
    }

    @Override
    public PointCloudSample sample(Vehicle vehicle, long nowNanos) {
        return advance(nowNanos, vehicle.xM(), vehicle.yM(), vehicle.zM(), vehicle.orientation(), vehicle.velocityWorldMps(),
                vehicle.angularVelocityBodyRadPerS());
    }

    /**
     * As {@link #sample}, from an explicit state of base_link at {@code nowNanos} (for replays and tests):
     * position (world, m), orientation (body to world), linear velocity (world, m/s) and angular velocity
     * (body, rad/s). Reads its arguments and keeps none of them.
     */
    public PointCloudSample advance(long nowNanos, double xM, double yM, double zM, Rotation bodyToWorld, Vec3 velocityWorldMps,
                                    Vec3 angularVelocityBodyRadPerS) {
        UnsealedRevolution done = sweep(nowNanos, xM, yM, zM, bodyToWorld, velocityWorldMps, angularVelocityBodyRadPerS);
        return done == null ? null : done.seal();
    }

    /**
     * As {@link #sample}, but the finished revolution comes back unsealed: its buffers, which the caller
     * seals ({@link UnsealedRevolution#seal()}, on any thread) into exactly the sample {@link #sample} would
     * have returned. Nothing is allocated here in steady state: the buffers sealed meanwhile are filled
     * again (a new set only while every set is still out being sealed). Calls of this and of
     * {@link #sample} may be mixed; the revolutions and their random draws are the same either way.
     */
    public UnsealedRevolution sampleUnsealed(Vehicle vehicle, long nowNanos) {
        return sweep(nowNanos, vehicle.xM(), vehicle.yM(), vehicle.zM(), vehicle.orientation(), vehicle.velocityWorldMps(),
                vehicle.angularVelocityBodyRadPerS());
    }

    /**
     * Makes sure {@code spareSets} buffer sets wait besides the one being filled, so that a caller of
     * {@link #sampleUnsealed} whose sealer is up to {@code spareSets} revolutions behind never makes the sensor
     * allocate during the run (a set is channels x columns points, about 0.7 MB for a VLP-16). Call before the
     * first revolution finishes (from the thread that samples).
     */
    public void reserveSpareBuffers(int spareSets) {
        if (spareSets < 0) {
            throw new IllegalArgumentException("lidar " + streamId + ": spareSets = " + spareSets + " is not allowed: it must be >= 0");
        }
        for (int i = spares.size(); i < spareSets; i++) {
            spares.offer(new UnsealedRevolution(streamId, frameId, channels, columns, spares));
        }
    }

    /** Fires the columns due by {@code nowNanos}; the revolution this call finished (handed over), or null. */
    private UnsealedRevolution sweep(long nowNanos, double xM, double yM, double zM, Rotation bodyToWorld, Vec3 velocityWorldMps,
                                     Vec3 angularVelocityBodyRadPerS) {
        if (!started) {
            started = true;
            revolutionStartNanos = nowNanos;
            lastCallNanos = nowNanos;
        } else if (nowNanos < lastCallNanos) {
            throw new IllegalArgumentException("lidar " + streamId + ": nowNanos = " + nowNanos + " is not allowed: it is before the previous call ("
                    + lastCallNanos + ")");
        } else if (nowNanos - lastCallNanos > periodNanos) {
            throw new IllegalStateException("lidar " + streamId + " was sampled " + (nowNanos - lastCallNanos) + " ns after its previous call: "
                    + "calls must come at least once per revolution (" + periodNanos + " ns); schedule it at rateHz() = " + SLICE_RATE_HZ + " Hz");
        }
        lastCallNanos = nowNanos;
        UnsealedRevolution done = null;
        while (nowNanos >= revolutionStartNanos) {
            long elapsed = nowNanos - revolutionStartNanos;
            int due = elapsed >= periodNanos ? columns - 1 : (int) (elapsed * columns / periodNanos);
            for (int c = nextColumn; c <= due; c++) {
                fireColumn(c, (elapsed - columnOffsetNanos[c]) * 1e-9, xM, yM, zM, bodyToWorld, velocityWorldMps, angularVelocityBodyRadPerS);
            }
            if (due < columns - 1) {
                nextColumn = due + 1;
                break;
            }
            if (done != null) {
                // Impossible while calls come at most one revolution apart (checked above); the caller could
                // not tell two finished revolutions apart from one.
                throw new IllegalStateException("lidar " + streamId + " finished two revolutions in one call at " + nowNanos + " ns");
            }
            done = buf.finish(nextSequence++, revolutionStartNanos);
            UnsealedRevolution spare = spares.poll();
            buf = spare != null ? spare : new UnsealedRevolution(streamId, frameId, channels, columns, spares);
            revolutionStartNanos += periodNanos;
            nextColumn = 0;
        }
        return done;
    }

    private void fireColumn(int c, double agoS, double xM, double yM, double zM, Rotation bodyToWorld, Vec3 v, Vec3 omegaBody) {
        // The pose agoS seconds before the call, at constant linear and angular velocity.
        body.set(bodyToWorld);
        body.integrateBodyRate(-omegaBody.x, -omegaBody.y, -omegaBody.z, agoS);
        body.toWorld(mountOffset, lever);
        double ox = xM - v.x * agoS + lever.x;
        double oy = yM - v.y * agoS + lever.y;
        double oz = zM - v.z * agoS + lever.z;
        body.toWorld(omegaBody, omegaWorld);
        sensorVelocity.cross(omegaWorld, lever).add(v);
        double vx = sensorVelocity.x;
        double vy = sensorVelocity.y;
        double vz = sensorVelocity.z;
        double wxW = omegaWorld.x;
        double wyW = omegaWorld.y;
        double wzW = omegaWorld.z;
        frame.set(body).multiply(mountRotation);
        frame.axis(0, axis);
        double m00 = axis.x;
        double m10 = axis.y;
        double m20 = axis.z;
        frame.axis(1, axis);
        double m01 = axis.x;
        double m11 = axis.y;
        double m21 = axis.z;
        frame.axis(2, axis);
        double m02 = axis.x;
        double m12 = axis.y;
        double m22 = axis.z;

        double cosAz = cosAzimuth[c];
        double sinAz = sinAzimuth[c];
        double columnTimeS = columnOffsetNanos[c] * 1e-9;
        RayHit h = hit;
        UnsealedRevolution out = buf;
        for (int n = 0; n < channels; n++) {
            // Direction in the sensor frame at azimuth (az - lag): cos and sin by the angle-difference formulas.
            double ce = cosElevation[n];
            double ca = cosAz * cosLag[n] + sinAz * sinLag[n];
            double sa = sinAz * cosLag[n] - cosAz * sinLag[n];
            double sx = ce * ca;
            double sy = ce * sa;
            double sz = sinElevation[n];
            double cx = m00 * sx + m01 * sy + m02 * sz;
            double cy = m10 * sx + m11 * sy + m12 * sz;
            double cz = m20 * sx + m21 * sy + m22 * sz;
            // A laser fired `delay` after its column sees the frame turned on by omega delay (to first order,
            // d + delay omega x d: under 4e-5 rad in the VLP-16's 35 us sequence at 1 rad/s).
            double delay = delayS[n];
            double wx = cx + delay * (wyW * cz - wzW * cy);
            double wy = cy + delay * (wzW * cx - wxW * cz);
            double wz = cz + delay * (wxW * cy - wyW * cx);
            if (!caster.cast(ox + vx * delay, oy + vy * delay, oz + vz * delay, wx, wy, wz, maxRangeM, h)) {
                continue;
            }
            double cosIncidence = h.cosIncidence(wx, wy, wz);
            if (cosIncidence < cosMaxIncidence) {
                continue;
            }
            double r = h.rangeM;
            double strength = h.reflectivity * cosIncidence;
            if (strength < minStrength * r * r) {
                continue;
            }
            // Drawn whenever noise is configured, whatever the fault's factor: the draws stay in step.
            double measured = noiseStdDevM > 0 ? r + noiseScale * noiseStdDevM * noise.nextGaussian() : r;
            if (measured < minRangeM || measured > maxRangeM) {
                continue;
            }
            int k = out.count++;
            out.x[k] = (float) (measured * sx);
            out.y[k] = (float) (measured * sy);
            out.z[k] = (float) (measured * sz);
            out.intensity[k] = (float) Math.min(255, INTENSITY_SCALE * strength / Math.max(r * r, 1e-6));
            out.ring[k] = ring[n];
            out.timeOffsetS[k] = (float) (columnTimeS + delay);
            out.semanticClassId[k] = (byte) h.semanticClassId;
        }
    }
}
