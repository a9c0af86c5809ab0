package org.hilbridge.bridge.ros.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.sensor.SensorMount;
import org.junit.jupiter.api.Test;

/** /tf_static frames: REP-103's optical convention and the refusals. */
class SensorFramesTest {
    private static StreamInfo camera(String frame) {
        return new StreamInfo("front", "camera", 30, frame, new SensorMount(1, 0, 1, 0, 0, 0), null, null);
    }

    /** REP-103: optical z (forward) is body x, optical x (right) is body -y, optical y (down) is body -z. */
    @Test
    void theOpticalFrameLooksAlongTheBodyXAxis() {
        Rotation q = SensorFrames.opticalInBody();
        assertVector(new double[] {1, 0, 0}, q.toWorld(new Vec3(0, 0, 1), new Vec3()));
        assertVector(new double[] {0, -1, 0}, q.toWorld(new Vec3(1, 0, 0), new Vec3()));
        assertVector(new double[] {0, 0, -1}, q.toWorld(new Vec3(0, 1, 0), new Vec3()));
    }

    @Test
    void sensorsAtBaseLinkGetNoTransformAndBadFramesAreRefused() {
        List<StaticTransform> none = SensorFrames.staticTransforms(List.of(
                new StreamInfo("imu", "imu", 100, "base_link", SensorMount.atBaseLink(), null, null)), "base_link");
        assertTrue(none.isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SensorFrames.staticTransforms(List.of(camera("base_link")), "base_link"));
        assertTrue(e.getMessage().contains("a camera's frame_id names its optical frame"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SensorFrames.staticTransforms(List.of(
                new StreamInfo("imu", "imu", 100, "base_link", new SensorMount(1, 0, 0, 0, 0, 0), null, null)), "base_link"));
        assertTrue(e.getMessage().contains("give it a frame_id of its own"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SensorFrames.staticTransforms(List.of(
                new StreamInfo("imu", "imu", 100, "sensor_link", new SensorMount(1, 0, 0, 0, 0, 0), null, null),
                new StreamInfo("gnss", "gnss", 10, "sensor_link", new SensorMount(2, 0, 0, 0, 0, 0), null, null)), "base_link"));
        assertTrue(e.getMessage().contains("frame sensor_link of gnss gnss is already placed differently"), e.getMessage());
    }

    private static void assertVector(double[] expected, Vec3 v) {
        assertEquals(expected[0], v.x, 1e-12);
        assertEquals(expected[1], v.y, 1e-12);
        assertEquals(expected[2], v.z, 1e-12);
    }
}
