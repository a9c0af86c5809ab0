package org.hilbridge.tests.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;
import org.hilbridge.bridge.ros.sink.RosSink;
import org.hilbridge.bridge.ros.sink.RosSinkConfig;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.record.BagConnection;
import org.hilbridge.hil.record.BagWriter;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * Recording throughput (issue 8): the messages of the full default sensor set (the off-road course's camera,
 * LiDAR, IMU, GNSS, odometry, ground truth, tf and /clock, 1 s of sim time, serialised by the ROS sink) and a
 * stream of 1920x1080 rgb8 images (6.2 MB each), written with BagWriter (chunks, index, connection records,
 * close) against a plain FileChannel gathering write of the same bodies to a file, in the same run. MB/s of
 * message bytes, median of alternating trials; both into the page cache of one temporary folder (no fsync).
 */
final class BagBenchmark implements Benchmark {
    private static final int TRIALS = 5;
    private static final int IMAGES = 40;

    @Override
    public String name() {
        return "bag";
    }

    @Override
    public String description() {
        return "rosbag recording MB/s (full default sensor set; 1920x1080 images) against a plain FileChannel write of the same bytes";
    }

    /** One message to write. */
    private record Message(String topic, MessageType type, long timeNanos, ByteBuf body) {
    }

    @Override
    public void run(BenchReport report) throws Exception {
        Path dir = Files.createTempDirectory("hilbridge-bench-bag");
        try {
            List<Message> sensors = sensorSetMessages();
            report.note(sensors.size() + " messages, " + mb(bytes(sensors)) + " MB from 1 s of the full default sensor set; JDK " + Runtime.version());
            measure(report, "record_sensor_set", sensors, dir);
            List<Message> images = images();
            report.note(IMAGES + " 1920x1080 rgb8 images, " + mb(bytes(images)) + " MB");
            measure(report, "record_1920x1080", images, dir);
            for (Message m : sensors) {
                m.body().release();
            }
            for (Message m : images) {
                m.body().release();
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private void measure(BenchReport report, String metric, List<Message> messages, Path dir) throws IOException {
        long total = bytes(messages);
        double[] bag = new double[TRIALS];
        double[] plain = new double[TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            bag[t] = total / 1e6 / seconds(() -> writeBag(messages, dir.resolve("b.bag")));
            plain[t] = total / 1e6 / seconds(() -> writePlain(messages, dir.resolve("p.bin")));
        }
        report.figure(name(), metric + "_throughput", median(bag), "MB/s", "filechannel_write", median(plain));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static double seconds(IoAction a) throws IOException {
        long t0 = System.nanoTime();
        a.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void writeBag(List<Message> messages, Path file) throws IOException {
        Map<String, BagConnection> conns = new LinkedHashMap<>();
        try (BagWriter w = BagWriter.create(file)) {
            for (Message m : messages) {
                BagConnection c = conns.computeIfAbsent(m.topic(), t -> w.addConnection(t, m.type().name(), m.type().md5sum(), m.type().definition(),
                        "/hilbridge", false));
                w.write(c, m.timeNanos(), m.body().retainedDuplicate());
            }
        }
    }

    /** The reference: every body, in order, gathered into one FileChannel in batches of 64 buffers. */
    private static void writePlain(List<Message> messages, Path file) throws IOException {
        try (FileChannel f = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            List<ByteBuffer> batch = new ArrayList<>();
            for (Message m : messages) {
                batch.addAll(Arrays.asList(m.body().nioBuffers()));
                if (batch.size() >= 64) {
                    drain(f, batch);
                }
            }
            drain(f, batch);
        }
    }

    private static void drain(FileChannel f, List<ByteBuffer> batch) throws IOException {
        ByteBuffer[] bs = batch.toArray(ByteBuffer[]::new);
        long left = 0;
        for (ByteBuffer b : bs) {
            left += b.remaining();
        }
        while (left > 0) {
            left -= f.write(bs);
        }
        batch.clear();
    }

    /** The ROS sink's messages for 1 s of the off-road course, route follower driving (bodies kept, pooled). */
    private static List<Message> sensorSetMessages() throws Exception {
        Scenario s = DefaultScenario.load(List.of("duration_s=1"));
        BridgeConfig c = BridgeConfig.defaults();
        Runner r = new Runner(s, c, new PrintStream(OutputStream.nullOutputStream()));
        r.attachSynchronous(RouteFollower.along(s, c.controllerSpeedMps(), c.controllerLookaheadM()));
        List<Message> out = new ArrayList<>();
        long[] now = {0};
        RosGraph keep = new RosGraph() {
            @Override
            public Publisher advertise(String topic, MessageType type, boolean latched) {
                return new Publisher() {
                    @Override
                    public void publish(ByteBuf body) {
                        synchronized (out) {
                            out.add(new Message(topic, type, now[0], body));
                        }
                    }

                    @Override
                    public long droppedTotal() {
                        return 0;
                    }
                };
            }

            @Override
            public void subscribe(String topic, MessageType type, Consumer<ByteBuf> handler) {
            }
        };
        RosSink sink = new RosSink(keep, MessageCatalog.standard(), r.streams(), RosSinkConfig.defaults(), PooledByteBufAllocator.DEFAULT);
        r.attachLossless(new SampleSink() {
            @Override
            public String name() {
                return "bench";
            }

            @Override
            public void accept(SensorSample sample) {
                now[0] = sample.captureNanos();
                sink.accept(sample);
            }
        });
        r.run();
        return out;
    }

    /** 1920x1080 rgb8 bodies (pseudo-random pixels in direct buffers, as the image encoder's are), 30 Hz. */
    private static List<Message> images() {
        MessageType image = MessageCatalog.standard().type("sensor_msgs/Image");
        int size = 1920 * 1080 * 3 + 64;
        byte[] pixels = new byte[size];
        new Random(1).nextBytes(pixels);
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            out.add(new Message("/camera/image_raw", image, i * 33_333_333L, Unpooled.directBuffer(size).writeBytes(pixels)));
        }
        return out;
    }

    private static long bytes(List<Message> messages) {
        long n = 0;
        for (Message m : messages) {
            n += m.body().readableBytes();
        }
        return n;
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / 1e6);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
