package org.hilbridge.bridge.ros.sink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Outcome;
import org.hilbridge.bridge.link.ImageAugmentation;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.ros.mapping.AugmentInfoEncoder;
import org.hilbridge.bridge.ros.mapping.CameraInfoEncoder;
import org.hilbridge.bridge.ros.mapping.ClockEncoder;
import org.hilbridge.bridge.ros.mapping.DiagnosticStatusEntry;
import org.hilbridge.bridge.ros.mapping.DiagnosticsEncoder;
import org.hilbridge.bridge.ros.mapping.ImageEncoder;
import org.hilbridge.bridge.ros.mapping.ImuEncoder;
import org.hilbridge.bridge.ros.mapping.NavSatFixEncoder;
import org.hilbridge.bridge.ros.mapping.OdometryEncoder;
import org.hilbridge.bridge.ros.mapping.PointCloudEncoder;
import org.hilbridge.bridge.ros.mapping.SensorFrames;
import org.hilbridge.bridge.ros.mapping.TfEncoder;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.sink.TopicNames.Topic;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes samples on ROS topics (issue 5): each sample becomes its messages, serialised once into pooled
 * buffers and handed to the node's publishers, which share the one buffer among all subscribers.
 * <ul>
 * <li>camera: /camera/image_raw (rgb8, always the raw render), /camera/camera_info (same header), /camera/depth
 * (32FC1, m), /camera/semantic (mono8 class ids), /camera/image (rgb8, the primary image: what the autonomy
 * stack should subscribe to);
 * <li>augmented camera (issue 9; {@link ImageAugmentation}): /camera/image_augmented (rgb8, exactly the raw
 * image's header, pixels wrapped) and /camera/image_augmented/info (std_msgs/String, a JSON record per frame:
 * outcome, provenance, grounding scores; see {@link AugmentInfoEncoder}). /camera/image carries the raw render,
 * or the augmented pixels when the scenario's augment.primary = augmented; the outcome counts go on /diagnostics;
 * <li>lidar: /lidar/points (PointCloud2, velodyne XYZIRT); imu: /imu/data; gnss: /gnss/fix;
 * <li>wheel odometry: /vehicle/odom; ground truth: /ground_truth/odom (in the world frame); the one picked
 * by {@link OdomTfSource} also drives odom -> base_link on /tf;
 * <li>/tf_static (latched, at construction): base_link -> every sensor frame, camera optical frames included;
 * <li>/clock: the capture time of each sample newer than the last clock sent, before that sample's messages,
 * so a node with use_sim_time never sees a stamp from its future;
 * <li>/diagnostics: every {@code diagnosticsPeriodNanos} of sim time, the drops of every publisher.
 * </ul>
 * Every header stamp is the sample's capture time, every seq its sequence. Runs on the sink's own thread (the
 * runner gives each sink one); not thread-safe.
 */
public final class RosSink implements SampleSink {
    private static final Logger LOG = LoggerFactory.getLogger(RosSink.class);

    private final RosSinkConfig config;
    private final Map<String, StreamPublishers> byStream = new HashMap<>();
    private final Map<String, RosGraph.Publisher> byTopic = new LinkedHashMap<>();
    private final RosGraph.Publisher clock;
    private final RosGraph.Publisher tf;
    private final RosGraph.Publisher diagnostics;
    private final String tfStreamId;
    private final ImageEncoder images;
    private final CameraInfoEncoder cameraInfos;
    private final PointCloudEncoder clouds;
    private final ImuEncoder imus;
    private final NavSatFixEncoder fixes;
    private final OdometryEncoder odometry;
    private final TfEncoder tfs;
    private final ClockEncoder clocks;
    private final DiagnosticsEncoder diagnosticArrays;
    private final AugmentInfoEncoder augmentInfos;
    private final Map<String, long[]> outcomesByStream = new LinkedHashMap<>();
    private long lastClockNanos = -1;
    private long nextDiagnosticsNanos;
    private long diagnosticsSequence;

