package org.hilbridge.bridge.ros.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.sensor.SensorMount;

/**
 * The fixed sensor frames for /tf_static (REP-105: every sensor frame hangs off base_link): base_link ->
 * each IMU, GNSS and LiDAR frame at its mount. A camera's samples are in its optical frame (REP-103: z
 * forward, x right, y down), so a camera gets two: base_link -> {@code <stream>_link} at the mount (x forward,
 * y left, z up) and {@code <stream>_link} -> the optical frame (its frame_id), the fixed rotation roll -90 deg,
 * yaw -90 deg (the usual camera_link -> camera_optical_frame transform of ROS camera drivers). Ground truth
 * and wheel odometry are not sensor frames (their poses travel on /tf and their own topics) and get none.
 */
public final class SensorFrames {
    /** The optical frame in the camera body frame: roll -pi/2, pitch 0, yaw -pi/2. */
    static Rotation opticalInBody() {
        return new Rotation().setYawPitchRoll(-StrictMath.PI / 2, 0, -StrictMath.PI / 2);
    }

    private SensorFrames() {
    }

    /** The camera body frame's name for a camera stream. */
    public static String cameraBodyFrame(StreamInfo camera) {
        return camera.streamId() + "_link";
    }

    /**
     * @throws IllegalArgumentException when a sensor's frame is base_link itself, or two streams put the same
     *                                  frame at different mounts
     */
    public static List<StaticTransform> staticTransforms(List<StreamInfo> streams, String baseLink) {
        Map<String, StaticTransform> byChild = new LinkedHashMap<>();
        for (StreamInfo s : streams) {
            switch (s.kind()) {
                case "ground_truth", "wheel_odometry" -> {
                }
                case "camera" -> {
                    String body = cameraBodyFrame(s);
                    requireNotBase(s, baseLink);
                    put(byChild, mounted(baseLink, body, s.mount()), s);
                    Rotation q = opticalInBody();
                    put(byChild, new StaticTransform(body, s.frameId(), 0, 0, 0, q.qx(), q.qy(), q.qz(), q.qw()), s);
                }
                default -> {
                    if (s.frameId().equals(baseLink)) {
                        if (!s.mount().equals(SensorMount.atBaseLink())) {
                            throw new IllegalArgumentException(s.kind() + " " + s.streamId() + " has frame_id " + baseLink + " but a mount away from it ("
                                    + s.mount() + "): give it a frame_id of its own, e.g. " + s.streamId() + "_link");
                        }
                        continue; // at base_link: nothing to publish
                    }
                    put(byChild, mounted(baseLink, s.frameId(), s.mount()), s);
                }
            }
        }
        return new ArrayList<>(byChild.values());
    }

    private static void requireNotBase(StreamInfo camera, String baseLink) {
        if (camera.frameId().equals(baseLink) || camera.frameId().equals(cameraBodyFrame(camera))) {
            throw new IllegalArgumentException("camera " + camera.streamId() + " has frame_id " + camera.frameId()
                    + ": a camera's frame_id names its optical frame (z forward, x right, y down), so it must differ from " + baseLink
                    + " and " + cameraBodyFrame(camera) + ", e.g. " + camera.streamId() + "_optical_frame");
        }
    }

    private static StaticTransform mounted(String parent, String child, SensorMount m) {
        Rotation q = new Rotation().setYawPitchRoll(m.yawRad(), m.pitchRad(), m.rollRad());
        return new StaticTransform(parent, child, m.xM(), m.yM(), m.zM(), q.qx(), q.qy(), q.qz(), q.qw());
    }

    private static void put(Map<String, StaticTransform> byChild, StaticTransform t, StreamInfo s) {
        StaticTransform old = byChild.putIfAbsent(t.child(), t);
        if (old != null && !old.equals(t)) {
            throw new IllegalArgumentException("frame " + t.child() + " of " + s.kind() + " " + s.streamId()
                    + " is already placed differently by another stream (" + old + "): give each mount its own frame_id");
        }
    }
}
