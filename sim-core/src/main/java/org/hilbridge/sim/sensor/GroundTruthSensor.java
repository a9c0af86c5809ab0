package org.hilbridge.sim.sensor;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Ground truth at the sensor's mount: the pose and motion of the mount frame, exact (no noise). Rigid-body
 * kinematics: p = p_cg + R r, v = v_cg + w x (R r), orientation R R_mount.
 */
public final class GroundTruthSensor implements Sensor {
    private final String streamId;
    private final String frameId;
    private final double rateHz;
    private final Vec3 offset;
    private final Rotation mountRotation = new Rotation();
    private final Rotation frame = new Rotation();
    private final Vec3 lever = new Vec3();
    private final Vec3 omegaWorld = new Vec3();
    private final Vec3 pointVelocity = new Vec3();
    private final Vec3 omegaFrame = new Vec3();
    private long nextSequence;

    public GroundTruthSensor(String streamId, String frameId, double rateHz, SensorMount mount) {
        if (!(rateHz > 0) || !Double.isFinite(rateHz)) {
            throw new IllegalArgumentException("sensor " + streamId + " rate_hz = " + rateHz + " is not allowed: it must be a finite number > 0");
        }
        this.streamId = streamId;
        this.frameId = frameId;
        this.rateHz = rateHz;
        this.offset = new Vec3(mount.xM(), mount.yM(), mount.zM());
        mountRotation.setYawPitchRoll(mount.yawRad(), mount.pitchRad(), mount.rollRad());
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
    public GroundTruthSample sample(Vehicle v, long nowNanos) {
        Rotation body = v.orientation();
        body.toWorld(offset, lever);
        body.toWorld(v.angularVelocityBodyRadPerS(), omegaWorld);
        pointVelocity.cross(omegaWorld, lever).add(v.velocityWorldMps());
        frame.set(body).multiply(mountRotation);
        frame.toBody(omegaWorld, omegaFrame);
        return new GroundTruthSample(streamId, nextSequence++, nowNanos, frameId,
                v.xM() + lever.x, v.yM() + lever.y, v.zM() + lever.z, frame.qw(), frame.qx(), frame.qy(), frame.qz(),
                pointVelocity.x, pointVelocity.y, pointVelocity.z, omegaFrame.x, omegaFrame.y, omegaFrame.z,
                v.forwardSpeedMps(), v.yawRateRadPerS(), v.steeringAngleRad(),
                v.wheel(Vehicle.FRONT_LEFT).slipRatio(), v.wheel(Vehicle.FRONT_RIGHT).slipRatio(),
                v.wheel(Vehicle.REAR_LEFT).slipRatio(), v.wheel(Vehicle.REAR_RIGHT).slipRatio());
    }
}