    /** The publishers of one stream (unused ones null). */
    private record StreamPublishers(String kind, RosGraph.Publisher main, RosGraph.Publisher cameraInfo, RosGraph.Publisher depth,
                                    RosGraph.Publisher semantic, RosGraph.Publisher primary, RosGraph.Publisher augmented,
                                    RosGraph.Publisher augmentInfo, ImageAugmentation augmentation) {
    }

    /**
     * Advertises every topic and publishes /tf_static.
     *
     * @throws IllegalArgumentException when two streams would share a topic, a camera's frame is not an optical
     *                                  frame, or the configured tf source has no stream
     * @throws IOException              when the master does not take a registration
     */
    public RosSink(RosGraph graph, MessageCatalog catalog, List<StreamInfo> streams, RosSinkConfig config, ByteBufAllocator alloc)
            throws IOException, InterruptedException {
        Objects.requireNonNull(graph, "graph");
        this.config = Objects.requireNonNull(config, "config");
        this.images = new ImageEncoder(alloc);
        this.cameraInfos = new CameraInfoEncoder(alloc);
        this.clouds = new PointCloudEncoder(alloc);
        this.imus = new ImuEncoder(alloc);
        this.fixes = new NavSatFixEncoder(alloc);
        this.odometry = new OdometryEncoder(alloc);
        this.tfs = new TfEncoder(alloc);
        this.clocks = new ClockEncoder(alloc);
        this.diagnosticArrays = new DiagnosticsEncoder(alloc);
        this.augmentInfos = new AugmentInfoEncoder(alloc);
        this.tfStreamId = tfStream(streams, config.tfSource());
        Map<String, String> owners = new HashMap<>();
        TopicNames t = config.topics();
        for (StreamInfo s : streams) {
            String id = s.streamId();
            StreamPublishers p = switch (s.kind()) {
                case "camera" -> new StreamPublishers(s.kind(),
                        advertise(graph, catalog, owners, t.resolve(Topic.IMAGE, id), "sensor_msgs/Image", false, s),
                        advertise(graph, catalog, owners, t.resolve(Topic.CAMERA_INFO, id), "sensor_msgs/CameraInfo", false, s),
                        advertise(graph, catalog, owners, t.resolve(Topic.DEPTH, id), "sensor_msgs/Image", false, s),
                        advertise(graph, catalog, owners, t.resolve(Topic.SEMANTIC, id), "sensor_msgs/Image", false, s),
                        advertise(graph, catalog, owners, t.resolve(Topic.IMAGE_PRIMARY, id), "sensor_msgs/Image", false, s),
                        s.augmentation().augmented()
                                ? advertise(graph, catalog, owners, t.resolve(Topic.IMAGE_AUGMENTED, id), "sensor_msgs/Image", false, s) : null,
                        s.augmentation().augmented()
                                ? advertise(graph, catalog, owners, t.resolve(Topic.AUGMENT_INFO, id), "std_msgs/String", false, s) : null,
                        s.augmentation());
                case "lidar" -> single(s, advertise(graph, catalog, owners, t.resolve(Topic.LIDAR, id), "sensor_msgs/PointCloud2", false, s));
                case "imu" -> single(s, advertise(graph, catalog, owners, t.resolve(Topic.IMU, id), "sensor_msgs/Imu", false, s));
                case "gnss" -> single(s, advertise(graph, catalog, owners, t.resolve(Topic.GNSS, id), "sensor_msgs/NavSatFix", false, s));
                case "wheel_odometry" -> single(s, advertise(graph, catalog, owners, t.resolve(Topic.ODOM, id), "nav_msgs/Odometry", false, s));
                case "ground_truth" -> single(s, advertise(graph, catalog, owners, t.resolve(Topic.GROUND_TRUTH, id), "nav_msgs/Odometry", false, s));
                default -> throw new IllegalArgumentException("stream " + id + " has kind '" + s.kind()
                        + "', which the ROS side does not map: allowed are camera, lidar, imu, gnss, wheel_odometry, ground_truth");
            };
            byStream.put(id, p);
            if (s.augmentation().augmented()) {
                outcomesByStream.put(id, new long[Outcome.values().length]);
            }
        }
        this.clock = advertise(graph, catalog, owners, t.resolve(Topic.CLOCK), "rosgraph_msgs/Clock", false, null);
        this.tf = advertise(graph, catalog, owners, t.resolve(Topic.TF), "tf2_msgs/TFMessage", false, null);
        this.diagnostics = advertise(graph, catalog, owners, t.resolve(Topic.DIAGNOSTICS), "diagnostic_msgs/DiagnosticArray", false, null);
        RosGraph.Publisher tfStatic = advertise(graph, catalog, owners, t.resolve(Topic.TF_STATIC), "tf2_msgs/TFMessage", true, null);
        tfStatic.publish(tfs.staticTransforms(SensorFrames.staticTransforms(streams, config.baseFrame()), 0));
        LOG.info("ROS topics: {}; odom -> {} on {} from {}", byTopic.keySet(), config.baseFrame(), t.resolve(Topic.TF),
                tfStreamId == null ? "nothing (no wheel odometry or ground truth stream)" : "stream " + tfStreamId);
    }

