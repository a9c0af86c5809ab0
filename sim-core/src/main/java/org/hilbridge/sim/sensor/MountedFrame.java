package org.hilbridge.sim.sensor;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * A sensor frame fixed to the vehicle at its mount, and its pose in the world at any instant by rigid-body
 * kinematics: position p = p_cg + R r, orientation R R_mount, where R is the body's orientation and r the
 * mount offset in base_link. Reuses its scratch: one caller at a time.
 */
public final class MountedFrame {
    private final Vec3 offset;
    private final Rotation mountRotation = new Rotation();
    private final Vec3 lever = new Vec3();

    public MountedFrame(SensorMount mount) {
        this.offset = new Vec3(mount.xM(), mount.yM(), mount.zM());
        mountRotation.setYawPitchRoll(mount.yawRad(), mount.pitchRad(), mount.rollRad());
    }

    /** The mount offset r in base_link (read-only view). */
    public Vec3 offset() {
        return offset;
    }

    /** The mount's rotation relative to base_link (read-only view). */
    public Rotation mountRotation() {
        return mountRotation;
    }

    /** Writes the frame's world position (and, if not null, its orientation) at the vehicle's current state. */
    public void worldPose(Vehicle v, Vec3 positionOut, Rotation orientationOut) {
        Rotation body = v.orientation();
        body.toWorld(offset, lever);
        positionOut.set(v.xM() + lever.x, v.yM() + lever.y, v.zM() + lever.z);
        if (orientationOut != null) {
            orientationOut.set(body).multiply(mountRotation);
        }
    }

    /** The lever R r from the CG to the frame in the world (valid until the next call). */
    public Vec3 worldLever(Vehicle v) {
        return v.orientation().toWorld(offset, lever);
    }
}
