package org.hilbridge.hil.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runner.streams(): the transports' stream catalog is the scenario's sensor list (launch/scenarios/offroad_course.yaml). */
@Timeout(60)
class StreamCatalogTest {
    @Test
    void everySensorIsAStreamWithItsCalibrationOrLayout() throws Exception {
        Scenario s = new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/offroad_course.yaml"), List.of());
        List<StreamInfo> streams = new Runner(s, TestScenarios.config("fast"), new PrintStream(OutputStream.nullOutputStream())).streams();
        assertEquals(List.of("ground_truth", "imu", "gnss", "wheel_odom", "front_camera", "lidar"), streams.stream().map(StreamInfo::streamId).toList());
        assertEquals(List.of("ground_truth", "imu", "gnss", "wheel_odometry", "camera", "lidar"), streams.stream().map(StreamInfo::kind).toList());
        assertEquals(List.of(50.0, 200.0, 10.0, 50.0, 30.0, 10.0), streams.stream().map(StreamInfo::rateHz).toList());
        StreamInfo camera = streams.get(4);
        assertEquals("front_camera_optical", camera.frameId());
        assertNotNull(camera.cameraInfo());
        assertEquals(640, camera.cameraInfo().width());
        assertEquals(480, camera.cameraInfo().height());
        assertEquals(1.2, camera.mount().xM());
        assertNull(camera.lidar());
        StreamInfo lidar = streams.get(5);
        assertEquals("vlp16", lidar.lidar().preset());
        assertEquals(16, lidar.lidar().channels());
        assertEquals("velodyne", lidar.frameId());
        assertNull(streams.get(1).cameraInfo());
        assertEquals("imu_link", streams.get(1).frameId());
    }
}
