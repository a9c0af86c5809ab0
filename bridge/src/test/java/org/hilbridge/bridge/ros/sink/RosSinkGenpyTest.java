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
import org.hilbridge.bridge.ros.RosPython;
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

    /**
     * Issue 9: a rendered frame through the real photometric backend (fog), published with augment.primary =
     * augmented. genpy (the reference decoder) reads /camera/image_augmented as sensor_msgs/Image with exactly the
     * raw image's header and the AugmentedFrame's pixels; /camera/image carries the same augmented pixels; the
     * /camera/image_augmented/info record is a std_msgs/String holding JSON that Python's json module reads.
     */
    @Test
    void theAugmentedImageDecodesWithTheRawImagesHeader() throws Exception {
        SmallScene scene = new SmallScene();
        List<org.hilbridge.bridge.link.StreamInfo> streams = scene.streams.stream()
                .map(s -> s.kind().equals("camera") ? s.withAugmentation(org.hilbridge.bridge.link.ImageAugmentation.PRIMARY_AUGMENTED) : s).toList();
        RosSink sink = new RosSink(graph, MessageCatalog.standard(), streams, RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT);
        org.hilbridge.augment.AugmentedFrame fog = org.hilbridge.bridge.link.Augmentations.fog(scene.camera, 60);
        sink.accept(scene.camera);
        sink.accept(fog);
        List<String> topics = List.of("/camera/image_raw", "/camera/image_augmented", "/camera/image", "/camera/image_augmented/info");
        List<Genpy.Body> bodies = new ArrayList<>();
        for (String t : topics) {
            assertEquals(1, graph.published.get(t).size(), t);
            bodies.add(new Genpy.Body(graph.adverts.get(t).type().name(), graph.published.get(t).get(0)));
        }
        List<Map<String, String>> d = Genpy.decode(bodies);
        Map<String, String> raw = d.get(0);
        Map<String, String> aug = d.get(1);
        Map<String, String> primary = d.get(2);
        for (String k : List.of("header.seq", "header.stamp.secs", "header.stamp.nsecs", "header.frame_id", "height", "width", "encoding", "step")) {
            assertEquals(raw.get(k), aug.get(k), k);
            assertEquals(raw.get(k), primary.get(k), k);
        }
        assertEquals(String.valueOf(scene.camera.sequence()), aug.get("header.seq"));
        assertEquals("rgb8", aug.get("encoding"));
        String augMd5 = "len:" + fog.rgb8().length + " md5:" + md5(fog.rgb8());
        assertEquals(augMd5, aug.get("data"));
        assertEquals(augMd5, primary.get("data"), "primary augmented: /camera/image carries the augmented pixels");
        assertEquals("len:" + fog.rgb8().length + " md5:" + md5(scene.camera.image().rgbData()), raw.get("data"));
        String json = d.get(3).get("data");
        String checked = RosPython.runText("""
                import sys, json
                r = json.loads(sys.stdin.read())
                print(r['stream'], r['seq'], r['stamp_nanos'], r['frame_id'], r['outcome'], r['primary'], r['provenance']['backend'],
                      r['provenance']['parameters']['fog.visibility_m'])
                """, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 60).trim();
        assertEquals(scene.camera.streamId() + " " + scene.camera.sequence() + " " + scene.camera.captureNanos() + " " + scene.camera.frameId()
                + " " + fog.outcome() + " True photometric 60.0", checked);
    }

    private static String md5(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
    }
}
