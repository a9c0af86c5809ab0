package org.hilbridge.bridge.ros.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.ros.Genpy;
import org.hilbridge.bridge.ros.mapping.SmallScene;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.sim.sensor.SensorSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every body RosSink publishes for a real scene's samples, decoded by genpy as the advertised type: every
 * header stamp is its sample's capture time and seq its sequence, CameraInfo carries its image's header, and
 * /clock is never behind a stamp already published (DESIGN.md: headers and /clock agree to the nanosecond).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RosSinkGenpyTest {
    private final RecordingGraph graph = new RecordingGraph();

    @AfterEach
    void release() {
        graph.releaseAll();
    }

    @Test
    void stampsAreCaptureTimesAndTheClockAgrees() throws Exception {
        SmallScene scene = new SmallScene();
        RosSink sink = new RosSink(graph, MessageCatalog.standard(), scene.streams, RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT);
        List<SensorSample> samples = List.of(scene.cloud, scene.odometry, scene.camera, scene.imu, scene.gnss, scene.groundTruth);
        for (SensorSample s : samples) {
            sink.accept(s);
        }
        List<Genpy.Body> bodies = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        graph.published.forEach((topic, list) -> {
            for (ByteBuf b : list) {
                bodies.add(new Genpy.Body(graph.adverts.get(topic).type().name(), b));
                topics.add(topic);
            }
        });
        List<Map<String, String>> decoded = Genpy.decode(bodies);
        Map<String, SensorSample> byTopic = Map.of("/lidar/points", scene.cloud, "/vehicle/odom", scene.odometry, "/camera/image_raw", scene.camera,
                "/camera/camera_info", scene.camera, "/camera/depth", scene.camera, "/camera/semantic", scene.camera, "/imu/data", scene.imu,
                "/gnss/fix", scene.gnss, "/ground_truth/odom", scene.groundTruth);
        List<Long> clock = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < decoded.size(); i++) {
            Map<String, String> m = decoded.get(i);
            String topic = topics.get(i);
            SensorSample s = byTopic.get(topic);
            if (s != null) {
                assertEquals(String.valueOf(s.captureNanos() / 1_000_000_000L), m.get("header.stamp.secs"), topic);
                assertEquals(String.valueOf(s.captureNanos() % 1_000_000_000L), m.get("header.stamp.nsecs"), topic);
                assertEquals(String.valueOf(s.sequence()), m.get("header.seq"), topic);
                checked++;
            } else if (topic.equals("/clock")) {
                clock.add(Long.parseLong(m.get("clock.secs")) * 1_000_000_000L + Long.parseLong(m.get("clock.nsecs")));
            } else if (topic.equals("/tf")) {
                assertEquals(String.valueOf(scene.odometry.captureNanos() % 1_000_000_000L), m.get("transforms.0.header.stamp.nsecs"));
            }
        }
        assertEquals(9, checked, "every sensor topic published once");
        // Samples arrive here in the order above; the clock follows the newest capture time, never going back.
        assertEquals(List.of(scene.cloud.captureNanos(), scene.odometry.captureNanos(), scene.camera.captureNanos()), clock);
        assertTrue(scene.cloud.captureNanos() < scene.odometry.captureNanos() && scene.odometry.captureNanos() < scene.camera.captureNanos());
    }
}