    private static StreamPublishers single(StreamInfo s, RosGraph.Publisher p) {
        return new StreamPublishers(s.kind(), p, null, null, null, null, null, null, ImageAugmentation.NONE);
    }

    private static String tfStream(List<StreamInfo> streams, OdomTfSource source) {
        String wheel = null;
        String truth = null;
        for (StreamInfo s : streams) {
            if (wheel == null && s.kind().equals("wheel_odometry")) {
                wheel = s.streamId();
            }
            if (truth == null && s.kind().equals("ground_truth")) {
                truth = s.streamId();
            }
        }
        if (source == OdomTfSource.WHEEL_ODOMETRY && wheel == null || source == OdomTfSource.GROUND_TRUTH && truth == null) {
            throw new IllegalArgumentException("tf source " + source + " is not allowed: the scenario has no "
                    + (source == OdomTfSource.WHEEL_ODOMETRY ? "wheel_odometry" : "ground_truth") + " sensor");
        }
        if (source == null) {
            return wheel != null ? wheel : truth;
        }
        return source == OdomTfSource.WHEEL_ODOMETRY ? wheel : truth;
    }

    private RosGraph.Publisher advertise(RosGraph graph, MessageCatalog catalog, Map<String, String> owners, String topic, String type,
                                         boolean latched, StreamInfo stream) throws IOException, InterruptedException {
        String owner = stream == null ? "hilbridge" : stream.kind() + " " + stream.streamId();
        String previous = owners.putIfAbsent(topic, owner);
        if (previous != null) {
            throw new IllegalArgumentException("topic " + topic + " would be published by both " + previous + " and " + owner
                    + ": rename one, or put " + TopicNames.STREAM_PLACEHOLDER + " in the topic name (e.g. /" + TopicNames.STREAM_PLACEHOLDER + "/image_raw)");
        }
        RosGraph.Publisher p = graph.advertise(topic, catalog.type(type), latched);
        byTopic.put(topic, p);
        return p;
    }

    @Override
    public String name() {
        return "ros";
    }

