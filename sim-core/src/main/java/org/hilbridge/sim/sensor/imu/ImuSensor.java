package org.hilbridge.sim.sensor.imu;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.sensor.BufferedPeriodicSensor;
import org.hilbridge.sim.sensor.MountedFrame;
import org.hilbridge.sim.sensor.NoiseScalable;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * An IMU at its mount. Specific force f = R^T (a_p - g) with the mount point's acceleration from rigid-body
 * kinematics a_p = a_cg + alpha x r + omega x (omega x r) and g = (0, 0, -g) in ENU, so a level IMU at rest
 * reads +g on z (REP-145). Angular rate is the body rate in the IMU frame.
 *
 * <p>Noise (Kalibr, "IMU Noise Model"): each reading adds the bias and white noise of standard deviation
 * sigma_d = sigma_c / sqrt(dt); the bias walks as b_k = b_(k-1) + sigma_bc sqrt(dt) N(0, 1).
 */
public final class ImuSensor extends BufferedPeriodicSensor<ImuSample> implements NoiseScalable {
    private static final int READING_LENGTH = 6;
    private final double gravityMps2;
    private final ImuParams params;
    private final SeededRandom noise;
    private final MountedFrame mount;
    private final double accelWhiteStd;
    private final double gyroWhiteStd;
    private final double accelBiasStep;
    private final double gyroBiasStep;
    private final double[] accelBias = new double[3];
    private final double[] gyroBias = new double[3];
    private final Vec3 r = new Vec3();
    private final Vec3 omega = new Vec3();
    private final Vec3 alpha = new Vec3();
    private final Vec3 a = new Vec3();
    private final Vec3 t = new Vec3();
    private final Vec3 u = new Vec3();
    /** A sensor_noise fault's factor on every noise term (white noise and bias walk). */
    private double noiseScale = 1;

    public ImuSensor(String streamId, String frameId, double rateHz, SensorMount mount, ImuParams params, double gravityMps2, SeededRandom noise) {
        super("imu", streamId, frameId, rateHz, READING_LENGTH);
        this.gravityMps2 = gravityMps2;
        this.params = params;
        this.noise = noise;
        this.mount = new MountedFrame(mount);
        double dt = 1 / rateHz;
        accelWhiteStd = params.accelNoiseDensityMps2PerRtHz() / StrictMath.sqrt(dt);
        gyroWhiteStd = params.gyroNoiseDensityRadPerSPerRtHz() / StrictMath.sqrt(dt);
        accelBiasStep = params.accelRandomWalkMps3PerRtHz() * StrictMath.sqrt(dt);
        gyroBiasStep = params.gyroRandomWalkRadPerS2PerRtHz() * StrictMath.sqrt(dt);
    }

    public ImuParams params() {
        return params;
    }

    @Override
    public void setNoiseScale(double factor) {
        noiseScale = NoiseScalable.checkedScale(streamId(), factor);
    }

    @Override
    public long read(Vehicle v, long nowNanos, double[] out) {
        Rotation body = v.orientation();
        // Everything in the body frame: omega, alpha, r; the CG's acceleration rotated in.
        omega.set(v.angularVelocityBodyRadPerS());
        alpha.set(v.angularAccelerationBodyRadPerS2());
        r.set(mount.offset());
        body.toBody(v.accelerationWorldMps2(), a);
        t.cross(alpha, r);
        a.add(t);
        u.cross(omega, r);
        t.cross(omega, u);
        a.add(t);
        // Minus gravity: g_world = (0, 0, -g), so subtract its body-frame image.
        t.set(0, 0, gravityMps2);
        body.toBody(t, u);
        a.add(u);
        // Into the IMU frame.
        mount.mountRotation().toBody(a, a);
        mount.mountRotation().toBody(omega, omega);
        double k = noiseScale;
        for (int i = 0; i < 3; i++) {
            accelBias[i] += k * accelBiasStep * noise.nextGaussian();
            gyroBias[i] += k * gyroBiasStep * noise.nextGaussian();
        }
        double accelStd = k * accelWhiteStd;
        double gyroStd = k * gyroWhiteStd;
        out[0] = a.x + accelBias[0] + accelStd * noise.nextGaussian();
        out[1] = a.y + accelBias[1] + accelStd * noise.nextGaussian();
        out[2] = a.z + accelBias[2] + accelStd * noise.nextGaussian();
        out[3] = omega.x + gyroBias[0] + gyroStd * noise.nextGaussian();
        out[4] = omega.y + gyroBias[1] + gyroStd * noise.nextGaussian();
        out[5] = omega.z + gyroBias[2] + gyroStd * noise.nextGaussian();
        return nextSequence();
    }

    @Override
    public ImuSample seal(long sequence, long captureNanos, double[] reading) {
        return new ImuSample(streamId(), sequence, captureNanos, frameId(), reading[0], reading[1], reading[2], reading[3], reading[4], reading[5],
                accelWhiteStd * accelWhiteStd, gyroWhiteStd * gyroWhiteStd);
    }
}
