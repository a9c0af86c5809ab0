package org.hilbridge.sim.sensor.camera;

import java.util.concurrent.Executor;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.MountedFrame;
import org.hilbridge.sim.sensor.PeriodicSensor;
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
public final class CameraSensor extends PeriodicSensor {
    private final CameraRenderer renderer;
    private final CameraInfoData cameraInfo;
    private final MountedFrame mount;
    private final Rotation pose = new Rotation();
    private final Vec3 position = new Vec3();

    public CameraSensor(String streamId, String frameId, double rateHz, SensorMount mount, CameraParams params, Scene scene,
                        Executor executor, int tiles) {
        this(streamId, frameId, rateHz, mount, params, scene, executor, tiles, CameraRenderer.DEFAULT_LOD_TOLERANCE_PX);
    }

    /** As above, with the terrain's level-of-detail tolerance in pixels (0: full detail; {@link CameraRenderer}). */
    public CameraSensor(String streamId, String frameId, double rateHz, SensorMount mount, CameraParams params, Scene scene,
                        Executor executor, int tiles, double lodTolerancePx) {
        super("camera", streamId, frameId, rateHz);
        this.mount = new MountedFrame(mount);
        this.renderer = new CameraRenderer(params, scene, executor, tiles, lodTolerancePx);
        this.cameraInfo = CameraInfoData.of(params);
    }

    public CameraInfoData cameraInfo() {
        return cameraInfo;
    }

    public CameraRenderer renderer() {
        return renderer;
    }

    @Override
    public CameraFrame sample(Vehicle vehicle, long nowNanos) {
        mount.worldPose(vehicle, position, pose);
        CameraImage image = renderer.render(position, pose);
        return new CameraFrame(streamId(), nextSequence(), nowNanos, frameId(), image, cameraInfo);
    }

    /**
     * The camera's pose and stamp at a capture instant, to be rendered later by {@link #render(Capture)}:
     * a runner may go on stepping the physics while the frame renders, and the frame is the same as
     * {@link #sample} would have made at that instant.
     */
    public record Capture(long sequence, long captureNanos, Vec3 positionM, Rotation orientation) {
    }

    /** Takes the pose and the next sequence number now (cheap, on the simulation thread). */
    public Capture capture(Vehicle vehicle, long nowNanos) {
        Vec3 p = new Vec3();
        Rotation r = new Rotation();
        mount.worldPose(vehicle, p, r);
        return new Capture(nextSequence(), nowNanos, p, r);
    }

    /** Renders a capture. One render at a time per camera (the renderer reuses its buffers). */
    public CameraFrame render(Capture c) {
        return render(c.sequence(), c.captureNanos(), c.positionM(), c.orientation());
    }

    /** Renders a capture into {@code into} (from this camera's {@link CameraImagePool}): the frame {@link #render(Capture)} gives. */
    public CameraFrame render(Capture c, CameraImage into) {
        return render(c.sequence(), c.captureNanos(), c.positionM(), c.orientation(), into);
    }

    /**
     * {@link #capture} into the caller's reusable pose (allocating nothing, for a realtime simulation thread):
     * writes the camera's position and orientation at this instant and returns the sequence number taken.
     * Render it with {@link #render(long, long, Vec3, Rotation)}; the pose must not change while it renders.
     */
    public long captureInto(Vehicle vehicle, Vec3 positionM, Rotation orientation) {
        mount.worldPose(vehicle, positionM, orientation);
        return nextSequence();
    }

    /**
     * As {@link #sample}, rendered into {@code into} (from this camera's {@link CameraImagePool}): the same
     * frame, bit for bit (the renderer overwrites every value; CameraDeterminismTest).
     */
    public CameraFrame sample(Vehicle vehicle, long nowNanos, CameraImage into) {
        mount.worldPose(vehicle, position, pose);
        return new CameraFrame(streamId(), nextSequence(), nowNanos, frameId(), renderer.render(position, pose, into), cameraInfo);
    }

    /** As {@link #render(long, long, Vec3, Rotation)}, rendered into {@code into} (from this camera's {@link CameraImagePool}). */
    public CameraFrame render(long sequence, long captureNanos, Vec3 positionM, Rotation orientation, CameraImage into) {
        return new CameraFrame(streamId(), sequence, captureNanos, frameId(), renderer.render(positionM, orientation, into), cameraInfo);
    }

    /** Renders the frame of a pose taken by {@link #captureInto}; the same frame {@link #render(Capture)} gives. */
    public CameraFrame render(long sequence, long captureNanos, Vec3 positionM, Rotation orientation) {
        return new CameraFrame(streamId(), sequence, captureNanos, frameId(), renderer.render(positionM, orientation), cameraInfo);
    }
}
