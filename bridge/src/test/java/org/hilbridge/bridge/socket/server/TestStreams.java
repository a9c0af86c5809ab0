package org.hilbridge.bridge.socket.server;

import java.util.List;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.sim.sensor.camera.TestImages;
import org.hilbridge.sim.sensor.imu.ImuSample;

/** The streams the server tests publish. */
final class TestStreams {
    static final long IMU_PERIOD_NANOS = 5_000_000; // 200 Hz

    private TestStreams() {
    }

    static List<StreamInfo> catalog(int cameraWidth, int cameraHeight) {
        return List.of(
                new StreamInfo("imu", "imu", 200, "imu_link", TestImages.mount(), null, null),
                new StreamInfo("front", "camera", 30, "front_optical", TestImages.mount(), TestImages.info(cameraWidth, cameraHeight), null));
    }

    static ImuSample imu(long seq) {
        return new ImuSample("imu", seq, seq * IMU_PERIOD_NANOS, "imu_link", 0.01 * seq, -0.5, 9.81, 0.001 * seq, 0, -0.002, 1e-4, 1e-6);
    }
}
