package org.hilbridge.sim.sensor.odometry;

import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.Wheel;

/**
 * Dead reckoning from the wheel encoders and the steering angle, as a real vehicle's odometry node does, so
 * it drifts when the wheels slip: forward speed v = R (omega_rl + omega_rr) / 2 from the rear wheels, yaw
 * rate r = v tan(delta) / L from the kinematic bicycle (Rajamani, "Vehicle Dynamics and Control", §2.2),
 * integrated with the midpoint rule at every call in the odom frame that starts at (0, 0, 0).
 */
public final class WheelOdometrySensor implements Sensor {
    private final String streamId;
    private final String frameId;
    private final String childFrameId;
    private final double rateHz;
    private double xM;
    private double yM;
    private double yawRad;
    private long lastNanos = -1;
    private long nextSequence;

    public WheelOdometrySensor(String streamId, String frameId, String childFrameId, double rateHz) {
        if (!(rateHz > 0) || !Double.isFinite(rateHz)) {
            throw new IllegalArgumentException("wheel_odometry " + streamId + " rate_hz = " + rateHz + " is not allowed: it must be a finite number > 0");
        }
        this.streamId = streamId;
        this.frameId = frameId;
        this.childFrameId = childFrameId;
        this.rateHz = rateHz;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public double rateHz() {
        return rateHz;
    }

    @Override
    public OdometrySample sample(Vehicle v, long nowNanos) {
        double radius = v.params().tire().radiusM();
        Wheel rl = v.wheel(Vehicle.REAR_LEFT);
        Wheel rr = v.wheel(Vehicle.REAR_RIGHT);
        double speed = radius * (rl.spinRadPerS() + rr.spinRadPerS()) / 2;
        double yawRate = speed * StrictMath.tan(v.steeringAngleRad()) / v.params().chassis().wheelbaseM();
        if (lastNanos >= 0) {
            double dt = (nowNanos - lastNanos) * 1e-9;
            double mid = yawRad + 0.5 * yawRate * dt;
            xM += speed * StrictMath.cos(mid) * dt;
            yM += speed * StrictMath.sin(mid) * dt;
            yawRad += yawRate * dt;
        }
        lastNanos = nowNanos;
        return new OdometrySample(streamId, nextSequence++, nowNanos, frameId, childFrameId, xM, yM, yawRad, speed, yawRate);
    }
}
