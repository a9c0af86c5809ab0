package org.hilbridge.sim.sensor.camera;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * A camera on the vehicle: each sample renders the scene from the camera's pose at that instant
 * ({@link CameraRenderer}). The mount places the camera's body frame (x forward, y left, z up) relative to
 * the vehicle's base_link, as for every sensor (the pose is taken as GroundTruthSensor takes it: p = p_cg + R r,
 * orientation R R_mount); the image is in the optical frame below it (z forward, x right, y down), which
 * {@code frameId} names. Samples are rendered on the executor given, split into {@code tiles} bands of rows;
 * the result does not depend on either. Not thread-safe: one sample at a time.
 */
public final class CameraSensor implements Sensor {
    private final String streamId;
    private final String frameId;
    private final double rateHz;
    private final CameraRenderer renderer;
    private final CameraInfoData cameraInfo;
    private final Vec3 offset;
    private final Rotation mountRotation = new Rotation();
    private final Rotation pose = new Rotation();
    private final Vec3 lever = new Vec3();
    private final Vec3 position = new Vec3();
    private long nextSequence;

    public CameraSensor(String streamId, String frameId, double rateHz, SensorMount mount, CameraParams params, Scene scene,
                        Executor executor, int tiles) {
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        this.frameId = Objects.requireNonNull(frameId, "frameId");
        if (!(rateHz > 0) || !Double.isFinite(rateHz)) {
            throw new IllegalArgumentException("sensor " + streamId + " rate_hz = " + CameraParams.num(rateHz) + " is not allowed: it must be a finite number > 0");
        }
        this.rateHz = rateHz;
        this.offset = new Vec3(mount.xM(), mount.yM(), mount.zM());
        mountRotation.setYawPitchRoll(mount.yawRad(), mount.pitchRad(), mount.rollRad());
        this.renderer = new CameraRenderer(params, scene, executor, tiles);
        this.cameraInfo = CameraInfoData.of(params);
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public double rateHz() {
        return rateHz;
    }

    public String frameId() {
        return frameId;
    }

    public CameraInfoData cameraInfo() {
        return cameraInfo;
    }

    public CameraRenderer renderer() {
        return renderer;
    }

    @Override
    public CameraFrame sample(Vehicle vehicle, long nowNanos) {
        Rotation body = vehicle.orientation();
        body.toWorld(offset, lever);
        position.set(vehicle.xM() + lever.x, vehicle.yM() + lever.y, vehicle.zM() + lever.z);
        pose.set(body).multiply(mountRotation);
        CameraImage image = renderer.render(position, pose);
        return new CameraFrame(streamId, nextSequence++, nowNanos, frameId, image, cameraInfo);
    }
}
