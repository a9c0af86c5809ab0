package org.hilbridge.sim.sensor;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Ground truth at the sensor's mount: the pose and motion of the mount frame, exact (no noise). Rigid-body
 * kinematics: p = p_cg + R r, v = v_cg + w x (R r), orientation R R_mount.
 */
public final class GroundTruthSensor extends BufferedPeriodicSensor<GroundTruthSample> {
    private static final int READING_LENGTH = 20;
    private final MountedFrame mount;
    private final Rotation frame = new Rotation();
    private final Vec3 position = new Vec3();
    private final Vec3 omegaWorld = new Vec3();
    private final Vec3 pointVelocity = new Vec3();
    private final Vec3 omegaFrame = new Vec3();

    public GroundTruthSensor(String streamId, String frameId, double rateHz, SensorMount mount) {
        super("ground_truth", streamId, frameId, rateHz, READING_LENGTH);
        this.mount = new MountedFrame(mount);
    }

    @Override
    public long read(Vehicle v, long nowNanos, double[] out) {
        mount.worldPose(v, position, frame);
        v.orientation().toWorld(v.angularVelocityBodyRadPerS(), omegaWorld);
        pointVelocity.cross(omegaWorld, mount.worldLever(v)).add(v.velocityWorldMps());
        frame.toBody(omegaWorld, omegaFrame);
        out[0] = position.x;
        out[1] = position.y;
        out[2] = position.z;
        out[3] = frame.qw();
        out[4] = frame.qx();
        out[5] = frame.qy();
        out[6] = frame.qz();
        out[7] = pointVelocity.x;
        out[8] = pointVelocity.y;
        out[9] = pointVelocity.z;
        out[10] = omegaFrame.x;
        out[11] = omegaFrame.y;
        out[12] = omegaFrame.z;
        out[13] = v.forwardSpeedMps();
        out[14] = v.yawRateRadPerS();
        out[15] = v.steeringAngleRad();
        out[16] = v.wheel(Vehicle.FRONT_LEFT).slipRatio();
        out[17] = v.wheel(Vehicle.FRONT_RIGHT).slipRatio();
        out[18] = v.wheel(Vehicle.REAR_LEFT).slipRatio();
        out[19] = v.wheel(Vehicle.REAR_RIGHT).slipRatio();
        return nextSequence();
    }

    @Override
    public GroundTruthSample seal(long sequence, long captureNanos, double[] reading) {
        return new GroundTruthSample(streamId(), sequence, captureNanos, frameId(), reading[0], reading[1], reading[2], reading[3], reading[4], reading[5], reading[6],
                reading[7], reading[8], reading[9], reading[10], reading[11], reading[12], reading[13], reading[14], reading[15], reading[16], reading[17], reading[18], reading[19]);
    }
}
