package org.hilbridge.sim.sensor;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Ground truth at the sensor's mount: the pose and motion of the mount frame, exact (no noise). Rigid-body
 * kinematics: p = p_cg + R r, v = v_cg + w x (R r), orientation R R_mount.
 */
public final class GroundTruthSensor extends PeriodicSensor {
    private final MountedFrame mount;
    private final Rotation frame = new Rotation();
    private final Vec3 position = new Vec3();
    private final Vec3 omegaWorld = new Vec3();
    private final Vec3 pointVelocity = new Vec3();
    private final Vec3 omegaFrame = new Vec3();

    public GroundTruthSensor(String streamId, String frameId, double rateHz, SensorMount mount) {
        super("ground_truth", streamId, frameId, rateHz);
        this.mount = new MountedFrame(mount);
    }

    @Override
    public GroundTruthSample sample(Vehicle v, long nowNanos) {
        mount.worldPose(v, position, frame);
        v.orientation().toWorld(v.angularVelocityBodyRadPerS(), omegaWorld);
        pointVelocity.cross(omegaWorld, mount.worldLever(v)).add(v.velocityWorldMps());
        frame.toBody(omegaWorld, omegaFrame);
        return new GroundTruthSample(streamId(), nextSequence(), nowNanos, frameId(),
                position.x, position.y, position.z, frame.qw(), frame.qx(), frame.qy(), frame.qz(),
                pointVelocity.x, pointVelocity.y, pointVelocity.z, omegaFrame.x, omegaFrame.y, omegaFrame.z,
                v.forwardSpeedMps(), v.yawRateRadPerS(), v.steeringAngleRad(),
                v.wheel(Vehicle.FRONT_LEFT).slipRatio(), v.wheel(Vehicle.FRONT_RIGHT).slipRatio(),
                v.wheel(Vehicle.REAR_LEFT).slipRatio(), v.wheel(Vehicle.REAR_RIGHT).slipRatio());
    }
}