    @Override
    public void accept(SensorSample sample) {
        StreamPublishers p = byStream.get(sample.streamId());
        if (p == null) {
            throw new IllegalArgumentException("sample of stream " + sample.streamId() + " was not announced to the ROS sink (known: " + byStream.keySet() + ")");
        }
        long t = sample.captureNanos();
        if (t > lastClockNanos) {
            lastClockNanos = t;
            clock.publish(clocks.encode(t));
        }
        if (sample instanceof CameraFrame f) {
            ByteBuf raw = images.rgb8(f);
            if (!p.augmentation().primaryAugmented()) {
                p.primary().publish(raw.retainedDuplicate()); // one body, two topics: the pixels are shared, not copied
            }
            p.main().publish(raw);
            p.cameraInfo().publish(cameraInfos.encode(f));
            p.depth().publish(images.depth32FC1(f));
            p.semantic().publish(images.semanticMono8(f));
        } else if (sample instanceof AugmentedFrame a) {
            publishAugmented(p, a);
        } else if (sample instanceof PointCloudSample c) {
            p.main().publish(clouds.encode(c));
        } else if (sample instanceof ImuSample s) {
            p.main().publish(imus.encode(s));
        } else if (sample instanceof GnssSample s) {
            p.main().publish(fixes.encode(s));
        } else if (sample instanceof OdometrySample s) {
            p.main().publish(odometry.wheel(s));
            if (s.streamId().equals(tfStreamId)) {
                tf.publish(tfs.fromWheelOdometry(s));
            }
        } else if (sample instanceof GroundTruthSample s) {
            p.main().publish(odometry.groundTruth(s, config.worldFrame()));
            if (s.streamId().equals(tfStreamId)) {
                tf.publish(tfs.fromGroundTruth(s, config.odomFrame()));
            }
        } else {
            throw new IllegalArgumentException("sample " + sample + " of stream " + sample.streamId() + " has a type the ROS sink does not map");
        }
        if (t >= nextDiagnosticsNanos) {
            nextDiagnosticsNanos = t + config.diagnosticsPeriodNanos();
            publishDiagnostics(t);
        }
    }

    /** An augmented frame: its image (raw frame's header), its record, and the primary image when it is the primary one. */
    private void publishAugmented(StreamPublishers p, AugmentedFrame a) {
        if (!p.augmentation().augmented()) {
            throw new IllegalArgumentException("augmented frame " + a.sequence() + " of stream " + a.streamId()
                    + " was not announced: the stream's augmentation is NONE (StreamInfo.augmentation)");
        }
        ByteBuf image = images.rgb8(a);
        if (p.augmentation().primaryAugmented()) {
            p.primary().publish(image.retainedDuplicate());
        }
        p.augmented().publish(image);
        p.augmentInfo().publish(augmentInfos.encode(a, p.augmentation().primaryAugmented()));
        outcomesByStream.get(a.streamId())[a.outcome().ordinal()]++;
    }

    /** The outcome counts of one augmented camera so far; WARN when any frame went out raw (rejected, late, failed). */
    private static DiagnosticStatusEntry augmentationStatus(String streamId, long[] counts) {
        Map<String, String> values = new LinkedHashMap<>();
        long raw = 0;
        for (Outcome o : Outcome.values()) {
            values.put(o.name().toLowerCase(java.util.Locale.ROOT), Long.toString(counts[o.ordinal()]));
            if (o.isRaw()) {
                raw += counts[o.ordinal()];
            }
        }
        String message = raw == 0 ? counts[Outcome.AUGMENTED.ordinal()] + " frames augmented"
                : raw + " frames went out raw (rejected, late or failed) of " + (raw + counts[Outcome.AUGMENTED.ordinal()]);
        return new DiagnosticStatusEntry(raw == 0 ? DiagnosticStatusEntry.OK : DiagnosticStatusEntry.WARN,
                "hilbridge: augmentation " + streamId, message, "hilbridge", values);
    }

    /** One status: every topic's dropped message count; WARN when any dropped. */
    private void publishDiagnostics(long stampNanos) {
        Map<String, String> values = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, RosGraph.Publisher> e : byTopic.entrySet()) {
            long d = e.getValue().droppedTotal();
            total += d;
            values.put("dropped " + e.getKey(), Long.toString(d));
        }
        int level = total == 0 ? DiagnosticStatusEntry.OK : DiagnosticStatusEntry.WARN;
        String message = total == 0 ? "no messages dropped" : total + " messages dropped for slow subscribers";
        List<DiagnosticStatusEntry> statuses = new ArrayList<>(1);
        statuses.add(new DiagnosticStatusEntry(level, "hilbridge: ROS publishers", message, "hilbridge", values));
        for (Map.Entry<String, long[]> e : outcomesByStream.entrySet()) {
            statuses.add(augmentationStatus(e.getKey(), e.getValue()));
        }
        ByteBuf body = diagnosticArrays.encode(diagnosticsSequence++, stampNanos, statuses);
        diagnostics.publish(body);
    }
}
