package org.hilbridge.sim.sensor.odometry;

import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.sensor.BufferedPeriodicSensor;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.Wheel;

/**
 * Dead reckoning from the wheel encoders and the steering angle, as a real vehicle's odometry node does, so
 * it drifts when the wheels slip: forward speed v = R (omega_rl + omega_rr) / 2 from the rear wheels, yaw
 * rate r = v tan(delta) / L from the kinematic bicycle (Rajamani, "Vehicle Dynamics and Control", §2.2),
 * integrated with the midpoint rule at every call in the odom frame that starts at (0, 0, 0).
 */
public final class WheelOdometrySensor extends BufferedPeriodicSensor<OdometrySample> {
    /** x, y, yaw, forward speed, yaw rate. */
    private static final int READING_LENGTH = 5;
    private final String childFrameId;
    private double xM;
    private double yM;
    private double yawRad;
    private long lastNanos = -1;

    public WheelOdometrySensor(String streamId, String frameId, String childFrameId, double rateHz) {
        super("wheel_odometry", streamId, frameId, rateHz, READING_LENGTH);
        this.childFrameId = childFrameId;
    }

    @Override
    public long read(Vehicle v, long nowNanos, double[] out) {
        double radius = v.params().tire().radiusM();
        Wheel rl = v.wheel(Vehicle.REAR_LEFT);
        Wheel rr = v.wheel(Vehicle.REAR_RIGHT);
        double speed = radius * (rl.spinRadPerS() + rr.spinRadPerS()) / 2;
        double yawRate = speed * StrictTrig.tan(v.steeringAngleRad()) / v.params().chassis().wheelbaseM();
        if (lastNanos >= 0) {
            double dt = (nowNanos - lastNanos) * 1e-9;
            double mid = yawRad + 0.5 * yawRate * dt;
            xM += speed * StrictTrig.cos(mid) * dt;
            yM += speed * StrictTrig.sin(mid) * dt;
            yawRad += yawRate * dt;
        }
        lastNanos = nowNanos;
        out[0] = xM;
        out[1] = yM;
        out[2] = yawRad;
        out[3] = speed;
        out[4] = yawRate;
        return nextSequence();
    }

    @Override
    public OdometrySample seal(long sequence, long captureNanos, double[] reading) {
        return new OdometrySample(streamId(), sequence, captureNanos, frameId(), childFrameId, reading[0], reading[1], reading[2], reading[3], reading[4]);
    }
}
